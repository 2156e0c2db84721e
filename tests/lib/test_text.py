"""Typed text loses its bidirectional controls and keeps its words; a paragraph's direction."""

from __future__ import annotations

import pytest

from headway.dataio.cells import text
from headway.lib.text import clean_data, clean_text, is_right_to_left

OVERRIDE = "Budget \u202eterces\u202c agreed \u2066\u05e9\u05dc\u05d5\u05dd\u2069 today"


def test_it_drops_every_bidirectional_control_and_keeps_the_words() -> None:
    controls = "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
    assert clean_text(f"a{controls}b") == "ab"
    assert clean_text(OVERRIDE) == "Budget terces agreed \u05e9\u05dc\u05d5\u05dd today"


def test_it_drops_controls_no_office_file_can_hold_but_keeps_tabs_and_lines() -> None:
    assert clean_text("bell\x07 escape\x1b null\x00 tab\t line\nend\r\n") == (
        "bell escape null tab\t line\nend\r\n"
    )


def test_it_keeps_marks_that_only_hint_a_direction() -> None:
    # The left-to-right and right-to-left marks cannot reverse anything around them.
    assert clean_text("a\u200eb\u200fc") == "a\u200eb\u200fc"


def test_it_cleans_a_parsed_body_at_any_depth() -> None:
    body = {"narrative": OVERRIDE, "milestones": [{"title": "\u202bGo-live"}], "version": 3}
    assert clean_data(body) == {
        "narrative": clean_text(OVERRIDE),
        "milestones": [{"title": "Go-live"}],
        "version": 3,
    }


def test_an_imported_cell_is_cleaned() -> None:
    assert text(f"  {OVERRIDE}  ") == clean_text(OVERRIDE)


@pytest.mark.parametrize(
    ("words", "right_to_left"),
    [
        ("\u05e9\u05dc\u05d5\u05dd and peace", True),
        ("Peace \u05e9\u05dc\u05d5\u05dd", False),
        ("2021 \u0645\u0631\u062d\u0628\u0627", True),
        ("12 345", False),
    ],
)
def test_a_paragraph_reads_the_way_its_first_strong_letter_does(
    words: str, right_to_left: bool
) -> None:
    assert is_right_to_left(words) is right_to_left
