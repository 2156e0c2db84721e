"""Owners of outstanding returns are reminded before the deadline and while overdue, once a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from headway.accounts.models import Role, User
from headway.progress.models import Reminder, ReportingPeriod, Update
from headway.progress.reminders import (
    plan_reminders,
    reminder_kind,
    send_planned,
    send_reminders,
)
from headway.strategy.models import Organisation, Service
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    ReportingPeriodFactory,
    ServiceFactory,
    UpdateFactory,
    UserFactory,
)

DEADLINE = dt.date(2022, 1, 14)  # A Friday.
WEEK_BEFORE = dt.date(2022, 1, 7)


@pytest.fixture
def q3(org: Organisation) -> ReportingPeriod:
    # A reminder a week before the deadline, then the default schedule's.
    return ReportingPeriodFactory.create(
        organisation=org,
        year=2021,
        quarter=3,
        deadline=DEADLINE,
        remind_days_before=7,
        remind_again_days_before=0,
    )


def returns(period: ReportingPeriod, service: Service, *states: str, **extra: Any) -> list[Update]:
    return [
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=period.organisation, service=service, title=f"Initiative {n}", **extra
            ),
            period=period,
            state=state,
        )
        for n, state in enumerate(states, start=1)
    ]


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (dt.date(2022, 1, 3), None),
        (dt.date(2022, 1, 4), "due_soon"),  # 10 days before.
        (dt.date(2022, 1, 7), None),
        (dt.date(2022, 1, 11), "due_soon"),  # 3 days before.
        (DEADLINE, "due_today"),
        (dt.date(2022, 1, 15), None),  # The weekend after: not a working day.
        (dt.date(2022, 1, 16), None),
        (dt.date(2022, 1, 17), "overdue"),  # The first working day after.
        (dt.date(2022, 1, 18), None),
        (dt.date(2022, 1, 19), "overdue"),  # Every 2 working days.
        (dt.date(2022, 1, 21), "overdue"),
        (dt.date(2022, 1, 22), None),
        (dt.date(2022, 1, 24), None),
        (dt.date(2022, 1, 25), "overdue"),
    ],
)
def test_reminders_go_10_and_3_days_before_on_the_day_then_every_2_working_days(
    q3: ReportingPeriod, today: dt.date, kind: str | None
) -> None:
    q3.remind_days_before, q3.remind_again_days_before = 10, 3
    assert reminder_kind(q3, today) == kind


def test_the_days_before_are_configurable_and_zero_means_none(q3: ReportingPeriod) -> None:
    q3.remind_days_before, q3.remind_again_days_before, q3.remind_on_deadline = 3, 0, False
    assert reminder_kind(q3, dt.date(2022, 1, 11)) == "due_soon"
    assert reminder_kind(q3, DEADLINE) is None
    q3.remind_overdue_every = 1
    assert reminder_kind(q3, dt.date(2022, 1, 18)) == "overdue"


def test_each_owner_gets_one_email_listing_their_outstanding_returns(
    q3: ReportingPeriod, service: Service, lead: User, settings: Any
) -> None:
    settings.SITE_URL = "https://headway.example.org"
    updates = returns(q3, service, "draft", "draft", "returned", "draft", "approved")
    Update.objects.filter(pk=updates[1].pk).update(
        started_at=dt.datetime(2022, 1, 3, tzinfo=dt.UTC)
    )

    sent = send_reminders(WEEK_BEFORE)

    assert len(sent) == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [lead.email]
    assert email.subject == "Your 2021-22 Q3 updates are due on 14 January: 4 of 5 to do"
    assert (
        "Your 2021-22 Q3 updates are due on Friday 14 January 2022, in 7 days. "
        "4 of your 5 returns are still to do:"
    ) in email.body
    assert "- Initiative 1 (Finance), not started: https://headway.example.org/" in email.body
    assert "- Initiative 2 (Finance), in progress" in email.body
    assert "- Initiative 3 (Finance), returned" in email.body
    assert "Initiative 5" not in email.body


def test_each_reminder_is_recorded(q3: ReportingPeriod, service: Service, lead: User) -> None:
    returns(q3, service, "draft", "submitted")
    send_reminders(WEEK_BEFORE)
    reminder = Reminder.objects.get()
    assert (reminder.recipient, reminder.period, reminder.kind) == (lead, q3, "due_soon")
    assert (reminder.sent_on, reminder.returns_count) == (WEEK_BEFORE, 1)


def test_running_twice_in_a_day_sends_one_email(
    q3: ReportingPeriod, service: Service, lead: User
) -> None:
    returns(q3, service, "draft")
    send_reminders(WEEK_BEFORE)
    assert send_reminders(WEEK_BEFORE) == []
    assert len(mail.outbox) == 1
    assert Reminder.objects.count() == 1


def test_a_run_that_loses_the_race_sends_nothing(
    q3: ReportingPeriod, service: Service, lead: User
) -> None:
    returns(q3, service, "draft")
    plans = plan_reminders(WEEK_BEFORE)  # Both runs planned before either sent.
    send_planned(plans)
    assert send_planned(plans) == []
    assert len(mail.outbox) == 1


def test_an_email_that_fails_is_logged_as_not_sent_and_tried_again(
    q3: ReportingPeriod, service: Service, lead: User, settings: Any
) -> None:
    returns(q3, service, "draft")
    settings.EMAIL_BACKEND = "tests.progress.failing_email.Backend"
    assert send_reminders(WEEK_BEFORE) == []
    failed = Reminder.objects.get()
    assert failed.status == Reminder.Status.FAILED
    assert failed.answer == "Could not reach the mail server: The mail server is down."
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert len(send_reminders(WEEK_BEFORE)) == 1
    assert [r.status for r in Reminder.objects.order_by("pk")] == ["failed", "accepted"]


def test_overdue_owners_are_told_how_late(
    q3: ReportingPeriod, service: Service, lead: User
) -> None:
    returns(q3, service, "draft", "submitted")
    send_reminders(dt.date(2022, 1, 21))
    email = mail.outbox[0]
    assert email.subject == "Your 2021-22 Q3 updates were due on 14 January: 1 of 2 still to do"
    assert "were due on Friday 14 January 2022, 7 days ago" in email.body
    assert Reminder.objects.get().kind == "overdue"


def test_nobody_is_reminded_on_other_days(
    q3: ReportingPeriod, service: Service, lead: User
) -> None:
    returns(q3, service, "draft")
    assert send_reminders(dt.date(2022, 1, 10)) == []
    assert mail.outbox == []


def test_nobody_with_nothing_outstanding_is_reminded(
    q3: ReportingPeriod, service: Service, lead: User
) -> None:
    returns(q3, service, "submitted", "approved")
    assert send_reminders(WEEK_BEFORE) == []


def test_closed_and_upcoming_periods_are_not_chased(
    q3: ReportingPeriod, service: Service, lead: User
) -> None:
    returns(q3, service, "draft")
    for state in ("upcoming", "closed"):
        ReportingPeriod.objects.filter(pk=q3.pk).update(state=state)
        assert plan_reminders(WEEK_BEFORE) == []


def test_an_owner_is_reminded_instead_of_the_service_leads(
    q3: ReportingPeriod, service: Service, lead: User
) -> None:
    owner = UserFactory.create(username="owner")
    returns(q3, service, "draft", owner=owner)
    send_reminders(WEEK_BEFORE)
    assert [email.to for email in mail.outbox] == [[owner.email]]


def test_each_lead_of_a_service_is_reminded_of_its_returns_only(
    q3: ReportingPeriod, org: Organisation, service: Service, lead: User
) -> None:
    ict = ServiceFactory.create(organisation=org, name="ICT")
    ict_lead = MembershipFactory.create(
        user=UserFactory.create(username="ict"),
        organisation=org,
        role=Role.SERVICE_LEAD,
        services=[ict],
    ).user
    returns(q3, service, "draft")
    returns(q3, ict, "draft", "draft")
    send_reminders(WEEK_BEFORE)
    subjects = {tuple(email.to): email.subject for email in mail.outbox}
    assert subjects == {
        (lead.email,): "Your 2021-22 Q3 updates are due on 14 January: 1 of 1 to do",
        (ict_lead.email,): "Your 2021-22 Q3 updates are due on 14 January: 2 of 2 to do",
    }


def test_someone_with_no_email_address_is_skipped(
    q3: ReportingPeriod, service: Service, lead: User
) -> None:
    User.objects.filter(pk=lead.pk).update(email="")
    returns(q3, service, "draft")
    assert len(plan_reminders(WEEK_BEFORE)) == 1
    assert send_reminders(WEEK_BEFORE) == []
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("count", [3, 40])
def test_planning_takes_the_same_queries_however_many_returns(
    q3: ReportingPeriod,
    service: Service,
    lead: User,
    count: int,
    django_assert_num_queries: Any,
) -> None:
    owner = UserFactory.create(username="owner")
    returns(q3, service, *["draft"] * count)
    returns(q3, service, *["draft"] * count, owner=owner)
    with django_assert_num_queries(5):
        plans = plan_reminders(WEEK_BEFORE)
    assert sorted(len(plan.to_do) for plan in plans) == [count, count]
