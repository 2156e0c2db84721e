"""Each published report's open data, at stable public addresses.

Anyone may read these, signed in or not; a report that is not published has none (404).
The files are made from the report's frozen snapshot, so they never change once published.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from headway.accounts.access import public
from headway.committee.models import Report
from headway.committee.packs import open_data
from headway.dataio.opendata import FILES, LICENCE_NAME, LICENCE_URL, open_data_files


def published_report(slug: str) -> Report:
    report = (
        Report.objects.filter(slug=slug, state__in=Report.LOCKED_STATES, snapshot__isnull=False)
        .select_related("snapshot", "period", "meeting__committee")
        .first()
    )
    if report is None:
        raise Http404("No published report has this address.")
    return report


def _file(report: Report, name: str, content: bytes, content_type: str) -> HttpResponse:
    assert report.snapshot is not None
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{report.slug}-{name}"'
    # Published figures never change: let browsers, proxies and other sites' scripts use them.
    response["Cache-Control"] = "public, max-age=86400"
    response["ETag"] = f'"{report.snapshot.content_hash[:32]}-{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public
@require_safe
def index(request: HttpRequest, slug: str) -> HttpResponse:
    report = published_report(slug)
    return render(
        request,
        "dataio/open_data.html",
        {
            "report": report,
            "files": FILES,
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
        },
    )


@public
@require_safe
def csv_file(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    report = published_report(slug)
    assert report.snapshot is not None
    files = open_data_files(report.snapshot.data)
    filename = f"{name}.csv"
    if filename not in files:
        raise Http404("This report has no open data file of that name.")
    return _file(report, filename, files[filename], "text/csv; charset=utf-8")


@public
@require_safe
def data_json(request: HttpRequest, slug: str) -> HttpResponse:
    report = published_report(slug)
    assert report.snapshot is not None
    return _file(report, "data.json", open_data(report.snapshot.data), "application/json")
