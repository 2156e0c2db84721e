"""`headway serve` runs gunicorn for production, and only when production settings are safe."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from headway.management.commands.serve import HeadwayServer


@pytest.fixture
def production(settings: Any, tmp_path: Path) -> Path:
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["headway.example.org"]
    settings.STATIC_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What gunicorn would have served with, instead of serving."""
    config: dict[str, Any] = {}

    def run(self: HeadwayServer) -> None:
        config.update(bind=self.cfg.bind, workers=self.cfg.workers, app=self.load())

    monkeypatch.setattr(HeadwayServer, "run", run)
    return config


def test_it_refuses_to_run_with_debug_on(production: Path, settings: Any, served: dict[str, Any]):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Set DEBUG=false and SECRET_KEY"):
        call_command("serve")
    assert not served


def test_it_refuses_to_run_without_allowed_hosts(production: Path, settings: Any, served: dict):
    settings.ALLOWED_HOSTS = []
    with pytest.raises(CommandError, match="ALLOWED_HOSTS"):
        call_command("serve")
    assert not served


def test_it_collects_static_files_then_serves_headway(production: Path, served: dict[str, Any]):
    call_command("serve", "--bind", "127.0.0.1:9000", "--workers", "3")
    assert (production / "admin" / "css" / "base.css").exists()
    assert served["bind"] == ["127.0.0.1:9000"]
    assert served["workers"] == 3
    assert callable(served["app"])


def test_it_takes_bind_and_workers_from_the_environment(
    production: Path, served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BIND", "0.0.0.0:8080")
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    call_command("serve")
    assert (served["bind"], served["workers"]) == (["0.0.0.0:8080"], 5)


def test_it_serves_two_workers_on_port_8000_by_default(
    production: Path, served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("BIND", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    call_command("serve")
    assert (served["bind"], served["workers"]) == (["0.0.0.0:8000"], 2)


def test_it_refuses_fewer_than_one_worker(production: Path, served: dict[str, Any]):
    with pytest.raises(CommandError, match="at least 1 worker"):
        call_command("serve", "--workers", "0")
