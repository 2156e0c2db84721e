"""headway backup and headway restore: a populated Headway round-trips through one file, on
SQLite and on PostgreSQL, and a file that is damaged, from the other engine or from a newer
Headway is refused before anything is changed.

The commands run as processes against a database of their own (a SQLite file, or a
PostgreSQL database made for the test), as an operator would run them.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
HEADWAY = [sys.executable, "-m", "headway.cli"]

# Its processes use databases of their own (SQLite and PostgreSQL both), not the suite's: `make
# test` runs it in the SQLite run only.
pytestmark = pytest.mark.own_databases

# Every table's rows, as a digest of their sorted text, read through Django's own connection.
TABLES = """
import hashlib, json, django
django.setup()
from django.db import connection
out = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        rows = sorted(repr(row) for row in cursor.fetchall())
        out[table] = [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]
print(json.dumps(out))
"""


@dataclass
class Site:
    """One Headway's database and stored files, and how to wipe them."""

    database_url: str
    media: Path
    wipe_database: Callable[[], None]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media),
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "headway.settings",
        }
        return subprocess.run(
            args if args[0] == sys.executable else [*HEADWAY, *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def headway(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = self.run(*args)
        assert result.returncode == 0, f"headway {' '.join(args)}:\n{result.stderr}"
        return result

    def tables(self) -> dict[str, list[object]]:
        result = self.run(sys.executable, "-c", TABLES)
        assert result.returncode == 0, result.stderr
        tables: dict[str, list[object]] = json.loads(result.stdout)
        return tables

    def files(self) -> dict[str, str]:
        return {
            path.relative_to(self.media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(self.media.rglob("*"))
            if path.is_file()
        }


@pytest.fixture
def sqlite_site(tmp_path: Path) -> Site:
    database = tmp_path / "headway.sqlite3"

    def wipe() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)

    return Site(f"sqlite:///{database}", tmp_path / "media", wipe)


@pytest.fixture
def postgresql_site(postgres_url: str, tmp_path: Path) -> Iterator[Site]:
    name = f"hw_backup_roundtrip_{uuid.uuid4().hex[:8]}"
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))

    def wipe() -> None:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(drop)
            conn.execute(create)

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(create)
    try:
        yield Site(postgres_url.rsplit("/", 1)[0] + "/" + name, tmp_path / "media", wipe)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(drop)


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest) -> Site:
    fixture: Site = request.getfixturevalue(f"{request.param}_site")
    return fixture


def _store_files(media: Path) -> None:
    (media / "report-templates").mkdir(parents=True)
    (media / "report-templates" / "joint-committee.docx").write_bytes(os.urandom(50_000))
    (media / "branding").mkdir()
    (media / "branding" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')


def test_a_backup_restores_every_row_and_every_file(site: Site, tmp_path: Path) -> None:
    site.headway("demo", "--no-serve")
    _store_files(site.media)
    tables, files = site.tables(), site.files()
    assert tables["strategy_initiative"][0] != 0
    backup = tmp_path / "headway.tar.gz"

    written = site.headway("backup", "--out", str(backup))
    assert "2 stored files" in written.stdout

    refused = site.run("restore", str(backup))
    assert refused.returncode != 0
    assert "not empty" in refused.stderr and "--replace" in refused.stderr
    assert site.tables() == tables

    site.wipe_database()
    shutil.rmtree(site.media)
    assert site.files() == {}
    restored = site.headway("restore", str(backup))
    assert "It will replace the database with its" in restored.stdout
    assert site.tables() == tables
    assert site.files() == files

    # Over a Headway that holds data, with --replace: the backup's data, and only its files.
    (site.media / "stray.txt").write_text("not in the backup")
    site.headway("restore", str(backup), "--replace")
    assert site.tables() == tables
    assert site.files() == files
    assert "No migrations to apply" in site.headway("migrate").stdout


@pytest.fixture(scope="module")
def small_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    site = Site(f"sqlite:///{folder / 'db.sqlite3'}", folder / "media", lambda: None)
    site.headway("migrate")
    _store_files(site.media)
    site.headway("backup", "--out", str(folder / "backup.tar.gz"))
    return folder / "backup.tar.gz"


def _rewritten(backup: Path, out: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """The backup with each member's bytes passed through ``change(name, data)``."""
    buffer = io.BytesIO()
    with tarfile.open(backup) as source, tarfile.open(fileobj=buffer, mode="w") as target:
        for member in source:
            stream = source.extractfile(member)
            assert stream is not None
            data = change(member.name, stream.read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    out.write_bytes(gzip.compress(buffer.getvalue()))
    return out


def _manifest_change(key: str, value: Callable[[object], object]) -> Callable[[str, bytes], bytes]:
    def change(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest[key] = value(manifest[key])
        return json.dumps(manifest).encode()

    return change


def _refused(sqlite_site: Site, backup: Path) -> str:
    _store_files(sqlite_site.media)
    files = sqlite_site.files()
    result = sqlite_site.run("restore", str(backup), "--replace")
    assert result.returncode != 0
    assert "Nothing was changed" in result.stderr
    assert sqlite_site.files() == files
    # Nothing was staged and left behind beside the stored files.
    assert not [path for path in sqlite_site.media.parent.iterdir() if "-restore-" in path.name]
    return result.stderr


def test_a_truncated_backup_is_refused(sqlite_site: Site, small_backup: Path) -> None:
    cut = sqlite_site.media.parent / "cut.tar.gz"
    cut.write_bytes(small_backup.read_bytes()[: small_backup.stat().st_size // 2])
    message = _refused(sqlite_site, cut)
    cut.unlink()
    assert "damaged or incomplete" in message


def test_a_backup_whose_file_was_changed_is_refused(sqlite_site: Site, small_backup: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        return b"tampered" + data if name.endswith("logo.svg") else data

    changed = _rewritten(small_backup, sqlite_site.media.parent / "changed.tar.gz", change)
    message = _refused(sqlite_site, changed)
    changed.unlink()
    assert "do not match their recorded hash (media/branding/logo.svg)" in message


def test_a_backup_of_the_other_engine_is_refused(sqlite_site: Site, small_backup: Path) -> None:
    other = _rewritten(
        small_backup,
        sqlite_site.media.parent / "other.tar.gz",
        _manifest_change("engine", lambda _: "postgresql"),
    )
    message = _refused(sqlite_site, other)
    other.unlink()
    assert "holds a PostgreSQL database, and this Headway uses SQLite" in message


def _with_a_later_migration(applied: object) -> object:
    assert isinstance(applied, list)
    return [*applied, "strategy.9999_from_later"]


def test_a_backup_from_a_newer_headway_is_refused(sqlite_site: Site, small_backup: Path) -> None:
    newer = _rewritten(
        small_backup,
        sqlite_site.media.parent / "newer.tar.gz",
        _manifest_change("migrations", _with_a_later_migration),
    )
    message = _refused(sqlite_site, newer)
    newer.unlink()
    assert "made by a newer Headway" in message and "strategy.9999_from_later" in message


def test_a_file_that_is_not_a_backup_is_refused(sqlite_site: Site) -> None:
    other = sqlite_site.media.parent / "notes.txt"
    other.write_text("minutes of the last meeting")
    message = _refused(sqlite_site, other)
    other.unlink()
    assert "cannot be restored" in message
