"""Is this Headway working? The answer ``/healthz`` gives a load balancer.

Two things must hold: the database answers a trivial query, and background work is being done.
django-tasks-db's worker keeps no heartbeat, so a worker's health is read from its queue: a
task that has been ready to run for longer than ``TASKS_MAX_WAIT_SECONDS`` means no worker is
taking tasks. A running task is not counted against it: a big pack may take minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@dataclass(frozen=True)
class Health:
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return all(check["ok"] for check in self.checks.values())

    def as_json(self) -> dict[str, Any]:
        return {"status": "ok" if self.healthy else "failing", "checks": self.checks}


def check_health(now: datetime | None = None) -> Health:
    now = now or timezone.now()
    database = _database()
    checks = {"database": database}
    checks["tasks"] = _tasks(now) if database["ok"] else {"ok": False, "error": "no database"}
    return Health(checks)


def _database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The error text may name hosts or users: a public page says only that it failed.
        return {"ok": False, "error": "the database did not answer"}
    return {"ok": True}


def _tasks(now: datetime) -> dict[str, Any]:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DATABASE_BACKEND:
        # Tasks run inside the request (tests, or an operator's choice): no worker to watch.
        return {"ok": True, "worker": "not used"}
    from django_tasks_db.models import DBTaskResult

    limit: int = settings.TASKS_MAX_WAIT_SECONDS
    try:
        ready = DBTaskResult.objects.ready()
        oldest = ready.order_by("run_after", "enqueued_at").values_list("enqueued_at", "run_after")
        waiting = ready.count()
        first = oldest.first()
        last_finished = (
            DBTaskResult.objects.finished()
            .exclude(finished_at=None)
            .order_by("-finished_at")
            .values_list("finished_at", flat=True)
            .first()
        )
    except DatabaseError:
        return {"ok": False, "error": "the task queue could not be read"}
    oldest_wait = 0
    if first is not None:
        enqueued_at, run_after = first
        # A task scheduled for later has only been waiting since it became due.
        ready_since = max(enqueued_at, run_after) if run_after.year < 9999 else enqueued_at
        oldest_wait = max(0, int((now - ready_since).total_seconds()))
    return {
        "ok": oldest_wait <= limit,
        "ready_tasks": waiting,
        "oldest_ready_seconds": oldest_wait,
        "max_wait_seconds": limit,
        "last_finished_at": last_finished.isoformat() if last_finished else None,
    }
