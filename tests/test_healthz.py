"""/healthz tells a load balancer whether this Headway can serve: database and task worker."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

import headway.health

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _waiting_task(seconds: int, **fields: Any) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="headway.progress.tasks.send_reminders",
        backend_name="default",
        queue_name="default",
        run_after=fields.pop("run_after", get_date_max()),
        **fields,
    )
    enqueued = timezone.now() - timedelta(seconds=seconds)
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued)
    return task


def test_it_answers_anyone_with_200_and_no_caching() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}


@override_settings(TASKS=DATABASE_TASKS, TASKS_MAX_WAIT_SECONDS=300)
def test_it_is_healthy_when_the_worker_keeps_up() -> None:
    _waiting_task(30)
    response = Client().get("/healthz")
    assert response.status_code == 200
    tasks = response.json()["checks"]["tasks"]
    assert tasks["ok"] is True
    assert tasks["ready_tasks"] == 1
    assert 30 <= tasks["oldest_ready_seconds"] < 300


@override_settings(TASKS=DATABASE_TASKS, TASKS_MAX_WAIT_SECONDS=300)
def test_it_fails_when_a_task_has_waited_too_long_for_a_worker() -> None:
    _waiting_task(10)
    _waiting_task(600)
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["tasks"]["ok"] is False
    assert body["checks"]["tasks"]["oldest_ready_seconds"] >= 600


@override_settings(TASKS=DATABASE_TASKS, TASKS_MAX_WAIT_SECONDS=300)
def test_a_task_scheduled_for_later_is_not_a_waiting_task() -> None:
    _waiting_task(3600, run_after=timezone.now() + timedelta(hours=1))
    assert Client().get("/healthz").status_code == 200


@override_settings(TASKS=DATABASE_TASKS, TASKS_MAX_WAIT_SECONDS=300)
def test_a_task_being_run_is_not_waiting() -> None:
    _waiting_task(3600, status="RUNNING", started_at=timezone.now())
    assert Client().get("/healthz").status_code == 200


class _Unreachable:
    def cursor(self) -> Any:
        raise OperationalError('could not connect to server at "db.internal" as user "headway"')


def test_it_fails_without_naming_the_database_when_it_cannot_reach_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(headway.health, "connection", _Unreachable())
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert b"db.internal" not in response.content
    assert response.json()["checks"]["database"]["ok"] is False


def test_it_refuses_to_change_anything() -> None:
    assert Client().post("/healthz").status_code == 405
