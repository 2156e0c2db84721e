"""``make bench-search`` (``python -m headway.search.bench``): how fast a search answers over
10,000 initiatives' returns, on SQLite (FTS5) and on PostgreSQL (text search, GIN index).

For each database it generates one organisation with ``headway generate`` (10,000
initiatives and 4 quarters of returns by default) into a database of its own (a temporary
SQLite file; a ``headway_bench_search`` database on the PostgreSQL server of --postgres),
rebuilds the search index, then times ``headway.search.finding.search``, what the search
page calls, for words matched by few and by nearly all returns, as the administrator and a
partner contact. Prints the median and 95th percentile milliseconds for each, of the clock
and of this process's processor time (which a machine busy with other work inflates less;
on PostgreSQL the server's share is not in it); the target is a p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

TARGET_P95_MS = 100
DATABASE = "headway_bench_search"
# Few, some, most and nearly all of the generated returns, a phrase, an alternative, nothing.
QUERIES = (
    "cleansed",
    "escalated",
    "supplier resources",
    "plan",
    '"data quality"',
    "backfill or budget",
    "zebra",
)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench-search", description=__doc__)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--quarters", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=20, help="Searches per query and role.")
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="A PostgreSQL server (any database on it): the benchmark makes its own there.",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _measure(args: argparse.Namespace) -> float:
    """In a process whose DATABASE_URL is the benchmark's own: fill it, index, time searches.
    Returns the worst p95 in milliseconds."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from headway.accounts.models import Membership, Role
    from headway.progress.models import Update
    from headway.scale.generate import generate
    from headway.search.finding import search
    from headway.search.index import rebuild

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generated = generate(1, args.initiatives, args.quarters, seed=7)
    organisation_id = generated.organisations[0].id
    print(f"Generated {args.initiatives:,} initiatives in {time.perf_counter() - started:.0f} s.")
    membership = Membership.objects.select_related("organisation").filter(
        organisation_id=organisation_id
    )
    started = time.perf_counter()
    counts = rebuild(membership.first().organisation)  # type: ignore[union-attr]
    print(
        f"Indexed {sum(counts.values()):,} entries ({counts['return']:,} of "
        f"{Update.objects.count():,} returns) in {time.perf_counter() - started:.1f} s."
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    worst = 0.0
    print(
        f"{'query':<22} {'role':<16} {'found':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'cpu p50':>8} {'cpu p95':>8}"
    )
    for role in (Role.ADMINISTRATOR, Role.PARTNER_CONTACT):
        member = membership.select_related("partner").filter(role=role).first()
        assert member is not None
        for text in QUERIES:
            search(member, text)  # Warm: the first search of a word reads it from disk.
            timings, processor = [], []
            for _ in range(args.repeat):
                began, began_cpu = time.perf_counter(), time.process_time()
                results = search(member, text)
                timings.append((time.perf_counter() - began) * 1000)
                processor.append((time.process_time() - began_cpu) * 1000)
            p50, p95 = statistics.median(timings), _percentile(timings, 0.95)
            cpu50, cpu95 = statistics.median(processor), _percentile(processor, 0.95)
            worst = max(worst, p95)
            print(
                f"{text:<22} {role:<16} {results.shown:>7,} {p50:>8.1f} {p95:>8.1f} "
                f"{cpu50:>8.1f} {cpu95:>8.1f}"
            )
    verdict = "within" if worst < TARGET_P95_MS else "OVER"
    print(
        f"{connection.vendor}: worst p95 {worst:.1f} ms, {verdict} the {TARGET_P95_MS} ms target."
    )
    return worst


def _postgres_database(server: str) -> str:
    import psycopg

    parts = urlsplit(server)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    return urlunsplit(parts._replace(path=f"/{DATABASE}"))


def _run_child(args: argparse.Namespace, engine: str, database_url: str) -> int:
    print(f"\n== {engine} ==", flush=True)
    command = [
        sys.executable,
        "-m",
        "headway.search.bench",
        "--child",
        "--initiatives",
        str(args.initiatives),
        "--quarters",
        str(args.quarters),
        "--repeat",
        str(args.repeat),
    ]
    return subprocess.call(command, env={**os.environ, "DATABASE_URL": database_url})


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.child:
        _measure(args)
        return 0
    status = 0
    if args.engine in ("sqlite", "both"):
        folder = Path(tempfile.mkdtemp(prefix="headway-bench-search-"))
        status |= _run_child(args, "SQLite (FTS5)", f"sqlite:///{folder / 'bench.sqlite3'}")
    if args.engine in ("postgresql", "both"):
        status |= _run_child(args, "PostgreSQL", _postgres_database(args.postgres))
    return status


if __name__ == "__main__":
    sys.exit(main())
