"""From the dashboard, a reviewer or administrator reminds one late owner now, once a day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import Membership, User
from headway.progress.models import Reminder, ReportingPeriod, Update
from headway.progress.reminders import plan_reminders, remind_owner_now
from headway.strategy.models import Organisation, Service
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory

DEADLINE = dt.date(2022, 1, 14)
LATE = dt.date(2022, 1, 17)  # The daily run reminds overdue owners on this day too.


@pytest.fixture
def q3(org: Organisation, service: Service) -> ReportingPeriod:
    period = ReportingPeriodFactory.create(
        organisation=org, year=2021, quarter=3, deadline=DEADLINE
    )
    for title, state in (
        ("Payroll", "draft"),
        ("Debt recovery", "returned"),
        ("Audit", "approved"),
    ):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(organisation=org, service=service, title=title),
            period=period,
            state=state,
        )
    return period


def test_it_emails_the_owner_their_returns_still_to_do(
    q3: ReportingPeriod, lead: User, as_admin: Membership
) -> None:
    plan = remind_owner_now(q3, lead, by=as_admin, today=LATE)
    assert [item.initiative for item in plan.to_do] == ["Debt recovery", "Payroll"]
    assert plan.kind == Reminder.Kind.OVERDUE
    [email] = mail.outbox
    assert email.to == ["lead@example.org"]
    assert email.subject == "Your 2021-22 Q3 updates were due on 14 January: 2 of 3 still to do"


def test_it_is_recorded_so_the_daily_run_does_not_repeat_it(
    q3: ReportingPeriod, lead: User, as_reviewer: Membership
) -> None:
    assert [plan.recipient for plan in plan_reminders(LATE)] == [lead]
    remind_owner_now(q3, lead, by=as_reviewer, today=LATE)
    assert Reminder.objects.get().recipient == lead
    assert plan_reminders(LATE) == []


def test_it_is_refused_once_the_owner_was_reminded_today(
    q3: ReportingPeriod, lead: User, as_admin: Membership
) -> None:
    remind_owner_now(q3, lead, by=as_admin, today=LATE)
    with pytest.raises(ValidationError, match="already been reminded today"):
        remind_owner_now(q3, lead, by=as_admin, today=LATE)
    assert len(mail.outbox) == 1


def test_before_the_deadline_it_says_when_the_returns_are_due(
    q3: ReportingPeriod, lead: User, as_admin: Membership
) -> None:
    remind_owner_now(q3, lead, by=as_admin, today=DEADLINE)
    assert "are due today, Friday 14 January 2022" in mail.outbox[0].body


def test_it_is_refused_for_someone_with_nothing_to_do(
    q3: ReportingPeriod, lead: User, as_admin: Membership
) -> None:
    Update.objects.filter(period=q3).update(state=Update.State.SUBMITTED)
    with pytest.raises(ValidationError, match="has no 2021-22 Q3 returns still to do"):
        remind_owner_now(q3, lead, by=as_admin, today=LATE)
    assert not Reminder.objects.exists()


def test_it_is_refused_for_someone_without_an_email_address(
    q3: ReportingPeriod, lead: User, as_admin: Membership
) -> None:
    User.objects.filter(pk=lead.pk).update(email="")
    lead.refresh_from_db()
    with pytest.raises(ValidationError, match="has no email address"):
        remind_owner_now(q3, lead, by=as_admin, today=LATE)
    assert not Reminder.objects.exists()


def test_a_closed_period_is_not_chased(
    q3: ReportingPeriod, lead: User, as_admin: Membership
) -> None:
    ReportingPeriod.objects.filter(pk=q3.pk).update(state="closed")
    q3.refresh_from_db()
    with pytest.raises(ValidationError, match="is not open"):
        remind_owner_now(q3, lead, by=as_admin, today=LATE)


def test_only_reviewers_and_administrators_may_remind(
    q3: ReportingPeriod, lead: User, as_lead: Membership, as_outsider: Membership
) -> None:
    for someone in (as_lead, as_outsider):
        with pytest.raises(PermissionDenied):
            remind_owner_now(q3, lead, by=someone, today=LATE)
    assert mail.outbox == []
