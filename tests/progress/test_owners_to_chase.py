"""The dashboard's overdue list, by owner: their late returns and when they were last reminded."""

from __future__ import annotations

import datetime as dt

from headway.accounts.models import Role, User
from headway.progress.chasing import owners_to_chase
from headway.progress.dashboard import period_dashboard
from headway.progress.models import Reminder
from headway.strategy.models import Organisation, Service
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    ReportingPeriodFactory,
    ServiceFactory,
    UpdateFactory,
    UserFactory,
)

DEADLINE = dt.date(2022, 1, 14)
TODAY = dt.date(2022, 1, 20)


def test_it_groups_overdue_returns_by_owner_with_nobody_s_last(
    org: Organisation, service: Service, lead: User
) -> None:
    period = ReportingPeriodFactory.create(organisation=org, deadline=DEADLINE)
    legal = ServiceFactory.create(organisation=org, name="Legal")
    owner = UserFactory.create(username="owner", first_name="Head of", last_name="ICT (demo)")
    MembershipFactory.create(user=owner, organisation=org, role=Role.SERVICE_LEAD)
    for title, where, by, state in (
        ("Payroll", service, None, "draft"),
        ("Debt recovery", service, None, "returned"),
        ("Laptops", service, owner, "draft"),
        ("Contracts", legal, None, "draft"),
        ("Audit", service, None, "submitted"),
    ):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=org, service=where, title=title, owner=by
            ),
            period=period,
            state=state,
        )
    Reminder.objects.create(
        recipient=lead, period=period, kind="overdue", sent_on=TODAY, returns_count=2
    )

    chase = owners_to_chase(period_dashboard(period, TODAY))

    assert [(c.owner, [r.initiative for r in c.returns]) for c in chase] == [
        (owner, ["Laptops"]),
        (lead, ["Debt recovery", "Payroll"]),
        (None, ["Contracts"]),
    ]
    assert [c.days_late for c in chase] == [6, 6, 6]
    assert [(c.last_reminded, c.reminded_today) for c in chase] == [
        (None, False),
        (TODAY, True),
        (None, False),
    ]


def test_nobody_is_chased_before_the_deadline(org: Organisation, service: Service) -> None:
    period = ReportingPeriodFactory.create(organisation=org, deadline=DEADLINE)
    UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org, service=service),
        period=period,
        state="draft",
    )
    assert owners_to_chase(period_dashboard(period, DEADLINE)) == []
