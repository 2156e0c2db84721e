"""Generating a report's pack in the background, following its progress, downloading it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe

from headway import csp
from headway.accounts.access import member_required
from headway.committee import permissions
from headway.committee.models import Pack, PackFile, Report
from headway.committee.packs import FILE_LABELS, pack_file
from headway.committee.tasks import queue_pack
from headway.committee.views.common import report_or_404
from headway.committee.views.report import report_page
from headway.lib.background import progress_json


def _pack_or_404(report: Report, pk: int) -> Pack:
    pack = (
        Pack.objects.filter(report=report, pk=pk)
        .select_related("snapshot", "requested_by")
        .defer("snapshot__data")
        .first()
    )
    if pack is None:
        raise Http404("This report has no pack with this number.")
    return pack


@require_POST
@member_required(*permissions.COMPOSE)
def generate(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_or_404(request, pk)
    try:
        pack = queue_pack(report, by=request.user)
    except ValidationError as error:
        return report_page(request, pk, errors=list(error.messages), status=400)
    return redirect("committee:pack", report.pk, pack.pk)


@require_safe
@member_required(*permissions.COMPOSE)
def pack(request: HttpRequest, pk: int, pack: int) -> HttpResponse:
    report = report_or_404(request, pk)
    found = _pack_or_404(report, pack)
    files = list(PackFile.objects.filter(pack=found).defer("content"))
    return render(
        request,
        "committee/pack.html",
        {"report": report, "pack": found, "files": files, "labels": FILE_LABELS},
    )


@require_safe
@member_required(*permissions.COMPOSE)
def status(request: HttpRequest, pk: int, pack: int) -> JsonResponse:
    """The pack's progress, for the page's script to poll."""
    found = _pack_or_404(report_or_404(request, pk), pack)
    return progress_json(found)


@require_safe
@member_required(*permissions.COMPOSE)
def download(request: HttpRequest, pk: int, pack: int, name: str) -> HttpResponse:
    report = report_or_404(request, pk)
    found = pack_file(_pack_or_404(report, pack), name)
    if found is None:
        raise Http404("This pack has no file of that name (yet).")
    return file_response(found, f"{report.slug}-{found.name}", attachment=True)


def file_response(file: PackFile, filename: str, attachment: bool) -> HttpResponse:
    """The file's bytes as stored (the pack's files live in the database, so any web process
    can serve them), named for saving."""
    response = HttpResponse(bytes(file.content), content_type=file.content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename) or ""
    if file.content_type.startswith("text/html"):
        # The report's web page carries its own styles: allow those, by hash.
        response[csp.HEADER] = csp.policy_for_own_styles(bytes(file.content).decode())
    return response
