"""Background work for the maps, run by the database-backed task worker."""

from __future__ import annotations

from django_tasks import task

from headway.roadmap.consultation import send_consultation_reminders


@task()
def send_daily_roadmap_reminders() -> int:
    """Once a day: remind partners whose consultation closes within two days. Safe to run
    twice: each consultation is reminded once."""
    return send_consultation_reminders()
