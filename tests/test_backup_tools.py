"""A PostgreSQL backup needs pg_dump and pg_restore as new as the server: found, or explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from headway.backups.database import BackupError, find_tool


def _fake_tool(folder: Path, name: str, version: str) -> None:
    tool = folder / name
    tool.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) {version}'\n")
    tool.chmod(0o755)


def test_it_finds_a_tool_as_new_as_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_tool(tmp_path, "pg_dump", "98.2 (Debian 98.2-1)")
    monkeypatch.setenv("PATH", str(tmp_path))
    tool = find_tool("pg_dump", 97)
    assert (tool.path, tool.major) == (str(tmp_path / "pg_dump"), 98)


def test_it_refuses_a_tool_older_than_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_tool(tmp_path, "pg_dump", "13.4")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError) as error:
        find_tool("pg_dump", 97)
    assert "pg_dump 13" in str(error.value)
    assert "cannot work with this PostgreSQL 97 server" in str(error.value)
    assert "postgresql-client-97" in str(error.value)


def test_it_says_how_to_install_a_missing_tool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError) as error:
        find_tool("pg_restore", 97)
    assert "pg_restore was not found" in str(error.value)
    assert "postgresql-client-97" in str(error.value)
