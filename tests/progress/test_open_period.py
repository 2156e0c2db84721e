"""Opening a period gives every active initiative a return, pre-filled from last quarter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from headway.accounts.models import Membership
from headway.lib.fy import Quarter
from headway.progress.lifecycle import open_period
from headway.progress.models import PeriodEvent, ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation, Service
from tests.factories import (
    InitiativeFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    status_value,
)

Q3 = Quarter(2021, 3)
DEADLINE = dt.date(2022, 1, 14)


def past_periods(org: Organisation) -> tuple[ReportingPeriod, ReportingPeriod]:
    return (
        ReportingPeriodFactory.create(organisation=org, year=2021, quarter=1, state="upcoming"),
        ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="upcoming"),
    )


def close_directly(*periods: ReportingPeriod) -> None:
    """Close past periods once their returns are in, as the cycle would have."""
    ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods]).update(state="closed")


def test_it_opens_the_quarter_with_its_deadline(org: Organisation, as_admin: Membership) -> None:
    period = open_period(org, Q3, DEADLINE, by=as_admin)
    assert (period.label, period.state, period.deadline) == ("2021-22 Q3", "open", DEADLINE)
    assert (period.remind_days_before, period.remind_again_days_before) == (10, 3)


def test_it_creates_a_draft_return_for_each_active_initiative(
    org: Organisation, service: Service, as_admin: Membership
) -> None:
    active = {
        status: InitiativeFactory.create(organisation=org, service=service, status=status)
        for status in Initiative.ACTIVE_STATUSES
    }
    for status in ("proposed", "completed", "deprioritised", "cancelled"):
        InitiativeFactory.create(organisation=org, service=service, status=status)

    period = open_period(org, Q3, DEADLINE, by=as_admin)

    returns = Update.objects.filter(period=period)
    assert {u.initiative_id for u in returns} == {i.pk for i in active.values()}
    assert {u.state for u in returns} == {Update.State.DRAFT}
    assert {u.progress for u in returns} == {Update.Progress.NOT_STARTED}


def test_it_prefills_each_return_from_the_last_approved_update(
    org: Organisation, initiative: Initiative, as_admin: Membership
) -> None:
    q1, q2 = past_periods(org)
    UpdateFactory.create(initiative=initiative, period=q1, narrative="Q1 text")
    last = UpdateFactory.create(
        initiative=initiative,
        period=q2,
        status=status_value(org, "amber"),
        narrative="Supplier chosen; contract signed in September.",
        achievements="Contract signed.",
        next_steps="Build and test.",
        risks="Data migration may slip; extra testers booked.",
        percent_complete=40,
    )
    close_directly(q1, q2)

    period = open_period(org, Q3, DEADLINE, by=as_admin)

    prefilled = Update.objects.get(period=period, initiative=initiative)
    copied = ("status", "narrative", "achievements", "next_steps", "risks", "percent_complete")
    assert [getattr(prefilled, f) for f in copied] == [getattr(last, f) for f in copied]
    assert prefilled.previous == last
    assert prefilled.started_at is None


def test_it_ignores_returns_that_were_never_approved(
    org: Organisation, initiative: Initiative, as_admin: Membership
) -> None:
    q1, q2 = past_periods(org)
    approved = UpdateFactory.create(initiative=initiative, period=q1, narrative="Approved in Q1")
    UpdateFactory.create(
        initiative=initiative, period=q2, narrative="Returned in Q2", state=Update.State.RETURNED
    )
    close_directly(q1, q2)

    period = open_period(org, Q3, DEADLINE, by=as_admin)

    prefilled = Update.objects.get(period=period, initiative=initiative)
    assert (prefilled.narrative, prefilled.previous) == ("Approved in Q1", approved)


def test_an_initiative_with_no_approved_update_starts_empty(
    org: Organisation, initiative: Initiative, as_admin: Membership
) -> None:
    period = open_period(org, Q3, DEADLINE, by=as_admin)
    prefilled = Update.objects.get(period=period, initiative=initiative)
    assert (prefilled.status, prefilled.narrative, prefilled.previous) == (None, "", None)


def test_it_keeps_a_history_record_of_each_return_it_creates(
    org: Organisation, service: Service, as_admin: Membership
) -> None:
    InitiativeFactory.create_batch(3, organisation=org, service=service)
    period = open_period(org, Q3, DEADLINE, by=as_admin)
    records = Update.history.filter(period_id=period.pk)
    assert records.count() == 3
    assert {r.history_user_id for r in records} == {as_admin.user_id}


def test_it_creates_returns_in_bulk_not_one_query_each(
    org: Organisation, other_org: Organisation, as_admin: Membership
) -> None:
    def queries_to_open(organisation: Organisation, count: int) -> int:
        InitiativeFactory.create_batch(count, organisation=organisation)
        admin, _ = Membership.objects.get_or_create(
            user=as_admin.user, organisation=organisation, role=as_admin.role
        )
        with CaptureQueriesContext(connection) as queries:
            open_period(organisation, Q3, DEADLINE, by=admin)
        assert Update.objects.filter(period__organisation=organisation).count() == count
        return len(queries)

    few, many = queries_to_open(org, 10), queries_to_open(other_org, 160)
    # Rows go in batches (a few dozen a statement on SQLite, hundreds on PostgreSQL).
    assert many - few < 15


def test_it_records_who_opened_it(org: Organisation, as_admin: Membership) -> None:
    period = open_period(org, Q3, DEADLINE, by=as_admin)
    event = PeriodEvent.objects.get(period=period)
    assert (event.kind, event.by) == ("opened", as_admin.user)


def test_it_refuses_a_second_open_period(org: Organisation, as_admin: Membership) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="open")
    with pytest.raises(ValidationError) as error:
        open_period(org, Q3, DEADLINE, by=as_admin)
    assert error.value.message_dict["quarter"] == [
        "2021-22 Q2 is still open. Close it before opening 2021-22 Q3: only one period "
        "can be open at a time."
    ]
    assert not ReportingPeriod.objects.filter(organisation=org, quarter=3).exists()


def test_the_database_refuses_a_second_open_period(org: Organisation) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="open")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3, state="open")


def test_another_organisations_open_period_does_not_count(
    org: Organisation, other_org: Organisation, as_admin: Membership
) -> None:
    ReportingPeriodFactory.create(organisation=other_org, year=2021, quarter=2, state="open")
    assert open_period(org, Q3, DEADLINE, by=as_admin).is_open


def test_it_refuses_a_quarter_already_open(org: Organisation, as_admin: Membership) -> None:
    open_period(org, Q3, DEADLINE, by=as_admin)
    with pytest.raises(ValidationError, match="2021-22 Q3 is already open"):
        open_period(org, Q3, DEADLINE, by=as_admin)


def test_it_sends_a_closed_quarter_to_be_reopened(org: Organisation, as_admin: Membership) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3, state="closed")
    with pytest.raises(ValidationError, match="has been closed"):
        open_period(org, Q3, DEADLINE, by=as_admin)


def test_it_opens_an_upcoming_period_keeping_the_returns_it_has(
    org: Organisation, service: Service, initiative: Initiative, as_admin: Membership
) -> None:
    upcoming = ReportingPeriodFactory.create(
        organisation=org, year=2021, quarter=3, state="upcoming"
    )
    existing = UpdateFactory.create(initiative=initiative, period=upcoming, state="draft")
    other = InitiativeFactory.create(organisation=org, service=service)

    period = open_period(org, Q3, DEADLINE, by=as_admin)

    assert period.pk == upcoming.pk
    assert set(Update.objects.filter(period=period)) == {
        existing,
        Update.objects.get(initiative=other, period=period),
    }


def test_it_refuses_a_deadline_before_the_quarter_starts(
    org: Organisation, as_admin: Membership
) -> None:
    with pytest.raises(ValidationError) as error:
        open_period(org, Q3, dt.date(2021, 9, 30), by=as_admin)
    assert "on or after 1 October 2021" in error.value.message_dict["deadline"][0]


@pytest.mark.parametrize("who", ["as_lead", "as_reviewer", "as_outsider"])
def test_only_an_administrator_of_the_organisation_opens_periods(
    org: Organisation, who: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PermissionDenied):
        open_period(org, Q3, DEADLINE, by=request.getfixturevalue(who))
    assert not ReportingPeriod.objects.filter(organisation=org).exists()


def test_it_sets_when_owners_are_first_reminded(org: Organisation, as_admin: Membership) -> None:
    period = open_period(org, Q3, DEADLINE, by=as_admin, remind_days_before=3)
    # The second reminder, 3 days before by default, would not come after the first: dropped.
    assert (period.remind_days_before, period.remind_again_days_before) == (3, 0)


def test_it_refuses_a_reminder_too_long_before_the_deadline(
    org: Organisation, as_admin: Membership
) -> None:
    with pytest.raises(ValidationError) as caught:
        open_period(org, Q3, DEADLINE, by=as_admin, remind_days_before=61)
    assert caught.value.message_dict["remind_days_before"] == [
        "Enter a number of days from 0 to 60: 0 sends no reminder before the deadline."
    ]
    assert not ReportingPeriod.objects.exists()
