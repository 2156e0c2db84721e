"""The readers of single cells: every input gives a value or a CellError, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.dataio.cells import (
    FORMULA_STARTS,
    CellError,
    Formula,
    parse_date,
    parse_percent,
    parse_reference,
    parse_whole_number,
    parse_yes_no,
    split_list,
    text,
    unneutralise,
)
from headway.dataio.writing import csv_value, neutralise

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31))
anything = st.one_of(
    st.none(),
    st.text(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


@given(dates)
def test_dates_read_in_every_accepted_form(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(f" {day.isoformat()} ") == day
    assert parse_date(dt.datetime(day.year, day.month, day.day)) == day
    assert parse_date(day) == day


@given(anything)
def test_a_date_cell_gives_a_date_blank_or_an_explanation(value):
    try:
        result = parse_date(value)
    except CellError as error:
        assert "date" in error.message
    else:
        assert result is None or isinstance(result, dt.date)


@given(st.integers(1, 12), st.integers(32, 99), st.integers(1900, 2999))
def test_days_that_do_not_exist_are_refused(month, day, year):
    with pytest.raises(CellError, match=r"is not a date\. Write dates as 2022-03-31"):
        parse_date(f"{day:02d}/{month:02d}/{year}")


def test_a_two_digit_year_is_refused_as_ambiguous():
    with pytest.raises(CellError, match="two-digit year"):
        parse_date("31/03/22")


def test_an_excel_serial_number_is_explained():
    with pytest.raises(CellError, match="is a number, not a date"):
        parse_date(44651)


@given(st.booleans(), st.sampled_from(["{}", " {} ", "{}".upper()]))
def test_yes_and_no_read_in_any_case(answer, shape):
    word = shape.format("yes" if answer else "no")
    assert parse_yes_no(word) is answer
    assert parse_yes_no(word.upper()) is answer
    assert parse_yes_no(answer) is answer


@given(anything)
def test_a_yes_no_cell_gives_a_boolean_blank_or_an_explanation(value):
    try:
        result = parse_yes_no(value)
    except CellError as error:
        assert "Write yes or no." in error.message
    else:
        assert result is None or isinstance(result, bool)


@given(st.integers(0, 100))
def test_percentages_read_as_numbers_text_and_with_a_sign(number):
    for value in (number, float(number), str(number), f"{number}%", f" {number} % "):
        assert parse_percent(value) == number


@given(st.integers().filter(lambda n: not 0 <= n <= 100))
def test_percentages_outside_0_to_100_are_refused(number):
    with pytest.raises(CellError, match="is not a whole number from 0 to 100"):
        parse_percent(number)


@given(anything, st.integers(-5, 5), st.integers(5, 500))
def test_a_number_cell_gives_a_number_in_range_blank_or_an_explanation(value, low, high):
    try:
        result = parse_whole_number(value, low, high)
    except CellError as error:
        assert f"from {low} to {high}" in error.message
    else:
        assert result is None or low <= result <= high


@given(anything)
def test_a_reference_is_one_trimmed_line_of_at_most_50_characters_or_refused(value):
    try:
        reference = parse_reference(value)
    except CellError as error:
        assert error.message
    else:
        assert reference == reference.strip()
        assert 0 < len(reference) <= 50
        assert "\n" not in reference and "\t" not in reference


def test_numbers_from_excel_read_as_the_reference_people_typed():
    assert parse_reference(14.0) == "14"
    assert parse_reference(14) == "14"


def test_a_formula_is_refused_in_every_reader():
    formula = Formula("=A1")
    for reader in (text, parse_date, parse_percent, parse_yes_no, parse_reference):
        with pytest.raises(CellError, match="Type the value, not a formula"):
            reader(formula)


@given(st.lists(st.text(alphabet="abc XYZ", min_size=1).filter(str.strip), max_size=5))
def test_lists_split_on_semicolons_and_line_breaks(items):
    assert split_list("; ".join(items)) == [item.strip() for item in items]
    assert split_list("\n".join(items)) == [item.strip() for item in items]


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_reads_back_unchanged(value):
    safe = neutralise(value)
    assert not safe.startswith(FORMULA_STARTS)
    assert unneutralise(safe) == value
    assert not csv_value(value).startswith(FORMULA_STARTS)
