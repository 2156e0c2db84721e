"""Background work of the update cycle, run by the task worker (``headway worker``).

``send_reminders`` runs once a day: each run enqueues the next for the following morning,
so one call to ``ensure_reminders_scheduled()`` (by ``headway demo`` or at deployment)
keeps reminders going. Each run also enqueues the road map's reminders to partner councils
whose consultation is about to close.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import TaskResultStatus, task

from headway.audit.tasks import prune_audit_record
from headway.progress import reminders
from headway.roadmap.tasks import send_daily_roadmap_reminders

log = logging.getLogger(__name__)

# Reminders go out early, before the working day starts (local time, settings.TIME_ZONE).
REMINDER_TIME = dt.time(7, 0)


@task()
def send_reminders() -> int:
    """Send the day's reminders and schedule tomorrow's run. Returns how many were sent."""
    # Schedule first, so that a failure today does not stop tomorrow's reminders.
    _schedule_next()
    # The partner councils' consultation reminders go out with them, as a task of their own
    # so that neither kind of reminder stops the other.
    send_daily_roadmap_reminders.enqueue()
    # The audit record's nightly pruning rides on the same daily run.
    prune_audit_record.enqueue()
    return len(reminders.send_reminders())


def next_run_after(now: dt.datetime | None = None) -> dt.datetime:
    """The next morning's run time after ``now``, as an aware datetime."""
    local = timezone.localtime(now or timezone.now())
    tomorrow = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, REMINDER_TIME))


def _waiting_runs() -> int | None:
    """How many runs are queued and not yet started, or None if the backend cannot tell."""
    backend = send_reminders.get_backend()
    if type(backend).__module__ != "django_tasks_db.backend":
        return None
    from django_tasks_db.models import DBTaskResult

    return int(
        DBTaskResult.objects.filter(
            task_path=send_reminders.module_path,
            backend_name=backend.alias,
            status=TaskResultStatus.READY,
        ).count()
    )


def _schedule_next() -> None:
    if not send_reminders.get_backend().supports_defer:
        return  # e.g. the immediate backend: nothing runs later, so nothing to schedule.
    if _waiting_runs():
        return  # Another run is already queued: keep to one.
    send_reminders.using(run_after=next_run_after()).enqueue()


def ensure_reminders_scheduled() -> bool:
    """Make sure exactly one daily reminder run is queued; True if this call queued it.

    The first run goes as soon as a worker is free, so today's reminders are not missed;
    it then queues the next morning's. Calling this again changes nothing.
    """
    if not send_reminders.get_backend().supports_defer:
        log.warning("The task backend cannot run tasks later: reminders are not scheduled.")
        return False
    if _waiting_runs():
        return False
    send_reminders.enqueue()
    return True
