"""Measuring every page on generated data: one client in the process, then many over HTTP.

``measure_pages`` requests each page of ``headway.routes`` (for the administrator and a
service lead of one generated organisation), each API list and each export through Django's
test client, and records the median and 95th percentile time, the queries and the bytes.
``measure_load`` starts ``headway serve`` and sends it many clients at once for a while per
page. Both return rows; ``headway.scale.__main__`` prints them (``make bench-scale``).
"""

from __future__ import annotations

import gc
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from headway.accounts.models import Membership, Role, User
from headway.accounts.testing import force_sign_in
from headway.api.tokens import create_token
from headway.api.urls import router
from headway.committee.drafting import approve_report, draft_report, publish_report
from headway.committee.models import Committee, Meeting, Report
from headway.organisation.models import OrganisationalChange
from headway.progress.models import ReportingPeriod, Update
from headway.roadmap.models import ChangeRequest
from headway.routes import Route, Sample, finished_pack, pages, work_in_hand
from headway.scale.generate import GeneratedOrganisation
from headway.strategy.models import Organisation, Partner, Priority, Service, StrategyEvent

FORMATS = ("csv", "xlsx")
# The pages many people open at once, and the trivial page they are compared with.
UNDER_LOAD = ("progress:dashboard", "portfolio", "progress:my_returns", "roadmap:road_map")
TRIVIAL = "accessibility"


@dataclass(frozen=True)
class PageFigures:
    page: str
    role: str
    status: int
    requests: int
    p50_ms: float
    p95_ms: float
    queries: int
    bytes: int


@dataclass(frozen=True)
class LoadFigures:
    page: str
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float


@dataclass(frozen=True)
class Prepared:
    sample: Sample
    administrator: User
    service_lead: User
    api_secret: str
    redraft_seconds: float


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the value ``share`` of the sorted values reach."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def prepare(generated: GeneratedOrganisation) -> Prepared:
    """One of each object a page can be about, from a generated organisation: what generate
    made, plus an upload, an API token and a published report with a finished pack (the
    report is drafted here, and the time that takes is the redraft's)."""
    organisation = Organisation.objects.get(pk=generated.id)
    administrator = User.objects.get(username=generated.administrator)
    lead = User.objects.get(username=generated.service_lead)
    service = Service.objects.get(lead_memberships__user=lead, organisation=organisation)
    period = ReportingPeriod.objects.get(organisation=organisation, state="open")
    ours = Update.objects.filter(period=period, initiative__service=service)
    # A draft being written: it has a status, which the status scale's pages are about.
    draft = (
        ours.filter(state=Update.State.DRAFT, status__isnull=False)
        .select_related("initiative")
        .first()
    )
    if draft is None:  # a tiny portfolio may have none: give the lead one to write
        draft = (
            ours.select_related("initiative").first()
            or Update.objects.filter(period=period).select_related("initiative").first()
        )
        assert draft is not None, "generate made no returns in the open period"
        Update.objects.filter(pk=draft.pk).update(state=Update.State.DRAFT)
        draft.refresh_from_db()
    submitted = Update.objects.filter(period=period, state=Update.State.SUBMITTED).first()
    if submitted is None:
        submitted = Update.objects.filter(period=period).exclude(pk=draft.pk).first() or draft
    change_request = ChangeRequest.objects.get(
        organisation=organisation, state=ChangeRequest.State.CONSULTING
    )
    # A meeting of its own, so that the benchmark can measure the same database again.
    committee = Committee.objects.get(organisation=organisation)
    taken = set(committee.meetings.values_list("date", flat=True))
    day = period.end + timedelta(days=60)
    while day in taken:  # a committee meets at most once a day
        day += timedelta(days=1)
    meeting = Meeting.objects.create(committee=committee, date=day)
    report = Report.objects.create(
        meeting=meeting,
        period=period,
        subject_heading=f"Strategy Progress Report for {period.label}",
        author_name="Assistant Director, Performance",
        slug=f"{organisation.slug}-{period.slug}-{Report.objects.count() + 1}",
    )
    started = time.perf_counter()
    report = draft_report(report)
    redraft = time.perf_counter() - started
    report = publish_report(approve_report(report, by=None))
    pack = finished_pack(report)
    new_token = create_token(administrator, organisation, "Benchmark")
    # generate writes no history rows; the audit record's entry page needs one to open.
    draft.initiative.save()
    upload, export_job, waiting = work_in_hand(organisation, administrator, report)
    sample = Sample(
        initiative=draft.initiative,
        period=period,
        draft=draft,
        submitted=submitted,
        upload=upload,
        export_job=export_job,
        token=new_token.token,
        report=report,
        pack=pack,
        redraft=waiting,
        change_request=change_request,
        consultation=change_request.consultations.order_by("pk").first(),  # type: ignore[arg-type]
        priority=Priority.objects.filter(strategy__organisation=organisation).first(),  # type: ignore[arg-type]
        event=StrategyEvent.objects.filter(strategy__organisation=organisation).first(),  # type: ignore[arg-type]
        colleague=Membership.objects.get(organisation=organisation, role=Role.VIEWER),
        organisational_change=OrganisationalChange.objects.filter(
            organisation=organisation
        ).first(),  # type: ignore[arg-type]
        service=service,
        partner=Partner.objects.filter(organisation=organisation).first(),  # type: ignore[arg-type]
    )
    return Prepared(sample, administrator, lead, new_token.secret, redraft)


def _time(client: Client, path: str, budget: float, most: int, **headers: str) -> PageFigures:
    """Request ``path`` up to ``most`` times (at least 3, fewer if they take over ``budget``
    seconds in all), after one request to warm the caches; count the queries of the last.

    Python's cyclic garbage collector is run before each request and held off during it:
    otherwise a full collection of everything the benchmark keeps (the generated
    organisations, earlier pages' responses) lands in whichever request happens to cross its
    threshold, and a page with a 30 ms median shows a 250 ms p95 that is the bench's, not the
    page's. The server under load collects as it always does.
    """
    response = _size_of(client, path, headers)[0]
    if response.status_code == 405:  # a form's action: nothing to read
        return PageFigures(path, "", 405, 0, 0.0, 0.0, 0, 0)
    times: list[float] = []
    spent = 0.0
    while len(times) < most and (len(times) < min(3, most) or spent < budget):
        gc.collect()
        gc.disable()
        try:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response, size = _size_of(client, path, headers)
                elapsed = time.perf_counter() - started
        finally:
            gc.enable()
        times.append(elapsed)
        spent += elapsed
    return PageFigures(
        page=path,
        role="",
        status=response.status_code,
        requests=len(times),
        p50_ms=statistics.median(times) * 1000,
        p95_ms=percentile(times, 0.95) * 1000,
        queries=len(queries),
        bytes=size,
    )


def _size_of(client: Client, path: str, headers: dict[str, str]) -> tuple[Any, int]:
    response = client.get(path, **headers)  # type: ignore[arg-type]
    return response, _size(response)


def _size(response: object) -> int:
    if getattr(response, "streaming", False):
        chunks: Iterable[bytes] = response.streaming_content  # type: ignore[attr-defined]
        return sum(len(chunk) for chunk in chunks)
    return len(response.content)  # type: ignore[attr-defined]


def _may_open(route: Route, role: str) -> bool:
    access = getattr(route.callback, "access", None)
    return access == "public" or (access is not None and role in access)


def page_paths(sample: Sample) -> list[tuple[str, Route, str]]:
    """(name, route, path) of every page, with both export formats."""
    found = []
    for route in pages():
        if route.key.startswith("dataio:export_"):
            continue  # measured as exports, in each format
        try:
            found.append((route.key, route, route.path(sample)))
        except (LookupError, NoReverseMatch):
            found.append((route.key, route, ""))
    return found


def export_paths(sample: Sample) -> list[tuple[str, str]]:
    exports = []
    for format in FORMATS:
        exports += [
            (f"export portfolio .{format}", reverse("dataio:export_portfolio", args=[format])),
            (
                f"export returns .{format}",
                reverse("dataio:export_updates", args=[sample.period.slug, format]),
            ),
            (
                f"export change requests .{format}",
                reverse("dataio:export_change_requests", args=[format]),
            ),
        ]
    return exports


def measure_pages(
    prepared: Prepared,
    *,
    requests: int = 20,
    budget: float = 3.0,
    only: str = "",
    report: Callable[[PageFigures], None] = lambda figures: None,
) -> list[PageFigures]:
    """Every page for the administrator and the service lead, each API list and export (or
    those whose name ``only`` finds, a regular expression).

    Pages answered with 405 take only forms; a page a role may not open is not requested.

    What the process already holds (the generated organisations; in the test suite, every
    earlier test's leftovers) is frozen out of the collector's sight first, so the collection
    before each request scans only what the pages made, not the whole heap every time.
    """
    gc.collect()
    gc.freeze()
    try:
        return _measure_pages(prepared, requests, budget, only, report)
    finally:
        gc.unfreeze()


def _measure_pages(
    prepared: Prepared,
    requests: int,
    budget: float,
    only: str,
    report: Callable[[PageFigures], None],
) -> list[PageFigures]:
    rows: list[PageFigures] = []
    wanted = re.compile(only)

    def keep(figures: PageFigures) -> None:
        rows.append(figures)
        report(figures)

    people = (
        (Role.ADMINISTRATOR, prepared.administrator),
        (Role.SERVICE_LEAD, prepared.service_lead),
    )
    for role, user in people:
        client = Client(raise_request_exception=False)
        force_sign_in(client, user)
        for name, route, path in page_paths(prepared.sample):
            if not path or not _may_open(route, role) or not wanted.search(name):
                continue
            figures = _time(client, path, budget, requests)
            if figures.status == 405:
                continue
            keep(PageFigures(name, str(role.label), *_rest(figures)))
        if role == Role.ADMINISTRATOR:
            for name, path in export_paths(prepared.sample):
                if not wanted.search(name):
                    continue
                keep(
                    PageFigures(
                        name, str(role.label), *_rest(_time(client, path, budget, requests))
                    )
                )
    api = Client(raise_request_exception=False)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {prepared.api_secret}"}
    for basename in api_lists():
        path = reverse(f"api:{basename}-list")
        if not wanted.search(f"api {path}"):
            continue
        figures = _time(api, path, budget, requests, **bearer)
        keep(PageFigures(f"api {path}", "API token", *_rest(figures)))
    return rows


def api_lists() -> list[str]:
    """Every list the API serves, read from its router, so that a new one is measured too
    (the measures' and figures' were missed while the bench kept a list of its own)."""
    return [basename for _, viewset, basename in router.registry if hasattr(viewset, "list")]


def _rest(figures: PageFigures) -> tuple[int, int, float, float, int, int]:
    return (
        figures.status,
        figures.requests,
        figures.p50_ms,
        figures.p95_ms,
        figures.queries,
        figures.bytes,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def session_cookie(user: User) -> str:
    client = Client()
    force_sign_in(client, user)
    return client.cookies["sessionid"].value


def load_paths(sample: Sample, only: str = "") -> dict[str, str]:
    by_key = {name: path for name, _, path in page_paths(sample)}
    busy = [key for key in UNDER_LOAD if re.search(only, key)]
    return {key: by_key[key] for key in (TRIVIAL, *busy)}


def serve(port: int, workers: int) -> subprocess.Popen[bytes]:
    """``headway serve`` on ``port`` in a subprocess, once it answers."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "headway.cli",
            "serve",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
        ],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"headway serve stopped with code {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("headway serve did not answer within 60 seconds")


def hammer(
    address: tuple[str, int], path: str, cookie: str, clients: int, seconds: float
) -> LoadFigures:
    """``clients`` threads requesting ``path`` one after another for ``seconds``."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        connection_ = http.client.HTTPConnection(*address, timeout=120)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection_.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
                response = connection_.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    connection_.close()
            except (OSError, http.client.HTTPException):
                ok = False
                connection_.close()
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    times.append(elapsed)
                else:
                    errors[0] += 1
        connection_.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadFigures(
        page=path,
        requests=len(times),
        errors=errors[0],
        p50_ms=statistics.median(times) * 1000 if times else float("nan"),
        p95_ms=percentile(times, 0.95) * 1000 if times else float("nan"),
    )


def measure_load(
    prepared: Prepared,
    *,
    clients: int = 20,
    seconds: float = 30.0,
    workers: int = 2,
    address: tuple[str, int] | None = None,
    only: str = "",
    report: Callable[[str, LoadFigures], None] = lambda name, figures: None,
) -> dict[str, LoadFigures]:
    """The trivial page and the busy pages under ``clients`` at once, through headway serve
    (or the server already at ``address``). Each server process is warmed up first."""
    cookie = session_cookie(prepared.administrator)
    server = None
    if address is None:
        address = ("127.0.0.1", free_port())
        server = serve(address[1], workers)
    results = {}
    try:
        paths = load_paths(prepared.sample, only)
        for path in paths.values():
            hammer(address, path, cookie, clients, min(seconds, 2.0))
        for name, path in paths.items():
            results[name] = hammer(address, path, cookie, clients, seconds)
            report(name, results[name])
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    return results


def worst_line(rows: Iterable[PageFigures], load: dict[str, LoadFigures]) -> str:
    worst = max(rows, key=lambda row: row.p95_ms, default=PageFigures("none", "", 0, 0, 0, 0, 0, 0))
    trivial = load.get(TRIVIAL)
    ratios = {
        name: figures.p50_ms / trivial.p50_ms
        for name, figures in load.items()
        if trivial and name != TRIVIAL and trivial.p50_ms
    }
    under = max(ratios, key=lambda name: ratios[name]) if ratios else "none"
    ratio = ratios.get(under, float("nan"))
    return (
        f"worst page p95: {worst.p95_ms:.0f} ms ({worst.page}, {worst.role}); "
        f"worst under load: {ratio:.1f}x trivial ({under})"
    )
