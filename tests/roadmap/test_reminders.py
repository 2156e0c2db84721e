"""Partner contacts who have not answered are reminded two days before the consultation
closes, once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from headway.accounts.models import User
from headway.progress.tasks import send_reminders
from headway.roadmap.consultation import send_consultation_reminders
from headway.roadmap.models import ChangeRequest, Consultation, ConsultationReminder
from headway.roadmap.tasks import send_daily_roadmap_reminders
from headway.strategy.models import Initiative, Organisation
from tests.roadmap.helpers import answer, opened_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulting(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    partner_contact: User,
    south_contact: User,
    closes_on: dt.date,
) -> ChangeRequest:
    change = opened_change(org, admin_user, closes_on, initiative=initiative)
    answer(change, partner_contact, Consultation.Response.SUPPORTS)
    mail.outbox.clear()
    return change


def test_it_reminds_only_partners_that_have_not_answered(
    consulting: ChangeRequest, south_contact: User, closes_on: dt.date
) -> None:
    assert send_consultation_reminders(closes_on - dt.timedelta(days=2)) == 1
    [message] = mail.outbox
    assert message.to == [south_contact.email]
    assert message.subject == (
        f"Reminder: answer by {closes_on:%-d %B %Y}: Replace the payroll system"
    )
    reminder = ConsultationReminder.objects.get()
    assert reminder.consultation.partner.short_name == "South"
    assert reminder.sent_to == south_contact.email


def test_it_never_sends_the_same_reminder_twice(
    consulting: ChangeRequest, closes_on: dt.date
) -> None:
    day = closes_on - dt.timedelta(days=2)
    send_consultation_reminders(day)
    assert send_consultation_reminders(day) == 0
    assert send_consultation_reminders(day + dt.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_it_waits_until_two_days_before_closing(
    consulting: ChangeRequest, closes_on: dt.date
) -> None:
    assert send_consultation_reminders(closes_on - dt.timedelta(days=3)) == 0
    assert not mail.outbox


def test_it_catches_up_on_a_missed_day_but_not_after_closing(
    consulting: ChangeRequest, closes_on: dt.date
) -> None:
    assert send_consultation_reminders(closes_on + dt.timedelta(days=1)) == 0
    assert send_consultation_reminders(closes_on - dt.timedelta(days=1)) == 1


def test_it_does_not_remind_about_a_decided_change(
    consulting: ChangeRequest, closes_on: dt.date
) -> None:
    ChangeRequest.objects.filter(pk=consulting.pk).update(state=ChangeRequest.State.WITHDRAWN)
    assert send_consultation_reminders(closes_on - dt.timedelta(days=2)) == 0


def test_the_daily_task_sends_the_reminders_due_today(
    consulting: ChangeRequest, today: dt.date
) -> None:
    ChangeRequest.objects.filter(pk=consulting.pk).update(closes_on=today + dt.timedelta(days=2))
    assert send_daily_roadmap_reminders.call() == 1
    assert len(mail.outbox) == 1


def test_the_daily_reminder_run_reminds_partners_too(
    consulting: ChangeRequest, south_contact: User, today: dt.date, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ChangeRequest.objects.filter(pk=consulting.pk).update(closes_on=today + dt.timedelta(days=1))
    send_reminders.call()
    assert [m.to for m in mail.outbox] == [[south_contact.email]]
    assert ConsultationReminder.objects.count() == 1


def test_on_the_database_worker_the_partners_reminders_run_as_their_own_task(
    db: None, settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_reminders.call()
    paths = DBTaskResult.objects.values_list("task_path", flat=True)
    assert send_daily_roadmap_reminders.module_path in paths
