"""Settings come from the environment, and refuse values they cannot trust."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from headway.lib.env import env_bool, env_int, env_list


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import headway.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off() -> None:
    result = load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr


def test_it_starts_with_a_secret_key_when_debug_is_off() -> None:
    result = load_settings(DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_it_refuses_a_debug_value_that_is_neither_true_nor_false() -> None:
    result = load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG is 'maybe': set it to true or false" in result.stderr


def test_it_defaults_to_sqlite() -> None:
    result = load_settings()
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_it_reads_a_postgres_database_url() -> None:
    result = load_settings(DATABASE_URL="postgres://someone@db.example:5432/headway")
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_it_explains_an_unreadable_database_url() -> None:
    result = load_settings(DATABASE_URL="mongodb://nowhere/headway")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_it_reads_typed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HW_FLAG", "Yes")
    monkeypatch.setenv("HW_COUNT", "12")
    monkeypatch.setenv("HW_HOSTS", "a.example, b.example,")
    assert env_bool("HW_FLAG", False) is True
    assert env_int("HW_COUNT", 0) == 12
    assert env_list("HW_HOSTS", []) == ["a.example", "b.example"]


def test_it_refuses_a_number_that_is_not_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("HW_COUNT", "twelve")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("HW_COUNT", 0)
