"""An organisation ready to import into: a current strategy with three priorities, two
services and two partner councils."""

from __future__ import annotations

import pytest

from headway.accounts.models import Membership, User
from headway.dataio.imports import ImportFile
from headway.strategy.models import Organisation, Partner, Priority, Service
from tests.factories import PriorityFactory, ServiceFactory, StrategyFactory


@pytest.fixture
def priorities(org: Organisation) -> list[Priority]:
    strategy = StrategyFactory.create(
        organisation=org, title="Shared Service Strategy", first_year=2000, last_year=2999
    )
    return [
        PriorityFactory.create(strategy=strategy, number=1, title="Value for money"),
        PriorityFactory.create(strategy=strategy, number=2, title="Customer focus"),
        PriorityFactory.create(strategy=strategy, number=3, title="Digital first"),
    ]


@pytest.fixture
def ict(org: Organisation) -> Service:
    return ServiceFactory.create(organisation=org, name="ICT")


@pytest.fixture
def ready(
    org: Organisation,
    service: Service,
    ict: Service,
    partner: Partner,
    other_partner: Partner,
    priorities: list[Priority],
) -> Organisation:
    """The organisation with everything a portfolio file names."""
    return org


@pytest.fixture
def as_admin(admin_user: User, org: Organisation) -> Membership:
    return Membership.objects.get(user=admin_user, organisation=org)


def portfolio_file(
    org: Organisation,
    data: bytes,
    filename: str = "portfolio.xlsx",
    by: Membership | None = None,
    correction: bool = False,
) -> ImportFile:
    return ImportFile("portfolio", org, data, filename, by=by, correction=correction)
