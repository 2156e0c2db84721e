"""Measures' cast: an open 2021-22 Q3, a Finance measure reported for two councils with
targets, and the memberships people act under."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from headway.accounts.models import Membership, User
from headway.indicators.models import Measure
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, Partner, Service
from tests.factories import ReportingPeriodFactory
from tests.indicators.factories import MeasureFactory, TargetFactory


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def membership(user: User, org: Organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=org)


@pytest.fixture
def as_admin(admin_user: User, org: Organisation) -> Membership:
    return membership(admin_user, org)


@pytest.fixture
def as_reviewer(reviewer: User, org: Organisation) -> Membership:
    return membership(reviewer, org)


@pytest.fixture
def as_lead(lead: User, org: Organisation) -> Membership:
    return membership(lead, org)


@pytest.fixture
def as_viewer(viewer: User, org: Organisation) -> Membership:
    return membership(viewer, org)


@pytest.fixture
def q3(org: Organisation) -> ReportingPeriod:
    return ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)


@pytest.fixture
def invoices(
    org: Organisation, service: Service, partner: Partner, other_partner: Partner
) -> Measure:
    """Invoices paid within 30 days: 95% for each council, 2 points of tolerance."""
    measure = MeasureFactory.create(
        organisation=org,
        service=service,
        reference="FIN-01",
        name="Invoices paid within 30 days",
        unit=Measure.Unit.PERCENTAGE,
        whole_service=Measure.WholeService.WEIGHTED,
        weight_label="invoices due",
        partners=[partner, other_partner],
    )
    for council in (partner, other_partner, None):
        TargetFactory.create(
            measure=measure, partner=council, value=Decimal(95), tolerance=Decimal(2)
        )
    return measure
