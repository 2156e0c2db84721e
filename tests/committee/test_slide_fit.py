"""Tables and bullets are paged by the room they take on a slide, not only by their count."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from headway.committee.document import Status
from headway.committee.slide_fit import (
    ROOM,
    bullet_inches,
    bullet_pages,
    table_inches,
    table_pages,
    title_points,
    wrap,
    wrapped_lines,
)

HEADER = ("Initiative", "Status", "Milestones")
MILESTONES = (
    "Supplier appointed (14 September 2021); Build and testing complete (10 January 2022); "
    "Go-live (31 March 2022); Lessons learnt reported to the board (30 April 2022)"
)


def short_row(k: int) -> tuple[str, Status | str, str]:
    return (f"Initiative {k}", Status("Green", "#00703c"), "None")


def long_row(k: int) -> tuple[str, Status | str, str]:
    return (f"Initiative {k} with a name long enough to wrap in its column", "Amber", MILESTONES)


def test_short_rows_fill_a_slide_up_to_the_most_it_takes() -> None:
    pages = table_pages(HEADER, [short_row(k) for k in range(20)], most=8)
    assert [len(page) for page in pages] == [8, 8, 4]


def test_long_rows_take_fewer_to_a_slide_and_every_page_fits() -> None:
    rows = [long_row(k) for k in range(20)]
    pages = table_pages(HEADER, rows, most=8)
    assert max(len(page) for page in pages) < 8
    assert all(table_inches(HEADER, page) <= ROOM for page in pages)
    assert [row for page in pages for row in page] == rows


def test_nothing_to_page_gives_no_pages() -> None:
    assert table_pages(HEADER, [], most=8) == []
    assert bullet_pages([], most=8) == []


def test_long_bullets_take_fewer_to_a_slide() -> None:
    short = [f"Point {k}." for k in range(10)]
    assert [len(page) for page in bullet_pages(short, most=8)] == [8, 2]
    long = [f"Completed: {MILESTONES} and {MILESTONES}." for _ in range(10)]
    pages = bullet_pages(long, most=8)
    assert max(len(page) for page in pages) < 8
    assert all(sum(bullet_inches(line) for line in page) <= ROOM for page in pages)


words = st.lists(st.text("abcdefghij", min_size=1, max_size=12), min_size=1, max_size=40)


@given(words, st.integers(min_value=12, max_value=80))
def test_lines_are_counted_as_a_word_wrap_makes_them(text: list[str], width: int) -> None:
    joined = " ".join(text)
    assert wrapped_lines(joined, width) == len(textwrap.wrap(joined, width))


def test_a_word_longer_than_a_line_breaks_where_it_must() -> None:
    assert wrapped_lines("x" * 25, 10) == 3
    assert wrapped_lines("first\nsecond", 40) == 2


LONG_WORD = "Supercalifragilistic" * 150


def test_wrapping_breaks_a_word_longer_than_a_line_and_loses_nothing() -> None:
    text = f"Went live. {LONG_WORD} Then\ntrained staff."
    lines = wrap(text, 40)
    assert max(len(line) for _, line in lines) == 40
    assert len(lines) == wrapped_lines(text, 40)
    assert "".join(joint + line for joint, line in lines) == text


def test_a_row_taller_than_a_slide_carries_on_in_rows_that_each_fit() -> None:
    giant = ("Replace payroll", Status("Red", "#d4351c"), f"Went live. {LONG_WORD} Then trained.")
    pages = table_pages(HEADER, [short_row(1), giant, short_row(2)], most=8)
    assert all(table_inches(HEADER, page) <= ROOM for page in pages)
    pieces = [row for page in pages for row in page if row not in (short_row(1), short_row(2))]
    assert len(pieces) > 1
    assert pieces[0][0] == "Replace payroll"
    assert {row[0] for row in pieces[1:]} == {"Replace payroll (continued)"}
    assert {row[1] for row in pieces} == {giant[1]}
    # Nothing lost: the pieces put back together are the narrative (bar the spaces at cuts).
    assert "".join(str(row[2]) for row in pieces).replace(" ", "") == giant[2].replace(" ", "")


def test_a_bullet_taller_than_a_slide_is_split_into_pieces_that_fit() -> None:
    pages = bullet_pages(["Short point.", f"Long {LONG_WORD} point.", "Last."], most=8)
    assert all(sum(bullet_inches(line) for line in page) <= ROOM for page in pages)
    assert "".join(line for page in pages for line in page).replace(" ", "") == (
        f"Short point.Long {LONG_WORD} point.Last.".replace(" ", "")
    )


def test_a_title_takes_a_smaller_size_when_it_would_not_fit_its_box() -> None:
    assert title_points("Priority 1: Customer first") == 30
    assert title_points("Key projects: " + "a very long name " * 6) < 30
    assert title_points(LONG_WORD[:250]) <= 18
