"""Opening a period starts from the quarter most likely wanted, with a deadline a fortnight on."""

from __future__ import annotations

import datetime as dt

from headway.lib.fy import Quarter
from headway.progress.lifecycle import next_quarter_to_open, suggested_deadline
from headway.strategy.models import Organisation
from tests.factories import ReportingPeriodFactory


def test_it_suggests_the_quarter_after_the_latest_period(org: Organisation) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="closed")
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3, state="closed")
    assert next_quarter_to_open(org, dt.date(2022, 6, 1)) == Quarter(2021, 4)


def test_after_the_last_quarter_of_a_year_it_suggests_the_next_year(org: Organisation) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=4, state="closed")
    assert next_quarter_to_open(org) == Quarter(2022, 1)


def test_upcoming_periods_do_not_count(org: Organisation) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2023, quarter=1, state="upcoming")
    assert next_quarter_to_open(org, dt.date(2022, 1, 3)) == Quarter(2021, 3)


def test_with_no_periods_it_suggests_the_quarter_just_ended(org: Organisation) -> None:
    assert next_quarter_to_open(org, dt.date(2022, 1, 3)) == Quarter(2021, 3)


def test_the_deadline_is_a_fortnight_after_the_quarter_ends() -> None:
    assert suggested_deadline(Quarter(2021, 3)) == dt.date(2022, 1, 14)
