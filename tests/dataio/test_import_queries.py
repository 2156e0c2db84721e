"""An import's queries do not grow with its rows: lookups are read once and rows are written
in bulk statements. Only the number of batches grows (SQLite takes 999 values a statement),
far slower than the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from headway.dataio.imports import ImportFile, preview_import, run_import
from headway.lib.fy import Quarter
from headway.progress.models import Update
from tests.dataio.conftest import portfolio_file
from tests.dataio.files import MILESTONE_HEADER, UPDATE_HEADER, initiative_row, xlsx
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def _file(prefix: str, count: int, **values) -> bytes:
    rows = [initiative_row(f"{prefix}-{n}", **values) for n in range(count)]
    milestones = [MILESTONE_HEADER] + [
        [f"{prefix}-{n}", "Go live", "2021-12-31", None, None] for n in range(count)
    ]
    return xlsx(rows, extra={"Milestones": milestones})


def assert_bulk(small: int, large: int) -> None:
    """Ten rows against a hundred: at most one more query for every 15 more rows."""
    assert large - small <= 90 // 15, (small, large)


def _queries(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries.captured_queries)


def test_adding_initiatives_costs_the_same_for_10_or_100(ready, as_admin):
    small = _queries(lambda: run_import(portfolio_file(ready, _file("A", 10), by=as_admin)))
    large = _queries(lambda: run_import(portfolio_file(ready, _file("B", 100), by=as_admin)))
    assert_bulk(small, large)


def test_changing_initiatives_costs_the_same_for_10_or_100(ready, as_admin):
    run_import(portfolio_file(ready, _file("A", 10), by=as_admin))
    run_import(portfolio_file(ready, _file("B", 100), by=as_admin))
    change = {"title": "Renamed", "partners": "South", "description": "New words."}
    small = _queries(
        lambda: run_import(portfolio_file(ready, _file("A", 10, **change), by=as_admin))
    )
    large = _queries(
        lambda: run_import(portfolio_file(ready, _file("B", 100, **change), by=as_admin))
    )
    assert_bulk(small, large)


def test_checking_returns_costs_the_same_for_10_or_100(org, service, as_admin):
    quarter = Quarter.of(timezone.localdate() - dt.timedelta(days=20))
    period = ReportingPeriodFactory.create(
        organisation=org, year=quarter.year, quarter=quarter.number
    )
    for n in range(100):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=org, service=service, external_reference=f"R-{n}"
            ),
            period=period,
            state=Update.State.DRAFT,
        )

    def check(count: int) -> None:
        rows = [[f"R-{n}", "Green", "On track.", "", "", "", 50, None] for n in range(count)]
        data = xlsx(rows, header=UPDATE_HEADER)
        preview = preview_import(
            ImportFile("updates", org, data, "returns.xlsx", by=as_admin, period=period)
        )
        assert preview.ok

    assert _queries(lambda: check(10)) == _queries(lambda: check(100))
