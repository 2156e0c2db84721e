"""Headway runs on PostgreSQL, its production database, from the same command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from headway.bench.site import fresh_postgres as fresh_database

HEADWAY = [sys.executable, "-m", "headway.cli"]

# Its processes use databases of their own (SQLite and PostgreSQL both), not the suite's: `make
# test` runs it in the SQLite run only.
pytestmark = pytest.mark.own_databases


@pytest.fixture
def fresh_postgres(postgres_url: str) -> Iterator[str]:
    with fresh_database(postgres_url, prefix="headway_check") as url:
        yield url


def run_headway(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [*HEADWAY, *args],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_headway_migrates_a_fresh_postgres_database(fresh_postgres: str) -> None:
    result = run_headway("migrate", "--no-input", database_url=fresh_postgres)
    assert result.returncode == 0, result.stderr
    check = run_headway("makemigrations", "--check", "--dry-run", database_url=fresh_postgres)
    assert check.returncode == 0, f"Models have changes with no migration:\n{check.stdout}"


def test_the_demo_loads_into_a_fresh_postgres_database(fresh_postgres: str) -> None:
    result = run_headway("demo", "--no-serve", database_url=fresh_postgres)
    assert result.returncode == 0, result.stderr
    assert "admin" in result.stdout
    with psycopg.connect(fresh_postgres) as conn:
        (initiatives,) = conn.execute("SELECT count(*) FROM strategy_initiative").fetchone() or (0,)
    assert 40 <= initiatives <= 80


def test_the_demo_loads_into_the_sqlite_file_named_by_database_url(tmp_path: Path) -> None:
    database = tmp_path / "check.sqlite3"
    result = run_headway("demo", "--no-serve", database_url=f"sqlite:///{database}")
    assert result.returncode == 0, result.stderr
    assert database.stat().st_size > 0
