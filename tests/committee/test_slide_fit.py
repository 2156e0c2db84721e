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


def test_a_row_taller_than_a_slide_has_a_slide_of_its_own() -> None:
    giant = ("Everything", "Red", "; ".join([MILESTONES] * 12))
    pages = table_pages(HEADER, [short_row(1), giant, short_row(2)], most=8)
    assert pages == [[short_row(1)], [giant], [short_row(2)]]


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
