"""On a day with no reminders due, a dry run can still say who will be chased next, and when;
returns nobody owns are named, since nobody is chased for them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod
from headway.progress.reminders import (
    next_reminder_day,
    plan_next_reminders,
    reminder_kind,
    returns_nobody_owns,
)
from headway.strategy.models import Organisation, Service
from tests.factories import InitiativeFactory, ReportingPeriodFactory, ServiceFactory, UpdateFactory

DEADLINE = dt.date(2022, 1, 14)


def test_the_next_day_is_the_week_before_then_the_day_after_then_weekly() -> None:
    assert next_reminder_day(DEADLINE, 7, dt.date(2022, 1, 1)) == dt.date(2022, 1, 7)
    assert next_reminder_day(DEADLINE, 7, dt.date(2022, 1, 7)) == dt.date(2022, 1, 15)
    assert next_reminder_day(DEADLINE, 0, dt.date(2022, 1, 1)) == dt.date(2022, 1, 15)
    assert next_reminder_day(DEADLINE, 7, dt.date(2022, 1, 15)) == dt.date(2022, 1, 22)
    assert next_reminder_day(DEADLINE, 7, dt.date(2022, 1, 20)) == dt.date(2022, 1, 22)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.integers(0, 60),
    st.integers(-100, 400),
)
def test_the_next_day_is_the_first_day_reminders_go(
    deadline: dt.date, days_before: int, offset: int
) -> None:
    after = deadline + dt.timedelta(days=offset)
    day = next_reminder_day(deadline, days_before, after)
    assert day > after
    assert reminder_kind(deadline, days_before, day) is not None
    between = (after + dt.timedelta(days=n) for n in range(1, (day - after).days))
    assert all(reminder_kind(deadline, days_before, d) is None for d in between)


def _q3(org: Organisation) -> ReportingPeriod:
    return ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3, deadline=DEADLINE)


def test_it_plans_the_next_reminders(org: Organisation, service: Service, lead: User) -> None:
    period = _q3(org)
    UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org, service=service, title="Payroll"),
        period=period,
        state="draft",
    )
    planned = plan_next_reminders(dt.date(2022, 1, 17))
    assert planned is not None
    day, plans = planned
    assert day == dt.date(2022, 1, 22)
    assert [(p.recipient, p.kind, [i.initiative for i in p.to_do]) for p in plans] == [
        (lead, "overdue", ["Payroll"])
    ]


def test_there_is_nothing_to_plan_without_an_open_period(org: Organisation) -> None:
    ReportingPeriodFactory.create(organisation=org, state="closed", deadline=DEADLINE)
    assert plan_next_reminders(dt.date(2022, 1, 17)) is None


def test_it_names_outstanding_returns_nobody_owns(
    org: Organisation, service: Service, lead: User
) -> None:
    period = _q3(org)
    legal = ServiceFactory.create(organisation=org, name="Legal")
    for title, where, state in (
        ("Payroll", service, "draft"),
        ("Contracts register", legal, "draft"),
        ("Case management", legal, "submitted"),
    ):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(organisation=org, service=where, title=title),
            period=period,
            state=state,
        )
    assert [(p, r.initiative) for p, r in returns_nobody_owns()] == [(period, "Contracts register")]
