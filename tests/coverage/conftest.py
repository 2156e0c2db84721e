"""A portfolio with one initiative that passes every check, for each test to spoil."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation, Priority, Service
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    StrategyFactory,
    UpdateFactory,
)

TODAY = dt.date(2022, 2, 18)


@dataclass(frozen=True)
class Portfolio:
    org: Organisation
    priority: Priority
    service: Service
    good: Initiative
    q1: ReportingPeriod
    q2: ReportingPeriod
    q3: ReportingPeriod


def sound_initiative(
    portfolio: Portfolio, approved_in: tuple[str, ...] = ("q1", "q2"), **values: object
) -> Initiative:
    """An initiative that passes every check unless ``values`` spoil it; with a return
    approved in each of the closed quarters named in ``approved_in``."""
    fields = {
        "organisation": portfolio.org,
        "service": portfolio.service,
        "priorities": [portfolio.priority],
        **values,
    }
    initiative = InitiativeFactory.create(**fields)
    MilestoneFactory.create(initiative=initiative, due=dt.date(2022, 9, 30))
    for period in (getattr(portfolio, name) for name in approved_in):
        ReportingPeriod.objects.filter(pk=period.pk).update(state="upcoming")
        UpdateFactory.create(initiative=initiative, period=period)
        ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
    UpdateFactory.create(initiative=initiative, period=portfolio.q3, state=Update.State.SUBMITTED)
    return initiative


@pytest.fixture
def portfolio(org: Organisation, service: Service, lead: User) -> Portfolio:
    strategy = StrategyFactory.create(organisation=org, first_year=2020, last_year=2022)
    priority = PriorityFactory.create(strategy=strategy, number=1, title="Value for money")
    q1 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=1, state="closed")
    q2 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="closed")
    q3 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3, state="open")
    base = Portfolio(org, priority, service, None, q1, q2, q3)  # type: ignore[arg-type]
    good = sound_initiative(base, title="Replace the general ledger")
    return Portfolio(org, priority, service, good, q1, q2, q3)
