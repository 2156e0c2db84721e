"""Where the quarter stands: returns by service and state, the headline, overdue returns,
and status by priority, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from headway.accounts.models import User
from headway.progress.dashboard import Headline, ServiceProgress, period_dashboard
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation, Priority, Service
from tests.factories import (
    InitiativeFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ServiceFactory,
    StrategyFactory,
    UpdateFactory,
    UserFactory,
    status_value,
)

DEADLINE = dt.date(2022, 1, 14)
BEFORE = dt.date(2022, 1, 10)
AFTER = dt.date(2022, 1, 17)
STARTED = dt.datetime(2022, 1, 5, 9, tzinfo=dt.UTC)


@pytest.fixture
def q3(org: Organisation) -> ReportingPeriod:
    return ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3, deadline=DEADLINE)


@pytest.fixture
def priorities(org: Organisation) -> list[Priority]:
    strategy = StrategyFactory.create(organisation=org, first_year=2020, last_year=2022)
    return [
        PriorityFactory.create(strategy=strategy, number=n, title=title)
        for n, title in ((1, "Customers first"), (2, "Value for money"))
    ]


def add(
    period: ReportingPeriod,
    service: Service,
    state: str,
    *,
    started: bool = False,
    status: str = "green",
    priorities: list[Priority] | None = None,
    **extra: Any,
) -> Update:
    initiative = InitiativeFactory.create(
        organisation=period.organisation, service=service, priorities=priorities, **extra
    )
    return UpdateFactory.create(
        initiative=initiative,
        period=period,
        state=state,
        started_at=STARTED if started else None,
        status=status_value(period.organisation, status),
    )


@pytest.fixture
def cycle(
    q3: ReportingPeriod, org: Organisation, service: Service, priorities: list[Priority]
) -> dict[str, Update]:
    ict = ServiceFactory.create(organisation=org, name="ICT")
    first, second = priorities
    return {
        "approved": add(q3, service, "approved", priorities=[first, second]),
        "approved amber": add(q3, service, "approved", status="amber", priorities=[first]),
        "submitted": add(q3, ict, "submitted", status="red", priorities=[second]),
        "not started": add(q3, service, "draft", title="Debt recovery"),
        "in progress": add(q3, ict, "draft", started=True, title="Laptop refresh"),
        "returned": add(q3, ict, "returned", started=True, title="Cyber security"),
    }


def test_it_counts_returns_by_service_and_state(
    q3: ReportingPeriod, cycle: dict[str, Update]
) -> None:
    dashboard = period_dashboard(q3, today=BEFORE)
    assert dashboard.by_service == [
        ServiceProgress(
            cycle["approved"].initiative.service_id, "Finance", not_started=1, approved=2
        ),
        ServiceProgress(
            cycle["submitted"].initiative.service_id,
            "ICT",
            in_progress=1,
            submitted=1,
            returned=1,
        ),
    ]
    assert [(row.total, row.outstanding) for row in dashboard.by_service] == [(3, 1), (3, 2)]


def test_the_headline_says_where_the_quarter_stands(
    q3: ReportingPeriod, cycle: dict[str, Update]
) -> None:
    before = period_dashboard(q3, today=BEFORE).headline
    assert before == Headline(total=6, approved=2, submitted=1, outstanding=3, overdue=0)
    assert before.text == "2 of 6 returns approved, 1 submitted, 3 outstanding"
    after = period_dashboard(q3, today=AFTER).headline
    assert after.text == "2 of 6 returns approved, 1 submitted, 3 outstanding (3 overdue)"


def test_nothing_is_overdue_on_the_deadline_itself(
    q3: ReportingPeriod, cycle: dict[str, Update]
) -> None:
    dashboard = period_dashboard(q3, today=DEADLINE)
    assert (dashboard.headline.overdue, dashboard.overdue) == (0, [])


def test_it_lists_overdue_returns_with_their_owners_and_how_late(
    q3: ReportingPeriod, cycle: dict[str, Update], lead: User
) -> None:
    owner = UserFactory.create(username="owner")
    Initiative.objects.filter(pk=cycle["returned"].initiative_id).update(owner=owner)
    overdue = period_dashboard(q3, today=AFTER).overdue
    assert [(o.service, o.initiative, o.owners, o.days_late, o.progress) for o in overdue] == [
        ("Finance", "Debt recovery", (lead,), 3, "Not started"),
        ("ICT", "Cyber security", (owner,), 3, "Returned"),
        ("ICT", "Laptop refresh", (), 3, "In progress"),
    ]
    assert overdue[0].update_id == cycle["not started"].pk


def test_it_counts_statuses_by_priority_from_submitted_and_approved_returns(
    q3: ReportingPeriod, cycle: dict[str, Update], priorities: list[Priority]
) -> None:
    dashboard = period_dashboard(q3, today=BEFORE)
    assert [s.code for s in dashboard.statuses] == ["blue", "green", "amber", "red"]
    rows = {row.title: row.counts for row in dashboard.status_by_priority}
    assert rows == {
        "Customers first": {"green": 1, "amber": 1},
        "Value for money": {"green": 1, "red": 1},
    }


def test_returns_for_initiatives_with_no_priority_are_shown_apart(
    q3: ReportingPeriod, service: Service, priorities: list[Priority]
) -> None:
    add(q3, service, "approved", status="blue")
    rows = period_dashboard(q3, today=BEFORE).status_by_priority
    assert [(row.title, row.counts) for row in rows] == [
        ("Customers first", {}),
        ("Value for money", {}),
        ("No priority", {"blue": 1}),
    ]


def test_another_organisations_returns_are_not_counted(
    q3: ReportingPeriod, cycle: dict[str, Update], other_org: Organisation
) -> None:
    elsewhere = ReportingPeriodFactory.create(organisation=other_org, year=2021, quarter=3)
    add(elsewhere, ServiceFactory.create(organisation=other_org), "approved")
    assert period_dashboard(q3, today=BEFORE).headline.total == 6


def _bulk_cycle(period: ReportingPeriod, count: int, priority: Priority) -> None:
    """``count`` initiatives over three services, with returns in every state."""
    org = period.organisation
    services = [ServiceFactory.create(organisation=org) for _ in range(3)]
    owner = UserFactory.create(username="bulk-owner")
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            organisation=org,
            service=services[n % 3],
            kind="project",
            title=f"Initiative {n}",
            owner=owner if n % 2 else None,
        )
        for n in range(count)
    )
    Initiative.priorities.through.objects.bulk_create(
        Initiative.priorities.through(initiative_id=i.pk, priority_id=priority.pk)
        for i in initiatives
    )
    states = ["draft", "draft", "submitted", "returned", "approved"]
    green = status_value(org, "green")
    Update.objects.bulk_create(
        Update(
            initiative=initiative,
            period=period,
            state=states[n % 5],
            status=green,
            started_at=STARTED if n % 10 == 1 else None,
        )
        for n, initiative in enumerate(initiatives)
    )


@pytest.mark.parametrize("count", [10, 500])
def test_it_takes_the_same_queries_for_10_or_500_initiatives(
    q3: ReportingPeriod,
    priorities: list[Priority],
    lead: User,
    count: int,
    django_assert_num_queries: Any,
) -> None:
    _bulk_cycle(q3, count, priorities[0])
    with django_assert_num_queries(7):
        dashboard = period_dashboard(q3, today=AFTER)
    assert dashboard.headline.total == count
    assert len(dashboard.overdue) == dashboard.headline.overdue == count * 3 // 5


def test_the_current_period_is_the_open_one_else_the_latest_closed(org: Organisation) -> None:
    from headway.progress.dashboard import current_period

    assert current_period(org.pk) is None
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=1, state="closed")
    q2 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="closed")
    ReportingPeriodFactory.create(organisation=org, year=2022, quarter=1, state="upcoming")
    assert current_period(org.pk) == q2
    q1_next = ReportingPeriodFactory.create(organisation=org, year=2020, quarter=4, state="open")
    assert current_period(org.pk) == q1_next


def test_the_headline_alone_takes_one_query(
    cycle: dict[str, Update], q3: ReportingPeriod, django_assert_num_queries: Any
) -> None:
    from headway.progress.dashboard import period_headline

    with django_assert_num_queries(1):
        headline = period_headline(q3, AFTER)
    assert headline == period_dashboard(q3, AFTER).headline


def test_a_closed_period_has_nothing_overdue(cycle: dict[str, Update], q3: ReportingPeriod) -> None:
    ReportingPeriod.objects.filter(pk=q3.pk).update(state="closed")
    q3.refresh_from_db()
    dashboard = period_dashboard(q3, AFTER)
    assert (dashboard.headline.overdue, dashboard.overdue) == (0, [])
