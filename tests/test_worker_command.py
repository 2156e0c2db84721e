"""``headway worker``: django-tasks-db's worker, warming the pack renderers where tasks run."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from headway.management.commands import worker


class _Thread:
    started: list[Any] = []

    def __init__(self, target: Any, name: str, daemon: bool) -> None:
        self.target, self.daemon = target, daemon

    def start(self) -> None:
        _Thread.started.append(self.target)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch, settings: Any) -> list[dict[str, Any]]:
    """The options the database worker ran with; nothing is really run or warmed."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ran: list[dict[str, Any]] = []
    monkeypatch.setattr(
        DatabaseWorker, "handle", lambda self, *args, **options: ran.append(options)
    )
    monkeypatch.setattr(worker.threading, "Thread", _Thread)
    monkeypatch.delenv("RUN_MAIN", raising=False)
    _Thread.started = []
    return ran


def test_it_runs_the_database_worker_with_its_options(runs: list[dict[str, Any]]) -> None:
    call_command("worker", "--no-reload", "--interval", "1", "--queue-name", "default")
    assert runs[0]["interval"] == 1 and runs[0]["queue_name"] == "default"
    assert _Thread.started == [worker._warm_up]  # beside it, in the background


def test_a_worker_that_empties_the_queue_and_stops_warms_nothing(
    runs: list[dict[str, Any]],
) -> None:
    call_command("worker", "--batch")
    assert runs and _Thread.started == []


def test_the_reloader_s_watching_process_warms_nothing(
    runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    call_command("worker", "--reload")
    assert _Thread.started == []
    monkeypatch.setenv("RUN_MAIN", "true")  # the reloaded child, which runs the tasks
    call_command("worker", "--reload")
    assert _Thread.started == [worker._warm_up]


def test_a_failed_warm_up_is_logged_and_left_to_the_first_pack(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise OSError("no room for a process")

    monkeypatch.setattr(worker, "warm_up", broken)
    worker._warm_up()
    assert "Could not load the pack renderers" in caplog.text
