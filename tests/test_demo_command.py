"""`headway demo` sets up the database, loads the demo, says how to sign in and serves it."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.commands import runserver

from headway import demo_worker
from headway.management.commands import demo
from headway.strategy.models import Initiative


class FakeWorker:
    """Stands in for the worker process: records how it was started and stopped."""

    started: list[FakeWorker] = []

    def __init__(self, args: list[str]) -> None:
        self.args = args
        self.events = ["started"]
        FakeWorker.started.append(self)

    def terminate(self) -> None:
        self.events.append("terminated")

    def wait(self, timeout: float | None = None) -> int:
        self.events.append("waited")
        return 0

    def kill(self) -> None:
        self.events.append("killed")


@pytest.fixture(autouse=True)
def worker(monkeypatch: pytest.MonkeyPatch) -> type[FakeWorker]:
    FakeWorker.started = []
    monkeypatch.setattr(demo.subprocess, "Popen", FakeWorker)
    return FakeWorker


@pytest.fixture
def debug(settings: Any, db: None) -> None:
    settings.DEBUG = True


def test_it_loads_the_demo_and_prints_the_users_and_password(debug: None):
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert Initiative.objects.filter(organisation__slug="onesource").count() >= 40
    for line in (
        "admin ",
        "reviewer ",
        "lead ",
        "partner ",
        "partner-havering ",
        "viewer ",
        "Password for every demo user: headway-demo",
        "Sign in at http://127.0.0.1:8000/",
    ):
        assert line in text


def test_it_prints_the_password_it_was_given(debug: None):
    out = StringIO()
    call_command("demo", "--no-serve", "--password", "demo password 2", stdout=out)
    assert "Password for every demo user: demo password 2" in out.getvalue()


def test_it_serves_the_site_once_loaded_without_the_autoreloader(
    debug: None, monkeypatch: pytest.MonkeyPatch
):
    served: dict[str, Any] = {}
    monkeypatch.setattr(runserver.Command, "run", lambda self, **options: served.update(options))
    call_command("demo", "--addrport", "127.0.0.1:8123", stdout=StringIO())
    assert served["addrport"] == "127.0.0.1:8123"
    assert served["use_reloader"] is False


def test_it_refuses_to_run_with_debug_off(settings: Any, db: None):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo", "--no-serve", stdout=StringIO())
    assert not Initiative.objects.exists()


def test_it_refuses_an_empty_password(debug: None):
    with pytest.raises(CommandError, match="password"):
        call_command("demo", "--no-serve", "--password", " ", stdout=StringIO())


def test_it_runs_the_task_worker_while_it_serves(
    debug: None, monkeypatch: pytest.MonkeyPatch, worker: type[FakeWorker]
):
    def serve(self: Any, **options: Any) -> None:
        [running] = worker.started
        assert running.events == ["started"]  # Started before the site, running while it serves.

    monkeypatch.setattr(runserver.Command, "run", serve)
    out = StringIO()
    call_command("demo", stdout=out)
    [stopped] = worker.started
    assert stopped.args == [sys.executable, "-m", "headway.demo_worker"]
    assert stopped.events == ["started", "terminated", "waited"]
    assert "The task worker is running beside the site." in out.getvalue()


def test_it_stops_the_worker_however_the_server_stops(
    debug: None, monkeypatch: pytest.MonkeyPatch, worker: type[FakeWorker]
):
    def interrupted(self: Any, **options: Any) -> None:
        sys.exit(0)  # What runserver does on Ctrl+C.

    monkeypatch.setattr(runserver.Command, "run", interrupted)
    with pytest.raises(SystemExit):
        call_command("demo", stdout=StringIO())
    assert worker.started[0].events == ["started", "terminated", "waited"]


def test_it_kills_a_worker_that_will_not_stop(
    debug: None, monkeypatch: pytest.MonkeyPatch, worker: type[FakeWorker]
):
    def slow(self: FakeWorker, timeout: float | None = None) -> int:
        self.events.append("waited")
        if timeout is not None:
            raise subprocess.TimeoutExpired("worker", timeout)
        return 0

    monkeypatch.setattr(FakeWorker, "wait", slow)
    monkeypatch.setattr(runserver.Command, "run", lambda self, **options: None)
    call_command("demo", stdout=StringIO())
    assert worker.started[0].events == ["started", "terminated", "waited", "killed", "waited"]


def test_it_starts_no_worker_when_told_not_to_or_not_serving(
    debug: None, monkeypatch: pytest.MonkeyPatch, worker: type[FakeWorker]
):
    monkeypatch.setattr(runserver.Command, "run", lambda self, **options: None)
    call_command("demo", "--no-worker", stdout=StringIO())
    call_command("demo", "--no-serve", stdout=StringIO())
    assert worker.started == []


def test_the_worker_stops_itself_when_the_demo_s_process_is_gone(
    monkeypatch: pytest.MonkeyPatch,
):
    signals: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: signals.append((pid, sig)))
    parents = iter([100, 100, 1])  # The parent dies: the worker is handed to init.
    monkeypatch.setattr(os, "getppid", lambda: next(parents))
    demo_worker.watch_parent(100, interval=0)
    assert signals == [(os.getpid(), signal.SIGTERM)]


def test_the_worker_runs_headway_s_task_worker(monkeypatch: pytest.MonkeyPatch):
    ran: list[list[str]] = []
    monkeypatch.setattr(demo_worker.cli, "main", ran.append)
    monkeypatch.setattr(demo_worker, "watch_parent", lambda parent: None)
    demo_worker.main()
    assert ran == [["worker", "--no-reload", "--no-startup-delay", "--interval", "1"]]


def test_it_schedules_the_daily_reminders_once(debug: None, settings: Any):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    from headway.progress.tasks import send_reminders

    call_command("demo", "--no-serve", stdout=StringIO())
    call_command("demo", "--no-serve", stdout=StringIO())
    waiting = DBTaskResult.objects.filter(task_path=send_reminders.module_path, status="READY")
    assert waiting.count() == 1


def test_it_runs_on_the_day_the_q3_report_was_drafted(
    debug: None, monkeypatch: pytest.MonkeyPatch, worker: type[FakeWorker]
):
    from django.conf import settings

    from headway import clock

    seen: dict[str, Any] = {}

    def serve(self: Any, **options: Any) -> None:
        seen.update(today=clock.today(), worker_env=os.environ.get("DEMO_DATE"))

    monkeypatch.setattr(runserver.Command, "run", serve)
    out = StringIO()
    call_command("demo", stdout=out)
    assert seen == {"today": dt.date(2022, 2, 18), "worker_env": "2022-02-18"}
    assert dt.date(2022, 2, 18) == settings.DEMO_DATE
    assert "simulated date, Friday 18 February 2022" in out.getvalue()


def test_it_runs_on_another_date_when_told(debug: None):
    from headway import clock

    call_command("demo", "--no-serve", "--today", "2022-01-10", stdout=StringIO())
    assert clock.today() == dt.date(2022, 1, 10)


def test_it_refuses_a_date_it_cannot_read(debug: None):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("demo", "--no-serve", "--today", "10/01/2022", stdout=StringIO())
