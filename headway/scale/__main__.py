"""``python -m headway.scale`` (``make bench-scale``): generate organisations into a database of
the benchmark's own on PostgreSQL, then measure every page of one of them.

Prints one row per page (median and 95th percentile milliseconds over up to --requests
requests, queries, bytes), the redraft of a report, the busy pages under --clients clients at
once through ``headway serve``, and ends with the line
``worst page p95: <ms> ms (<page>); worst under load: <ratio>x trivial (<page>)``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from urllib.parse import urlsplit, urlunsplit

TARGET_P95_MS = 100
TARGET_LOAD_RATIO = 3


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench-scale", description=__doc__)
    parser.add_argument("--organisations", type=int, default=40)
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--quarters", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=20, help="Per page, with one client.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30, help="Per page, under load.")
    parser.add_argument("--workers", type=int, default=2, help="headway serve's workers.")
    parser.add_argument(
        "--database",
        default="headway_bench_scale",
        help="The database to (re)create on the server of DATABASE_URL.",
    )
    parser.add_argument(
        "--only",
        metavar="PATTERN",
        default="",
        help="Measure only the pages whose name contains PATTERN (a regular expression), "
        "and under load only those of the busy pages, with the trivial page.",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="Measure the database an earlier run filled, without generating it again.",
    )
    return parser.parse_args(argv)


def _database_url(name: str) -> tuple[str, str]:
    """The server's maintenance database and the benchmark's own, on DATABASE_URL's server."""
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(f"bench-scale needs PostgreSQL: DATABASE_URL is {base!r}.")
    return (
        urlunsplit(parts._replace(path="/postgres")),
        urlunsplit(parts._replace(path=f"/{name}")),
    )


def _recreate(maintenance: str, name: str) -> None:
    import psycopg

    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _settings_for_serving() -> None:
    """What ``headway serve`` needs (production settings), kept for the pages measured in
    this process too, so both see the same site; plain HTTP on this machine."""
    os.environ.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DEMO_DATE": "",
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")


def main(argv: list[str] | None = None) -> None:
    options = _arguments(argv)
    maintenance, url = _database_url(options.database)
    if not options.keep:
        _recreate(maintenance, options.database)
    os.environ["DATABASE_URL"] = url
    _settings_for_serving()
    import django

    django.setup()
    import logging

    # Not found and not allowed are answers the table shows; errors still print.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.core.management import call_command
    from django.db import connection

    from headway.scale import bench, report
    from headway.scale.generate import generate, generated_organisations

    call_command("migrate", verbosity=0)
    # Production settings serve hashed static files: collect them, as headway serve does.
    call_command("collectstatic", interactive=False, verbosity=0)
    commit = report.commit()
    busy = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(
        f"Headway at {commit}; database {options.database} on PostgreSQL; "
        f"{os.cpu_count()} processors, load average {busy}",
        flush=True,
    )
    if options.keep:
        organisations = generated_organisations(options.seed)
        if not organisations:
            raise SystemExit(f"{options.database} holds no organisations of seed {options.seed}.")
        print(f"measuring the {len(organisations)} organisations generated before", flush=True)
    else:
        generated = generate(
            options.organisations, options.initiatives, options.quarters, seed=options.seed
        )
        print(report.generated_line(generated), flush=True)
        organisations = generated.organisations
    with connection.cursor() as cursor:
        # Fresh statistics, and every generated row's visibility settled (hint bits, the
        # visibility map for index-only scans), as autovacuum would soon settle them: without
        # it the first reads of each table write, and pages measured early show it in p95.
        cursor.execute("VACUUM ANALYZE")
    for line in report.table_sizes():
        print(line, flush=True)
    prepared = bench.prepare(organisations[0])
    print(
        f"redraft of a report ({options.initiatives:,} initiatives, in this process): "
        f"{prepared.redraft_seconds * 1000:.0f} ms",
        flush=True,
    )
    print(report.PAGE_HEADER, flush=True)
    rows = bench.measure_pages(
        prepared,
        requests=options.requests,
        only=options.only,
        report=lambda row: print(report.page_row(row), flush=True),
    )
    print(report.LOAD_HEADER.format(clients=options.clients, seconds=options.seconds), flush=True)
    load = bench.measure_load(
        prepared,
        clients=options.clients,
        seconds=options.seconds,
        workers=options.workers,
        only=options.only,
        report=lambda name, figures: print(report.load_row(name, figures), flush=True),
    )
    for line in report.targets(rows, load, TARGET_P95_MS, TARGET_LOAD_RATIO):
        print(line)
    busy = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(f"load average at the end: {busy}")
    print(bench.worst_line(rows, load))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
