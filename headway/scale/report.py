"""The benchmark's printed rows: the pages' figures, the load's and the tables' sizes."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.db import connection

from headway.scale.bench import TRIVIAL, LoadFigures, PageFigures
from headway.scale.generate import Generated

PAGE_HEADER = (
    f"{'page':<44} {'as':<15} {'status':>6} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} "
    f"{'queries':>7} {'bytes':>11}"
)
LOAD_HEADER = "under load: {clients} clients for {seconds:.0f} s each, through headway serve"


def commit() -> str:
    """The commit measured, so figures can be matched to the code."""
    try:
        found = subprocess.run(
            ["git", "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        )
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"
    return f"commit {found.stdout.strip()[:72]}"


def generated_line(generated: Generated) -> str:
    counts = ", ".join(f"{number:,} {name}" for name, number in generated.counts.items())
    return f"generated {counts} in {generated.seconds:.1f} s"


def page_row(row: PageFigures) -> str:
    return (
        f"{row.page[:44]:<44} {row.role[:15]:<15} {row.status:>6} {row.requests:>3} "
        f"{row.p50_ms:>8.1f} {row.p95_ms:>8.1f} {row.queries:>7} {row.bytes:>11,}"
    )


def load_row(name: str, figures: LoadFigures) -> str:
    return (
        f"{name:<24} {figures.requests:>6} requests, {figures.errors} errors, "
        f"p50 {figures.p50_ms:.0f} ms, p95 {figures.p95_ms:.0f} ms"
    )


def targets(
    rows: list[PageFigures], load: dict[str, LoadFigures], p95_ms: float, ratio: float
) -> Iterator[str]:
    """The issue's targets, and which pages miss them."""
    slow = [row for row in rows if row.p95_ms > p95_ms]
    yield (
        f"pages with p95 over {p95_ms:.0f} ms: {len(slow)} of {len(rows)}"
        + (": " + ", ".join(f"{row.page} ({row.role})" for row in slow) if slow else "")
    )
    trivial = load.get(TRIVIAL)
    if trivial and trivial.p50_ms:
        heavy = [
            f"{name} ({figures.p50_ms / trivial.p50_ms:.1f}x)"
            for name, figures in load.items()
            if name != TRIVIAL and figures.p50_ms > ratio * trivial.p50_ms
        ]
        yield f"pages under load over {ratio:.0f}x the trivial page's p50: " + (
            ", ".join(heavy) if heavy else "none"
        )


def table_sizes(largest: int = 12) -> Iterable[str]:
    """The largest tables on PostgreSQL: rows, table, indexes and total, in megabytes."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, c.reltuples::bigint, pg_table_size(c.oid),
                   pg_indexes_size(c.oid), pg_total_relation_size(c.oid),
                   (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname = 'public'
            ORDER BY pg_total_relation_size(c.oid) DESC LIMIT %s
            """,
            [largest],
        )
        found = cursor.fetchall()
        cursor.execute("SELECT pg_database_size(current_database())")
        (database,) = cursor.fetchone() or (0,)
    mb = 1024 * 1024
    lines = [f"database size: {database / mb:,.0f} MB; largest tables:"]
    lines += [
        f"  {name:<40} {rows:>10,} rows  table {table / mb:>7.1f} MB  "
        f"{indexes_count} indexes {indexes / mb:>7.1f} MB  total {total / mb:>7.1f} MB"
        for name, rows, table, indexes, total, indexes_count in found
    ]
    return lines
