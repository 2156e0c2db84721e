"""The database worker sends reminders every morning: one queued run, re-queued by each run."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from headway.accounts.models import User
from headway.progress.models import Reminder, ReportingPeriod
from headway.progress.tasks import ensure_reminders_scheduled, next_run_after, send_reminders
from headway.strategy.models import Initiative
from tests.factories import UpdateFactory

LONDON = ZoneInfo("Europe/London")


def queued() -> list[Any]:
    return list(DBTaskResult.objects.filter(task_path=send_reminders.module_path, status="READY"))


def test_it_queues_one_run_however_often_it_is_asked(db: None) -> None:
    assert ensure_reminders_scheduled() is True
    assert ensure_reminders_scheduled() is False
    assert len(queued()) == 1


def test_each_run_sends_the_days_reminders_and_queues_the_next_morning(
    initiative: Initiative, period: ReportingPeriod, lead: User
) -> None:
    UpdateFactory.create(initiative=initiative, period=period, state="draft")
    today = timezone.localdate()
    ReportingPeriod.objects.filter(pk=period.pk).update(deadline=today + dt.timedelta(days=10))

    assert send_reminders.call() == 1

    assert len(mail.outbox) == 1
    assert Reminder.objects.get().sent_on == today
    [run] = queued()
    tomorrow_morning = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(7), LONDON)
    assert run.run_after == tomorrow_morning


def test_a_second_run_the_same_day_sends_and_queues_nothing_more(
    initiative: Initiative, period: ReportingPeriod, lead: User
) -> None:
    UpdateFactory.create(initiative=initiative, period=period, state="draft")
    ReportingPeriod.objects.filter(pk=period.pk).update(
        deadline=timezone.localdate() + dt.timedelta(days=10)
    )
    send_reminders.call()
    assert send_reminders.call() == 0
    assert len(mail.outbox) == 1
    assert len(queued()) == 1


def test_the_next_run_is_tomorrow_at_seven_in_london() -> None:
    late_evening = dt.datetime(2022, 3, 26, 23, 30, tzinfo=dt.UTC)  # Clocks go forward tonight.
    assert next_run_after(late_evening) == dt.datetime(2022, 3, 27, 7, tzinfo=LONDON)


def test_nothing_is_queued_on_a_backend_that_cannot_run_tasks_later(
    db: None, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert ensure_reminders_scheduled() is False
    assert send_reminders.call() == 0
    assert queued() == []


@pytest.fixture(autouse=True)
def _database_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
