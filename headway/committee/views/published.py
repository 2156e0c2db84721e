"""Published reports, for anyone: the list, each report's page, its PDF and its data."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from headway import csp
from headway.accounts.access import public
from headway.committee.detail import report_detail
from headway.committee.models import Pack, PackFile, Report, ReportSource
from headway.committee.packs import pack_file
from headway.committee.publication import (
    PUBLIC_FILES,
    pack_for_readers,
    published_report,
    published_reports,
    with_downloads,
    withdrawal_notice,
)
from headway.committee.views.packs import file_response

# How soon a page that is still being prepared looks again.
REFRESH_SECONDS = 5


def _report_or_404(slug: str) -> Report:
    report = published_report(slug)
    if report is None:
        raise Http404("No published report has this address.")
    return report


def _preparing(request: HttpRequest, report: Report, pack: Pack) -> HttpResponse:
    response = render(
        request,
        "committee/preparing.html",
        {"report": report, "pack": pack, "refresh": REFRESH_SECONDS},
        status=503,
    )
    response["Retry-After"] = str(REFRESH_SECONDS)
    return response


@public
@require_safe
def published(request: HttpRequest) -> HttpResponse:
    return render(request, "committee/published.html", {"reports": published_reports()})


@public
@require_safe
def published_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The report's own web page, from its pack, with its PDF and data linked at the top."""
    report = _report_or_404(slug)
    if report.is_imported:
        return _imported_page(request, report)
    pack = pack_for_readers(report)
    files = {f.name: f for f in PackFile.objects.filter(pack=pack).defer("content")}
    page = pack_file(pack, "report.html") if pack.state == Pack.State.DONE else None
    if page is None:
        return _preparing(request, report, pack)
    links = [
        (reverse("committee:published_file", args=[slug, name]), what, files[name].size)
        for name, what in PUBLIC_FILES.items()
        if name in files
    ]
    notice = withdrawal_notice(report) if report.state == Report.State.WITHDRAWN else None
    html = with_downloads(
        bytes(page.content).decode(), links, reverse("committee:published"), notice
    )
    response = HttpResponse(html, content_type=page.content_type)
    # The report's page carries its own styles, so it works as a file on its own too.
    response[csp.HEADER] = csp.policy_for_own_styles(html)
    return response


def _imported_page(request: HttpRequest, report: Report) -> HttpResponse:
    """A published past report: its text as Headway read it, and its original file (it has
    no pack: the file presented to the committee is its pack)."""
    detail = report_detail(report.meeting.committee.organisation, report.pk)
    source = ReportSource.objects.filter(report=report).defer("content").first()
    return render(
        request, "committee/published_imported.html", {"detail": detail, "source": source}
    )


@public
@require_safe
def published_original(request: HttpRequest, slug: str) -> HttpResponse:
    """A published past report's original file, as it was presented."""
    report = _report_or_404(slug)
    source = ReportSource.objects.filter(report=report).first()
    if source is None:
        raise Http404("This report was published from Headway: download its PDF instead.")
    response = HttpResponse(bytes(source.content), content_type=source.content_type)
    response["Content-Disposition"] = content_disposition_header(True, source.filename) or ""
    return response


@public
@require_safe
def published_file(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    if name not in PUBLIC_FILES:
        raise Http404("Published reports offer their PDF and their data.")
    report = _report_or_404(slug)
    if report.is_imported:
        raise Http404("This past report has no PDF or data of Headway's: download its original.")
    pack = pack_for_readers(report)
    found = pack_file(pack, name) if pack.state == Pack.State.DONE else None
    if found is None:
        return _preparing(request, report, pack)
    return file_response(found, f"{slug}-{name}", attachment=False)
