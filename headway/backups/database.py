"""The database's part of a backup: a copy made by the engine's own tools, and its state.

SQLite is copied with its online backup API, which gives a consistent copy while web and
worker processes go on writing. PostgreSQL is dumped with ``pg_dump``'s custom format and
restored with ``pg_restore`` in one transaction, so a failed restore changes nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DUMP_NAMES = {SQLITE: "database/headway.sqlite3", POSTGRESQL: "database/headway.pgdump"}
ENGINE_NAMES = {SQLITE: "SQLite", POSTGRESQL: "PostgreSQL"}
# Rows that `migrate` itself writes: a freshly migrated database holds these and is empty.
SCHEMA_TABLES = {"django_migrations", "django_content_type", "auth_permission"}


class BackupError(Exception):
    """Something about a backup or the database that the operator must put right."""


def engine() -> str:
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Headway cannot back up a {vendor} database: use SQLite or PostgreSQL.")
    return vendor


def applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def table_rows() -> dict[str, int]:
    """How many rows each of the database's tables holds."""
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = int(cursor.fetchone()[0])
    return counts


def tables_with_data() -> list[str]:
    """The tables of Headway's models that hold rows `migrate` did not write."""
    model_tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return [
        table
        for table, rows in table_rows().items()
        if rows and table in model_tables and table not in SCHEMA_TABLES
    ]


# SQLite ------------------------------------------------------------------------------------


def _sqlite_path() -> str:
    return str(connection.settings_dict["NAME"])


def dump_sqlite(destination: Path) -> None:
    source = sqlite3.connect(_sqlite_path(), timeout=20)
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def check_sqlite(dump: Path) -> None:
    try:
        copy = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        try:
            (result,) = copy.execute("PRAGMA integrity_check").fetchone()
        finally:
            copy.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"The backup's SQLite database cannot be read: {error}.") from None
    if result != "ok":
        raise BackupError(f"The backup's SQLite database is damaged: {result}.")


def restore_sqlite(dump: Path) -> None:
    """Replace the configured database's contents, in one transaction of the backup API."""
    connection.close()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    target = sqlite3.connect(_sqlite_path(), timeout=20)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


# PostgreSQL --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tool:
    path: str
    major: int


def server_major() -> int:
    connection.ensure_connection()
    version: int = connection.pg_version  # type: ignore[attr-defined]
    return version // 10000


def find_tool(name: str, at_least: int) -> Tool:
    """``pg_dump`` or ``pg_restore`` at least as new as ``at_least``: the server's version."""
    candidates = [f"/usr/lib/postgresql/{at_least}/bin/{name}", shutil.which(name)]
    found: list[Tool] = []
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            tool = Tool(candidate, _major_of(candidate))
            if tool.major >= at_least:
                return tool
            found.append(tool)
    if found:
        raise BackupError(
            f"{name} {found[0].major} ({found[0].path}) cannot work with this PostgreSQL "
            f"{at_least} server: install PostgreSQL {at_least}'s client tools (on Debian, "
            f"`apt-get install postgresql-client-{at_least}`) and put them first on PATH."
        )
    raise BackupError(
        f"{name} was not found. Backups of PostgreSQL use PostgreSQL's own tools: install "
        f"PostgreSQL {at_least}'s client tools (on Debian, `apt-get install "
        f"postgresql-client-{at_least}`) and put them on PATH."
    )


def _major_of(path: str) -> int:
    output = subprocess.run(
        [path, "--version"], capture_output=True, text=True, check=False, timeout=30
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if match is None:
        raise BackupError(f"{path} --version said {output!r}: is it PostgreSQL's?")
    return int(match.group(1))


def _libpq_environment() -> tuple[list[str], dict[str, str]]:
    settings: dict[str, Any] = connection.settings_dict
    arguments = ["--dbname", str(settings["NAME"])]
    if settings.get("HOST"):
        arguments += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        arguments += ["--username", str(settings["USER"])]
    environment = {**os.environ}
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings["PASSWORD"])
    options = settings.get("OPTIONS") or {}
    if options.get("sslmode"):
        environment["PGSSLMODE"] = str(options["sslmode"])
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BackupError(f"{Path(command[0]).name} failed: {detail}")


def dump_postgresql(destination: Path) -> int:
    """Dump the database; returns pg_dump's major version, which pg_restore must match."""
    tool = find_tool("pg_dump", server_major())
    arguments, environment = _libpq_environment()
    _run([tool.path, "--format=custom", "--file", str(destination), *arguments], environment)
    return tool.major


def check_postgresql(dump: Path, dumped_by: int) -> Tool:
    tool = find_tool("pg_restore", max(server_major(), dumped_by))
    _run([tool.path, "--list", str(dump)], {**os.environ})
    return tool


def restore_postgresql(dump: Path, tool: Tool, keep_tables: set[str]) -> None:
    """Restore in one transaction: it all happens or, on any error, nothing does.

    Tables the backup does not hold (made by a later migration) are dropped afterwards, so
    that `headway migrate` can make them again from the restored migration state.
    """
    connection.close()
    arguments, environment = _libpq_environment()
    _run(
        [
            tool.path,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *arguments,
            str(dump),
        ],
        environment,
    )
    extra = sorted(set(connection.introspection.table_names()) - keep_tables)
    if extra:
        quoted = ", ".join(connection.ops.quote_name(table) for table in extra)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")
