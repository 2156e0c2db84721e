"""Each published report's open data, at stable public addresses.

Anyone may read these, signed in or not; a report that is not published has none (404).
The files are made from the report's frozen snapshot, so they never change once published:
they are made once and stored (``headway.dataio.open_data_store``), carry an ETag and a
Last-Modified date so that a client asking again is answered 304 without a byte of the file,
and go gzipped to clients that take it.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from headway.accounts.access import public
from headway.committee.models import Report
from headway.committee.packs import open_data
from headway.dataio.open_data_store import JSON_NAME, stored_file
from headway.dataio.opendata import FILES, LICENCE_NAME, LICENCE_URL, open_data_files

_TAKES_GZIP = re.compile(r"\bgzip\b")


def published_report(slug: str) -> Report:
    report = (
        Report.objects.filter(slug=slug, state__in=Report.LOCKED_STATES, snapshot__isnull=False)
        .select_related("snapshot", "period", "meeting__committee")
        # The snapshot's data is megabytes; the files are made from it once, then stored.
        .defer("snapshot__data")
        .first()
    )
    if report is None:
        raise Http404("No published report has this address.")
    return report


def _headers(response: HttpResponse, report: Report, name: str) -> HttpResponse:
    assert report.snapshot is not None
    response["Content-Disposition"] = f'inline; filename="{report.slug}-{name}"'
    # Published figures never change: let browsers, proxies and other sites' scripts use them.
    response["Cache-Control"] = "public, max-age=86400"
    response["Access-Control-Allow-Origin"] = "*"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _file(
    request: HttpRequest, report: Report, name: str, content_type: str, make: Any
) -> HttpResponse:
    snapshot = report.snapshot
    assert snapshot is not None
    etag = f'"{snapshot.content_hash[:32]}-{name}"'
    modified = (report.published_at or snapshot.taken_at).timestamp()
    unchanged = get_conditional_response(request, etag=etag, last_modified=int(modified))
    if unchanged is not None:
        return _headers(unchanged, report, name)
    zipped = bool(_TAKES_GZIP.search(request.headers.get("Accept-Encoding", "")))
    content = stored_file(snapshot, name, make, zipped=zipped)
    if content is None:
        raise Http404("This report has no open data file of that name.")
    response = HttpResponse(content, content_type=content_type)
    if zipped:
        response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    return _headers(response, report, name)


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
    return _file(request, report, f"{name}.csv", "text/csv; charset=utf-8", open_data_files)


@public
@require_safe
def data_json(request: HttpRequest, slug: str) -> HttpResponse:
    report = published_report(slug)
    return _file(
        request, report, JSON_NAME, "application/json", lambda data: {JSON_NAME: open_data(data)}
    )
