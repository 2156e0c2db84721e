"""The scale benchmark's machinery keeps working: it measures every page of a tiny generated
organisation, for both people, and a few requests under load. Nothing here is timed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import URLResolver, get_resolver

from headway.committee.models import Committee, Meeting
from headway.progress.models import ReportingPeriod
from headway.scale import bench, report
from headway.scale.generate import generate
from headway.strategy.models import Organisation


def test_it_measures_every_list_the_api_serves() -> None:
    api = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    )
    names = {name for name in api.reverse_dict if isinstance(name, str)}
    lists = {name.removesuffix("-list") for name in names if name.endswith("-list")}
    assert lists and set(bench.api_lists()) == lists


@pytest.mark.django_db(transaction=True)
def test_it_measures_every_page_and_the_busy_ones_under_load(live_server: Any) -> None:
    generated = generate(1, 10, 2, seed=3)
    prepared = bench.prepare(generated.organisations[0])
    rows = bench.measure_pages(prepared, requests=1, budget=0)

    measured = {(row.page, row.role) for row in rows}
    assert ("portfolio", "Administrator") in measured
    assert ("portfolio", "Service lead") in measured
    assert ("progress:period", "Service lead") not in measured  # not theirs to open
    assert ("export portfolio .xlsx", "Administrator") in measured
    assert ("api /api/v1/updates/", "API token") in measured
    broken = [(row.page, row.role, row.status) for row in rows if row.status >= 500]
    assert broken == []
    api = [row for row in rows if row.role == "API token"]
    assert all(row.status == 200 and row.bytes > 0 for row in api)
    assert all(row.queries > 0 for row in rows if row.page == "portfolio")

    address = urlsplit(live_server.url)
    load = bench.measure_load(
        prepared, clients=2, seconds=0.5, address=(str(address.hostname), int(address.port or 0))
    )
    assert set(load) == {bench.TRIVIAL, *bench.UNDER_LOAD}
    assert all(figures.requests > 0 and figures.errors == 0 for figures in load.values())

    last = bench.worst_line(rows, load)
    assert last.startswith("worst page p95: ") and "x trivial (" in last
    assert report.page_row(rows[0]).startswith(rows[0].page)
    assert len(list(report.targets(rows, load, 100, 3))) == 2


@pytest.mark.django_db
def test_it_prepares_the_same_organisation_again_for_a_second_run() -> None:
    """``--keep`` measures a database an earlier run filled: each run drafts its report for a
    meeting of its own, on a day the committee is not already meeting (an earlier run's work
    in hand left meetings on later days)."""
    generated = generate(1, 10, 2, seed=3)
    organisation = Organisation.objects.get(pk=generated.organisations[0].id)
    committee = Committee.objects.get(organisation=organisation)
    period = ReportingPeriod.objects.get(organisation=organisation, state="open")
    Meeting.objects.create(
        committee=committee, date=period.end + timedelta(days=61 + committee.meetings.count())
    )
    reports = [bench.prepare(generated.organisations[0]).sample.report for _ in range(3)]
    assert len({report.meeting_id for report in reports}) == 3
