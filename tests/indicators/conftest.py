"""Measures' cast: an open 2021-22 Q3, a Finance measure reported for two councils with
targets, and the memberships people act under."""

from __future__ import annotations

from decimal import Decimal

import pytest

from headway.indicators.models import Measure
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, Partner, Service
from tests.factories import ReportingPeriodFactory
from tests.indicators.factories import MeasureFactory, TargetFactory
from tests.memberships import as_admin, as_lead, as_reviewer, as_viewer

__all__ = ["as_admin", "as_lead", "as_reviewer", "as_viewer"]


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
