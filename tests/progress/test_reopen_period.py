"""A closed period reopens only with a reason, and only if no other period is open."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import Membership
from headway.progress.lifecycle import close_period, reopen_period
from headway.progress.models import PeriodEvent, ReportingPeriod
from headway.strategy.models import Organisation
from tests.factories import ReportingPeriodFactory


@pytest.fixture
def closed(period: ReportingPeriod, as_admin: Membership) -> ReportingPeriod:
    return close_period(period, by=as_admin)


def test_it_reopens_a_closed_period_and_records_why(
    closed: ReportingPeriod, as_admin: Membership
) -> None:
    reason = "Finance's return was approved after the period closed."
    reopen_period(closed, by=as_admin, reason=reason)
    closed.refresh_from_db()
    assert closed.state == "open"
    assert list(PeriodEvent.objects.filter(period=closed).values_list("kind", "reason")) == [
        ("closed", ""),
        ("reopened", reason),
    ]


def test_it_needs_a_reason(closed: ReportingPeriod, as_admin: Membership) -> None:
    with pytest.raises(ValidationError) as error:
        reopen_period(closed, by=as_admin, reason="  ")
    assert error.value.message_dict["reason"] == ["Say why the period is being reopened."]
    closed.refresh_from_db()
    assert closed.state == "closed"


def test_it_refuses_while_another_period_is_open(
    closed: ReportingPeriod, org: Organisation, as_admin: Membership
) -> None:
    ReportingPeriodFactory.create(organisation=org, year=closed.year + 1, quarter=1)
    with pytest.raises(ValidationError, match="Close it before reopening"):
        reopen_period(closed, by=as_admin, reason="A correction.")


def test_an_open_period_cannot_be_reopened(period: ReportingPeriod, as_admin: Membership) -> None:
    with pytest.raises(ValidationError, match="is not closed"):
        reopen_period(period, by=as_admin, reason="A correction.")


@pytest.mark.parametrize("who", ["as_lead", "as_reviewer", "as_outsider"])
def test_only_an_administrator_of_the_organisation_reopens_it(
    closed: ReportingPeriod, who: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PermissionDenied):
        reopen_period(closed, by=request.getfixturevalue(who), reason="A correction.")
