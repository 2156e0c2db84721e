"""Settings come from the environment, and refuse values they cannot trust."""

from __future__ import annotations

import ast
import os
import secrets
import subprocess
import sys
from pathlib import Path

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


# The production settings as README's "Run it in production" documents them.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "headway.example.org",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def read_settings(names: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    code = f"import headway.settings as s; print([getattr(s, n, None) for n in {names.split()!r}])"
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )


def test_the_documented_production_settings_pass_check_deploy_with_no_warning(
    tmp_path: os.PathLike[str],
) -> None:
    # Only what an operator sets: not the test run's debug or async switches.
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DEBUG", "SECURE_", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    env = {**clean, **PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    result = subprocess.run(
        [sys.executable, "-m", "headway.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    # These are the settings README's "Run it in production" names.
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    production = readme[readme.index("## Run it in production") :]
    assert all(f"{name}=" in production for name in PRODUCTION)


def test_debug_off_switches_on_https_only_cookies_redirects_and_hsts() -> None:
    names = "SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS"
    result = read_settings(names, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[True, True, True, 31536000]"
    names += " SECURE_PROXY_SSL_HEADER"
    assert read_settings(names, DEBUG="true").stdout.strip() == "[False, False, False, 0, None]"


def test_a_proxy_s_header_is_trusted_only_when_named() -> None:
    result = read_settings("SECURE_PROXY_SSL_HEADER", **PRODUCTION)
    assert result.stdout.strip() == "[('HTTP_X_FORWARDED_PROTO', 'https')]"
    behind_no_proxy = {k: v for k, v in PRODUCTION.items() if k != "SECURE_PROXY_SSL_HEADER"}
    assert read_settings("SECURE_PROXY_SSL_HEADER", **behind_no_proxy).stdout.strip() == "[None]"
    refused = read_settings(
        "SECURE_PROXY_SSL_HEADER", **{**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "X-Proto: https"}
    )
    assert refused.returncode != 0
    assert "the name of the header your proxy sets to https" in refused.stderr


def test_each_https_setting_can_be_set_apart() -> None:
    names = "SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS"
    result = read_settings(
        names, **PRODUCTION, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="60"
    )
    assert result.stdout.strip() == "[False, 60]"


def test_it_refuses_starttls_and_implicit_tls_together() -> None:
    result = load_settings(EMAIL_HOST="mail.example", EMAIL_USE_TLS="true", EMAIL_USE_SSL="true")
    assert result.returncode != 0
    assert "EMAIL_USE_TLS and EMAIL_USE_SSL are both on: set only one" in result.stderr


def test_it_refuses_a_mail_user_without_a_password() -> None:
    result = load_settings(EMAIL_HOST="mail.example", EMAIL_HOST_USER="headway")
    assert result.returncode != 0
    assert "Set both EMAIL_HOST_USER and EMAIL_HOST_PASSWORD" in result.stderr


def test_it_refuses_a_timeout_that_is_not_a_number_of_seconds() -> None:
    result = load_settings(EMAIL_TIMEOUT="0")
    assert result.returncode != 0
    assert "EMAIL_TIMEOUT is 0" in result.stderr


def mail_settings(**env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    names = "EMAIL_BACKEND EMAIL_HOST EMAIL_PORT EMAIL_USE_TLS EMAIL_USE_SSL EMAIL_HOST_USER"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import headway.settings as s; print({{n: getattr(s, n) for n in {names.split()!r}}})",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(ast.literal_eval(result.stdout))


def test_a_mail_host_sends_through_smtp_with_starttls_on_the_submission_port() -> None:
    read = mail_settings(
        EMAIL_HOST="mail.example",
        EMAIL_USE_TLS="yes",
        EMAIL_HOST_USER="headway",
        EMAIL_HOST_PASSWORD="secret",
    )
    assert read == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example",
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_HOST_USER": "headway",
    }


def test_implicit_tls_defaults_to_port_465_and_without_a_host_mail_goes_to_the_console() -> None:
    assert mail_settings(EMAIL_HOST="mail.example", EMAIL_USE_SSL="on")["EMAIL_PORT"] == 465
    assert mail_settings()["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
