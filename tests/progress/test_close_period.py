"""Closing a period waits for its returns to be approved, unless forced with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import Membership
from headway.progress.lifecycle import close_period
from headway.progress.models import PeriodEvent, ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation, Service
from tests.factories import InitiativeFactory, UpdateFactory


@pytest.fixture
def returns(period: ReportingPeriod, org: Organisation, service: Service) -> list[Update]:
    return [
        UpdateFactory.create(
            initiative=InitiativeFactory.create(organisation=org, service=service),
            period=period,
            state=state,
        )
        for state in ("approved", "approved", "submitted", "draft", "returned")
    ]


def test_it_closes_a_period_whose_returns_are_all_approved(
    period: ReportingPeriod, initiative: Initiative, as_admin: Membership
) -> None:
    UpdateFactory.create(initiative=initiative, period=period, state="approved")
    close_period(period, by=as_admin)
    period.refresh_from_db()
    assert period.state == "closed"
    event = PeriodEvent.objects.get(period=period)
    assert (event.kind, event.by, event.reason, event.returns_outstanding) == (
        "closed",
        as_admin.user,
        "",
        0,
    )


def test_it_refuses_while_returns_are_outstanding_and_counts_them(
    period: ReportingPeriod, returns: list[Update], as_admin: Membership
) -> None:
    with pytest.raises(ValidationError) as error:
        close_period(period, by=as_admin)
    assert error.value.message_dict["force_reason"] == [
        "3 returns are not yet approved. Approve or return them first, or give a reason "
        "for closing the period anyway."
    ]
    period.refresh_from_db()
    assert period.state == "open"
    assert not PeriodEvent.objects.filter(period=period).exists()


def test_it_counts_a_single_outstanding_return_in_the_singular(
    period: ReportingPeriod, initiative: Initiative, as_admin: Membership
) -> None:
    UpdateFactory.create(initiative=initiative, period=period, state="submitted")
    with pytest.raises(ValidationError, match="1 return is not yet approved"):
        close_period(period, by=as_admin)


def test_a_blank_reason_does_not_force_it(
    period: ReportingPeriod, returns: list[Update], as_admin: Membership
) -> None:
    with pytest.raises(ValidationError):
        close_period(period, by=as_admin, force_reason="   ")


def test_it_closes_with_returns_outstanding_when_forced_and_records_why(
    period: ReportingPeriod, returns: list[Update], as_admin: Membership
) -> None:
    reason = "The committee papers are due; late returns go in next quarter's report."
    close_period(period, by=as_admin, force_reason=reason)
    period.refresh_from_db()
    assert period.state == "closed"
    event = PeriodEvent.objects.get(period=period)
    assert (event.kind, event.reason, event.returns_outstanding) == ("closed", reason, 3)


def test_it_updates_the_period_it_was_given(period: ReportingPeriod, as_admin: Membership) -> None:
    close_period(period, by=as_admin)
    assert period.is_closed


def test_a_closed_period_cannot_be_closed_again(
    period: ReportingPeriod, as_admin: Membership
) -> None:
    close_period(period, by=as_admin)
    with pytest.raises(ValidationError, match="is not open, so it cannot be closed"):
        close_period(period, by=as_admin)


@pytest.mark.parametrize("who", ["as_lead", "as_reviewer", "as_outsider"])
def test_only_an_administrator_of_the_organisation_closes_it(
    period: ReportingPeriod, who: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PermissionDenied):
        close_period(period, by=request.getfixturevalue(who))
    period.refresh_from_db()
    assert period.state == "open"
