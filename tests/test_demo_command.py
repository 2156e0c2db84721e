"""`headway demo` sets up the database, loads the demo, says how to sign in and serves it."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.commands import runserver

from headway.strategy.models import Initiative

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def debug(settings: Any, db: None) -> None:
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = FAST_HASHERS


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


def test_it_schedules_the_daily_reminders_once(debug: None):
    from django_tasks_db.models import DBTaskResult

    from headway.progress.tasks import send_reminders

    call_command("demo", "--no-serve", stdout=StringIO())
    call_command("demo", "--no-serve", stdout=StringIO())
    waiting = DBTaskResult.objects.filter(task_path=send_reminders.module_path, status="READY")
    assert waiting.count() == 1
