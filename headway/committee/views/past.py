"""Importing a past report: upload its file, check what Headway recognised and decide what
it could not, then confirm. Administrators only; its original file is downloadable from the
report's page by whoever may read the report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.access import member_required, membership_of
from headway.committee import permissions
from headway.committee.models import ReportSource
from headway.committee.past import importing
from headway.committee.past.forms import DecisionsForm, PastReportFileForm, event_kinds
from headway.committee.views.common import report_or_404
from headway.dataio.models import Upload
from headway.forms import posted

administrators = member_required(*permissions.IMPORT)


@require_http_methods(["GET", "HEAD", "POST"])
@administrators
def upload(request: HttpRequest) -> HttpResponse:
    form = PastReportFileForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            received, _ = importing.receive(membership_of(request), file.name, file.read())
        except importing.ReportFileRefused as refused:
            form.add_error("file", str(refused))
        else:
            return redirect("committee:check_import", received.token)
    return render(
        request,
        "committee/import_upload.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _upload(request: HttpRequest, token: str) -> Upload:
    found = importing.find(token, membership_of(request))
    if found is None:
        raise Http404("This import has expired or is not yours: upload the report's file again.")
    return found


@require_http_methods(["GET", "HEAD", "POST"])
@administrators
def check(request: HttpRequest, token: str) -> HttpResponse:
    upload = _upload(request, token)
    if not upload.is_waiting:
        done = importing.imported_report(upload)
        if done is None:
            raise Http404("This import's report has been removed.")
        return redirect("committee:report", done.pk)
    try:
        reading = importing.read(upload)
    except importing.ReportFileRefused as refused:  # pragma: no cover - checked on upload
        raise Http404(str(refused)) from None
    form = DecisionsForm(reading, importing.proposed_decisions(reading), posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            report = importing.confirm(upload, membership_of(request), form.decisions())
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(
                request,
                f"{upload.filename} has been imported as the report to {report.meeting}. "
                "It is kept as it was presented: it cannot be changed.",
            )
            return redirect("committee:report", report.pk)
    return render(
        request,
        "committee/import_check.html",
        {
            "upload": upload,
            "token": token,
            "reading": reading,
            "form": form,
            "kinds": {p.number: event_kinds(p.event.target) for p in reading.proposals},
            "check_url": reverse("committee:check_import", args=[token]),
        },
        status=400 if form.errors else 200,
    )


@require_safe
@member_required(*permissions.COMPOSE)
def original(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_or_404(request, pk)
    source = ReportSource.objects.filter(report=report).first()
    if source is None:
        raise Http404("This report was drafted in Headway: it has no original file.")
    response = HttpResponse(bytes(source.content), content_type=source.content_type)
    response["Content-Disposition"] = content_disposition_header(True, source.filename) or ""
    return response
