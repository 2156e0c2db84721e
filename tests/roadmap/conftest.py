"""A strategy with three priorities, an initiative serving both partner councils, and a
partner contact for each council."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from headway.accounts.models import Membership, Role, User
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service, Strategy
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    PriorityFactory,
    StrategyFactory,
    UserFactory,
)


@pytest.fixture
def strategy(org: Organisation) -> Strategy:
    return StrategyFactory.create(organisation=org, first_year=2020, last_year=2022)


@pytest.fixture
def priorities(strategy: Strategy) -> list[Priority]:
    return [
        PriorityFactory.create(strategy=strategy, number=n, title=title)
        for n, title in enumerate(["Customers first", "Efficient services", "Our people"], 1)
    ]


@pytest.fixture
def initiative(
    org: Organisation,
    service: Service,
    priorities: list[Priority],
    partner: Partner,
    other_partner: Partner,
) -> Initiative:
    return InitiativeFactory.create(
        organisation=org,
        service=service,
        title="Replace the payroll system",
        kind=Initiative.Kind.PROJECT,
        priorities=[priorities[0]],
        partners=[partner, other_partner],
        planned_start=dt.date(2021, 4, 1),
        planned_end=dt.date(2022, 3, 31),
    )


@pytest.fixture
def south_contact(org: Organisation, other_partner: Partner) -> User:
    membership: Membership = MembershipFactory.create(
        user=UserFactory.create(username="partner-south"),
        organisation=org,
        role=Role.PARTNER_CONTACT,
        partner=other_partner,
    )
    return membership.user


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def closes_on(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=14)
