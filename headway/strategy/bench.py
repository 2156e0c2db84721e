"""Time the list pages at scale: ``python -m headway.strategy.bench [--load N]``.

Uses ``DATABASE_URL`` (PostgreSQL for figures that mean anything). With ``--load N`` it first
migrates and loads the demo grown to N initiatives (``scaled_catalogue``); without, it
measures what the database holds. For the portfolio ``/``, the task list ``/returns/``, the
review queue and ``/api/v1/updates/`` (page 1), signed in as the demo's administrator, it
prints the median of five requests through Django's test client, the queries one request
makes and the bytes of its body.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

PAGES = ("/", "/returns/", "/review/", "/api/v1/updates/")
RUNS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", type=int, help="load the demo grown to this many initiatives")
    parser.add_argument(
        "--copy",
        type=int,
        help="load the demo, then copy its initiatives and returns in bulk to this many "
        "(much faster than --load, which writes each return as the demo does)",
    )
    parser.add_argument("pages", nargs="*", default=list(PAGES), help="paths to measure")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from headway.accounts.models import Membership, Role
    from headway.accounts.testing import force_sign_in

    if arguments.load:
        from headway.committee.bench.portfolios import scaled_catalogue
        from headway.demo import load_demo

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        load_demo(catalogue=scaled_catalogue(arguments.load))
        print(f"loaded {arguments.load} initiatives in {time.perf_counter() - started:.0f} s")
    if arguments.copy:
        from headway.demo import load_demo

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        load_demo()
        _copy_demo(arguments.copy)
        print(f"copied to {arguments.copy} initiatives in {time.perf_counter() - started:.0f} s")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    admin = (
        Membership.objects.filter(role=Role.ADMINISTRATOR)
        .annotate(n=django.db.models.Count("organisation__initiatives"))
        .order_by("-n")
        .select_related("user")
        .first()
    )
    assert admin is not None, "No administrator: load the demo first (--load N)."
    client = Client()
    force_sign_in(client, admin.user)
    print(f"{'page':<22} {'median ms':>10} {'queries':>8} {'bytes':>11}")
    for path in arguments.pages:
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        with CaptureQueriesContext(connection) as queries:
            body = client.get(path).content
        print(f"{path:<22} {statistics.median(times):>10.0f} {len(queries):>8} {len(body):>11,}")


def _copy_demo(initiatives: int) -> None:
    """Copy the demo organisation's initiatives, their priorities and returns until it has
    ``initiatives``; in bulk, its periods thawed meanwhile as the demo loader does."""
    from django.db import transaction

    from headway.progress.models import ReportingPeriod, Update
    from headway.strategy.models import Initiative

    originals = list(Initiative.objects.prefetch_related("priorities", "updates"))
    periods = dict(ReportingPeriod.objects.values_list("pk", "state"))
    links = Initiative.priorities.through
    with transaction.atomic():
        ReportingPeriod.objects.update(state=ReportingPeriod.State.UPCOMING)
        copy = 1
        while Initiative.objects.count() < initiatives:
            copy += 1
            wanted = min(len(originals), initiatives - Initiative.objects.count())
            made = Initiative.objects.bulk_create(
                Initiative(
                    **{
                        f.attname: getattr(i, f.attname)
                        for f in Initiative._meta.concrete_fields
                        if not f.primary_key
                    }
                    | {
                        "title": f"{i.title} ({copy})",
                        "external_reference": f"{i.external_reference}-{copy}"
                        if i.external_reference
                        else "",
                    }
                )
                for i in originals[:wanted]
            )
            links.objects.bulk_create(
                links(initiative_id=new.pk, priority_id=p.pk)
                for old, new in zip(originals, made, strict=False)
                for p in old.priorities.all()
            )
            Update.objects.bulk_create(
                (
                    Update(
                        **{
                            f.attname: getattr(u, f.attname)
                            for f in Update._meta.concrete_fields
                            if not f.primary_key
                        }
                        | {"initiative_id": new.pk, "previous_id": None}
                    )
                    for old, new in zip(originals, made, strict=False)
                    for u in old.updates.all()
                ),
                batch_size=1000,
            )
        for pk, state in periods.items():
            ReportingPeriod.objects.filter(pk=pk).update(state=state)


if __name__ == "__main__":
    main()
