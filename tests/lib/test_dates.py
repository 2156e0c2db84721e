"""Dates typed into three boxes, read the GOV.UK way, with messages that say what to fix."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.lib.dates import DateProblem, date_from_parts, parts_of


def test_it_reads_a_date() -> None:
    assert date_from_parts("14", "1", "2022", "Deadline") == date(2022, 1, 14)


def test_it_reads_month_names() -> None:
    assert date_from_parts("14", "Jan", "2022", "Deadline") == date(2022, 1, 14)
    assert date_from_parts(" 7 ", "september", "2021", "Deadline") == date(2021, 9, 7)


def test_three_empty_boxes_are_no_date() -> None:
    assert date_from_parts("", " ", "", "Deadline") is None


@pytest.mark.parametrize(
    ("parts", "message", "marked"),
    [
        (("14", "", "2022"), "Deadline must include a month", ("month",)),
        (("", "", "2022"), "Deadline must include a day and a month", ("day", "month")),
        (("31", "2", "2022"), "Deadline must be a real date", ("day", "month", "year")),
        (("1", "13", "2022"), "Deadline must be a real date", ("day", "month", "year")),
        (("x", "1", "2022"), "Deadline must be a real date", ("day", "month", "year")),
        (("1", "1", "22"), "Year must include 4 numbers", ("year",)),
    ],
)
def test_it_says_what_to_fix(parts: tuple[str, str, str], message: str, marked: tuple) -> None:
    with pytest.raises(DateProblem) as caught:
        date_from_parts(*parts, "Deadline")
    assert str(caught.value) == message
    assert caught.value.parts == marked


@given(st.dates(min_value=date(1000, 1, 1)))
def test_a_date_shown_in_the_boxes_reads_back_as_itself(day: date) -> None:
    parts = parts_of(day)
    assert date_from_parts(parts["day"], parts["month"], parts["year"], "Date") == day


def test_no_date_shows_empty_boxes() -> None:
    assert parts_of(None) == {"day": "", "month": "", "year": ""}
