"""Migrations run on the historical models only: a data step that called the app's code
would change, or break, when that code changes, long after the migration was written."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import headway

MIGRATIONS = sorted(Path(headway.__file__).parent.glob("*/migrations/0*.py"))


def _imported_from_headway(path: Path) -> list[str]:
    """``from headway... import name`` lines: the code a data step could call. (Django itself
    writes ``import headway...`` for a field's ``on_delete`` or ``upload_to``; those stay.)"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"line {node.lineno}: from {node.module} import ..."
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "headway"
    ]


def test_there_are_migrations_to_check() -> None:
    assert len(MIGRATIONS) > 20


@pytest.mark.parametrize(
    "path", MIGRATIONS, ids=[f"{p.parent.parent.name}/{p.name}" for p in MIGRATIONS]
)
def test_no_migration_imports_the_app_s_code(path: Path) -> None:
    assert _imported_from_headway(path) == [], (
        "Use apps.get_model and a copy of the rule in the migration itself."
    )
