"""The update cycle's cast: a period open now, an initiative of the Finance service, and
the memberships people act under."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod, Update
from headway.progress.returns import ReturnChanges
from headway.strategy.models import Initiative, Organisation, Service
from tests.factories import (
    InitiativeFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    status_value,
)
from tests.memberships import as_admin, as_lead, as_outsider, as_reviewer

__all__ = ["as_admin", "as_lead", "as_outsider", "as_reviewer"]


@pytest.fixture
def initiative(org: Organisation, service: Service) -> Initiative:
    return InitiativeFactory.create(organisation=org, service=service, title="Payroll system")


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def period(org: Organisation) -> ReportingPeriod:
    """Open now, due in a fortnight."""
    quarter = Quarter.of(today() - dt.timedelta(days=20))
    return ReportingPeriodFactory.create(
        organisation=org,
        year=quarter.year,
        quarter=quarter.number,
        deadline=today() + dt.timedelta(days=14),
    )


@pytest.fixture
def draft(initiative: Initiative, period: ReportingPeriod) -> Update:
    return UpdateFactory.create(
        initiative=initiative, period=period, state=Update.State.DRAFT, status=None, narrative=""
    )


def good_changes(org: Organisation, **overrides: object) -> ReturnChanges:
    """A return that can be submitted as it is."""
    values: dict[str, object] = {
        "status": status_value(org, "green"),
        "narrative": "The new payroll system went live in November.",
        "achievements": "Go-live on time.",
        "next_steps": "Close the old system.",
        "risks": "",
        "percent_complete": 80,
    }
    values.update(overrides)
    return ReturnChanges(**values)  # type: ignore[arg-type]
