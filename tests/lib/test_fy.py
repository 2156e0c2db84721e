"""UK financial years and quarters: 1 April to 31 March, Q1 April-June."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.lib.fy import FinancialYear, Quarter, parse_span, span_label

dates = st.dates(min_value=date(1901, 1, 1), max_value=date(9997, 12, 31))
quarters = st.builds(Quarter, st.integers(1900, 9997), st.integers(1, 4))


def test_it_names_the_year_from_april() -> None:
    assert FinancialYear.of(date(2021, 4, 1)).label == "2021-22"
    assert FinancialYear.of(date(2021, 3, 31)).label == "2020-21"
    assert FinancialYear.of(date(2099, 12, 31)).label == "2099-00"


def test_it_places_dates_in_the_reports_quarters() -> None:
    assert Quarter.of(date(2021, 6, 30)) == Quarter(2021, 1)
    assert Quarter.of(date(2021, 7, 1)) == Quarter(2021, 2)
    assert Quarter.of(date(2021, 12, 25)) == Quarter(2021, 3)
    assert Quarter.of(date(2022, 3, 31)) == Quarter(2021, 4)


def test_it_gives_q3_its_dates_and_months() -> None:
    q3 = Quarter(2021, 3)
    assert (q3.first_day, q3.last_day) == (date(2021, 10, 1), date(2021, 12, 31))
    assert q3.months == "October - December"
    assert q3.label == "2021-22 Q3"
    assert q3.slug == "2021-22-Q3"
    assert Quarter(2021, 4).first_day == date(2022, 1, 1)
    assert Quarter(2023, 4).last_day == date(2024, 3, 31)


@pytest.mark.parametrize(
    "text", ["2021-22 Q3", "2021-22-Q3", "2021-22 q3", " 2021/22 Q3 ", "2021-2022 Q3"]
)
def test_it_reads_the_ways_people_write_a_quarter(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2021, 3)


@pytest.mark.parametrize("text", ["2021-23 Q3", "2021-22 Q5", "Q3 2021", "", "2021 Q3"])
def test_it_refuses_what_is_not_a_quarter_and_says_how_to_write_one(text: str) -> None:
    with pytest.raises(ValueError, match="2021-22"):
        Quarter.parse(text)


def test_it_refuses_a_year_whose_halves_do_not_follow() -> None:
    with pytest.raises(ValueError, match="must follow"):
        FinancialYear.parse("2021-21")


def test_it_names_a_span_of_years_as_the_reports_do() -> None:
    assert span_label(2021, 2022) == "2021-23"
    assert span_label(2020, 2022) == "2020-23"


@given(st.integers(1900, 9990), st.integers(0, 8))
def test_a_span_s_name_reads_back_as_its_years(first: int, more: int) -> None:
    assert parse_span(span_label(first, first + more)) == (first, first + more)


def test_it_reads_a_span_written_in_full_or_across_a_century() -> None:
    assert parse_span("2021-2023") == (2021, 2022)
    assert parse_span("1999-01") == (1999, 2000)


@pytest.mark.parametrize("text", ["2021", "2021-23-25", "two years", "2023-2021"])
def test_it_refuses_what_is_not_a_span(text: str) -> None:
    with pytest.raises(ValueError, match="is not a run of financial years"):
        parse_span(text)


@given(dates)
def test_every_date_falls_in_exactly_one_quarter(day: date) -> None:
    year = FinancialYear.of(day)
    containing = [
        q for y in (year.previous(), year, year.next()) for q in y.quarters() if q.contains(day)
    ]
    assert containing == [Quarter.of(day)]


@given(quarters)
def test_labels_round_trip(quarter: Quarter) -> None:
    assert Quarter.parse(quarter.label) == quarter
    assert Quarter.parse(quarter.slug) == quarter
    assert FinancialYear.parse(quarter.financial_year.label) == quarter.financial_year


@given(quarters)
def test_quarters_tile_the_calendar(quarter: Quarter) -> None:
    assert quarter.next().first_day == quarter.last_day + timedelta(days=1)
    assert quarter.next().previous() == quarter
    assert quarter.first_day <= quarter.last_day


@given(st.integers(1900, 9998))
def test_a_year_is_its_four_quarters(start: int) -> None:
    year = FinancialYear(start)
    qs = year.quarters()
    assert qs[0].first_day == year.first_day
    assert qs[-1].last_day == year.last_day
