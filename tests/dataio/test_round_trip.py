"""An export imported back as it is changes nothing: not a field, not a history record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from headway.dataio.exports import UpdateFilters, portfolio_export, updates_export
from headway.dataio.imports import ImportFile, run_import
from headway.dataio.preview import Action
from headway.lib.fy import Quarter
from headway.progress.models import Update
from headway.strategy.models import Initiative, Milestone
from headway.strategy.portfolio import PortfolioFilters
from tests.dataio.conftest import portfolio_file
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    status_value,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(ready, service, ict, priorities, partner, other_partner) -> list[Initiative]:
    initiatives = [
        InitiativeFactory.create(
            organisation=ready,
            service=service,
            external_reference="FIN-1",
            title='=SUM(1,2) "quoted", and a comma',
            kind=Initiative.Kind.SERVICE_PLAN_ACTION,
            priorities=priorities[:2],
            partners=[partner, other_partner],
            description="Two lines\nand an accent: café, £5m\r\n- a bullet",
            is_key_project=True,
            status=Initiative.Status.ON_HOLD,
        ),
        InitiativeFactory.create(
            organisation=ready,
            service=ict,
            external_reference="ICT-1",
            title="No dates",
            kind=Initiative.Kind.BAU,
            planned_start=None,
            planned_end=None,
        ),
        InitiativeFactory.create(
            organisation=ready, service=ict, external_reference="ICT-2", title="'Quoted' title"
        ),
    ]
    MilestoneFactory.create(
        initiative=initiatives[0],
        title="@ Design",
        due=dt.date(2021, 6, 30),
        completed_on=dt.date(2021, 7, 2),
    )
    MilestoneFactory.create(
        initiative=initiatives[0], title="Go live", due=dt.date(2021, 12, 31), forecast=None
    )
    return initiatives


def _snapshot() -> tuple[Any, ...]:
    return (
        list(Initiative.objects.order_by("pk").values()),
        list(Milestone.objects.order_by("pk").values()),
        Initiative.history.count(),
        Milestone.history.count(),
    )


@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_the_portfolio_exported_and_imported_back_is_unchanged(ready, portfolio, as_admin, format):
    links = {i.pk: (set(i.priorities.all()), set(i.partners.all())) for i in portfolio}
    before = _snapshot()
    data = portfolio_export(ready, PortfolioFilters()).render(format)
    preview = run_import(portfolio_file(ready, data, f"export.{format}", by=as_admin))
    assert {r.action for r in preview.rows} == {Action.UNCHANGED}
    assert len([r for r in preview.rows if r.sheet is None]) == 3
    assert _snapshot() == before
    for initiative in portfolio:
        assert links[initiative.pk] == (
            set(initiative.priorities.all()),
            set(initiative.partners.all()),
        )


@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_a_period_s_returns_exported_and_imported_back_are_unchanged(
    org, portfolio, as_admin, format
):
    quarter = Quarter.of(timezone.localdate())
    period = ReportingPeriodFactory.create(
        organisation=org, year=quarter.year, quarter=quarter.number
    )
    UpdateFactory.create(
        initiative=portfolio[0],
        period=period,
        status=status_value(org, "amber"),
        narrative="=1+1 is not a formula here",
        risks="Supplier late.\nA second supplier is lined up.",
        percent_complete=40,
        state=Update.State.SUBMITTED,
    )
    UpdateFactory.create(
        initiative=portfolio[1],
        period=period,
        status=status_value(org, "blue"),
        completed_on=dt.date(2021, 11, 1),
        state=Update.State.APPROVED,
    )
    before = list(Update.objects.order_by("pk").values()), Update.history.count()
    data = updates_export(period, UpdateFilters()).render(format)
    preview = run_import(
        ImportFile("updates", org, data, f"returns.{format}", by=as_admin, period=period)
    )
    assert [r.action for r in preview.rows] == [Action.UNCHANGED, Action.UNCHANGED]
    assert (list(Update.objects.order_by("pk").values()), Update.history.count()) == before
