"""How long the maps, the portfolio export and a report's redraft take at 10,000 initiatives.

``python -m headway.roadmap.bench --load`` fills the database that ``DATABASE_URL`` names
(PostgreSQL, made for the purpose: it is emptied first) with the demo at 10,000 initiatives;
without ``--load`` it measures what is there. Each figure is the median of five requests made
as the demo's administrator through Django's test client, in one warm process: milliseconds by
the clock and bytes of the answer. Run it with
``TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend``, so that background work
(a large export, a redraft) runs inside the measured request. The map cache is emptied
before each request, so every map is drawn; the figure after "cached" is the same page
drawn from the cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable

RUNS = 5
INITIATIVES = 10_000


def _median(work: Callable[[], int], before: Callable[[], None] | None = None) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(RUNS):
        if before:
            before()
        started = time.perf_counter()
        size = work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--load", action="store_true", help="Load the demo at 10,000 first.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from headway.accounts.models import User
    from headway.accounts.testing import force_sign_in
    from headway.committee.bench.portfolios import scaled_catalogue
    from headway.committee.models import Report
    from headway.demo import load_demo

    settings.ALLOWED_HOSTS = ["*"]
    # A database loaded by an earlier version lacks the tables added since.
    call_command("migrate", verbosity=0)
    if args.load:
        call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        load_demo(catalogue=scaled_catalogue(INITIATIVES))
        print(f"Loaded {INITIATIVES:,} initiatives in {time.perf_counter() - started:.0f} s")
    client = Client()
    force_sign_in(client, User.objects.get(username="admin"))

    def get(url: str) -> Callable[[], int]:
        def work() -> int:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            if getattr(response, "streaming", False):
                parts: Iterable[bytes] = response.streaming_content  # type: ignore[attr-defined]
                return sum(len(part) for part in parts)
            return len(response.content)

        return work

    pages = {
        "road map": reverse("roadmap:road_map", args=["2021-22"]),
        "priority map": reverse("roadmap:priority_map", args=["2021-23"]),
    }
    for name, url in pages.items():
        page, size = _median(get(url), before=cache.clear)
        cached, _ = _median(get(url))
        print(f"{name:<24} {page:8.0f} ms {size / 1000:10,.0f} kB   cached {cached:6.0f} ms")
    for name, url in (
        {
            "road map (whole .svg)": reverse("roadmap:road_map_svg", args=["2021-22"]),
            "priority map (.svg)": reverse("roadmap:priority_map_svg", args=["2021-23"]),
        }.items()
        if _has("roadmap:road_map_svg")
        else {}.items()
    ):
        page, size = _median(get(url), before=cache.clear)
        print(f"{name:<24} {page:8.0f} ms {size / 1000:10,.0f} kB")
    export = reverse("dataio:export_portfolio", args=["xlsx"])

    def export_xlsx() -> int:
        # A large portfolio's export is queued (run at once by the immediate backend that
        # the bench uses), then downloaded from its page.
        response = client.get(export)
        if response.status_code == 302:
            job = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
            response = client.get(reverse("dataio:export_job_file", args=[job]))
        assert response.status_code == 200, response.status_code
        return len(response.content)

    page, size = _median(export_xlsx)
    print(f"{'export portfolio .xlsx':<24} {page:8.0f} ms {size / 1000:10,.0f} kB")
    csv = reverse("dataio:export_portfolio", args=["csv"])
    page, size = _median(get(csv))
    print(f"{'export portfolio .csv':<24} {page:8.0f} ms {size / 1000:10,.0f} kB")
    report = Report.objects.filter(state=Report.State.DRAFT).order_by("id").first()
    if report is not None:
        url = reverse("committee:redraft", args=[report.pk])

        def redraft() -> int:
            response = client.post(url)
            assert response.status_code == 302, response.status_code
            return 0

        page, _ = _median(redraft)
        print(f"{'redraft a report':<24} {page:8.0f} ms (the request and, where it is a")
        print(f"{'':<24} {'':8}    task, the task, run at once by the immediate backend)")
    return 0


def _has(name: str) -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name, args=["2021-22"])
    except NoReverseMatch:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
