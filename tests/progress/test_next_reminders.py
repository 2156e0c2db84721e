"""On a day with no reminders due, a dry run can still say who will be chased next, and when;
returns nobody owns are named, since nobody is chased for them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod
from headway.progress.reminder_schedule import ReminderSchedule, working_days_after
from headway.progress.reminders import plan_next_reminders, returns_nobody_owns
from headway.strategy.models import Organisation, Service
from tests.factories import InitiativeFactory, ReportingPeriodFactory, ServiceFactory, UpdateFactory

DEADLINE = dt.date(2022, 1, 14)


def test_the_next_day_follows_the_schedule_and_skips_weekends_once_late() -> None:
    default = ReminderSchedule.from_fields(10, 3, True, 2)
    assert default.next_day(DEADLINE, dt.date(2022, 1, 1)) == dt.date(2022, 1, 4)
    assert default.next_day(DEADLINE, dt.date(2022, 1, 4)) == dt.date(2022, 1, 11)
    assert default.next_day(DEADLINE, dt.date(2022, 1, 11)) == DEADLINE
    assert default.next_day(DEADLINE, DEADLINE) == dt.date(2022, 1, 17)  # Friday to Monday.
    assert default.next_day(DEADLINE, dt.date(2022, 1, 17)) == dt.date(2022, 1, 19)
    assert default.next_day(DEADLINE, dt.date(2022, 1, 21)) == dt.date(2022, 1, 25)
    late_only = ReminderSchedule.from_fields(0, 0, False, 5)
    assert late_only.next_day(DEADLINE, dt.date(2022, 1, 1)) == dt.date(2022, 1, 17)
    assert late_only.next_day(DEADLINE, dt.date(2022, 1, 17)) == dt.date(2022, 1, 24)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.integers(0, 60),
    st.integers(0, 60),
    st.booleans(),
    st.integers(1, 20),
    st.integers(-100, 400),
)
def test_the_next_day_is_the_first_day_reminders_go(
    deadline: dt.date, first: int, again: int, on_deadline: bool, every: int, offset: int
) -> None:
    schedule = ReminderSchedule.from_fields(first, again, on_deadline, every)
    after = deadline + dt.timedelta(days=offset)
    day = schedule.next_day(deadline, after)
    assert day > after
    assert schedule.kind_on(deadline, day) is not None
    between = (after + dt.timedelta(days=n) for n in range(1, (day - after).days))
    assert all(schedule.kind_on(deadline, d) is None for d in between)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.integers(0, 400),
)
def test_working_days_are_counted_one_by_one_skipping_weekends(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    days = (start + dt.timedelta(days=n) for n in range(1, length + 1))
    assert working_days_after(start, end) == sum(d.weekday() < 5 for d in days)


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
    assert day == dt.date(2022, 1, 19)
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
