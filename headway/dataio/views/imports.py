"""The import pages: choose, upload, preview, confirm. Administrators only."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Role
from headway.dataio import uploads
from headway.dataio.blanks import FORMATS, blank_template
from headway.dataio.forms import PortfolioUploadForm, UploadForm
from headway.dataio.import_jobs import runs_in_background
from headway.dataio.imports import KINDS, PERIOD_KINDS, PORTFOLIO
from headway.dataio.models import ImportJob, Upload
from headway.dataio.preview import Action, Preview
from headway.dataio.problems import FileRefused, Problem
from headway.dataio.tasks import queue_import
from headway.dataio.writing import CSV_TYPE, XLSX_TYPE
from headway.lib.background import progress_json
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation

administrators = member_required(Role.ADMINISTRATOR)


def _open_period(organisation: Organisation) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(
        organisation=organisation, state=ReportingPeriod.State.OPEN
    ).first()


@require_safe
@administrators
def start(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    recent = Upload.objects.filter(
        organisation=organisation, state=Upload.State.IMPORTED
    ).select_related("uploaded_by", "period")[:10]
    return render(
        request,
        "dataio/start.html",
        {"open_period": _open_period(organisation), "recent": recent},
    )


@require_safe
@administrators
def template(request: HttpRequest, kind: str, format: str) -> HttpResponse:
    if kind not in KINDS or format not in FORMATS:
        raise Http404("There is no such template.")
    data = blank_template(membership_of(request).organisation, kind, format)
    response = HttpResponse(data, content_type=XLSX_TYPE if format == "xlsx" else CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="headway-{kind}-template.{format}"'
    return response


@require_http_methods(["GET", "POST"])
@administrators
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("Headway imports the portfolio, quarterly returns or performance figures.")
    membership = membership_of(request)
    period = _open_period(membership.organisation) if kind in PERIOD_KINDS else None
    form_class = PortfolioUploadForm if kind == PORTFOLIO else UploadForm
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and (kind == PORTFOLIO or period):
        file = form.cleaned_data["file"]
        received, preview = uploads.receive(
            membership,
            kind,
            file.name,
            file.read(),
            period=period,
            correction=bool(form.cleaned_data.get("correction")),
        )
        if received is not None:
            return redirect(reverse("dataio:import_preview", args=[received.token]))
        for problem in preview.problems:
            form.add_error("file", str(problem))
    return render(
        request,
        "dataio/upload.html",
        {"kind": kind, "form": form, "period": period, "formats": FORMATS},
    )


def _found(request: HttpRequest, token: str) -> Upload:
    found = uploads.find(token, membership_of(request))
    if found is None:
        raise Http404("This preview has expired or is not yours. Upload the file again to see it.")
    return found


@require_safe
@administrators
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """The preview; while the task worker imports the file, its progress; then what was
    imported. A background import that failed is explained above the preview as it is now."""
    upload = _found(request, token)
    if not upload.is_waiting:
        return render(request, "dataio/imported.html", {"upload": upload})
    job = upload.latest_job()
    if job is not None and not job.finished:
        return render(
            request, "dataio/importing.html", {"upload": upload, "job": job, "token": token}
        )
    failed = job if job is not None and job.state == ImportJob.State.FAILED else None
    result = uploads.preview(upload, membership_of(request))
    return _preview_page(request, upload, token, result, failed=failed)


@require_safe
@administrators
def status(request: HttpRequest, token: str) -> HttpResponse:
    """A background import's progress, for the page's script to poll."""
    job = _found(request, token).latest_job()
    if job is None:
        raise Http404("This file is not being imported in the background.")
    return progress_json(job)


def _preview_page(
    request: HttpRequest,
    upload: Upload,
    token: str,
    result: Preview,
    status: int = 200,
    failed: ImportJob | None = None,
) -> HttpResponse:
    refused = [Problem(**problem) for problem in failed.problems] if failed else []
    return render(
        request,
        "dataio/preview.html",
        {
            "upload": upload,
            "token": token,
            "preview": result,
            "Action": Action,
            "failed": failed,
            "refused": refused,
        },
        status=status,
    )


@require_POST
@administrators
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    upload = _found(request, token)
    working = upload.jobs.filter(state__in=ImportJob.WORKING).exists()
    if upload.is_waiting and (working or runs_in_background(upload)):
        # The preview's address follows the import, then shows what was imported.
        queue_import(upload, membership_of(request))
        return redirect(reverse("dataio:import_preview", args=[token]))
    try:
        uploads.confirm(upload, membership_of(request))
    except FileRefused as refused:
        # The data changed since the preview: show the file's problems as they are now.
        result = Preview(upload.kind, upload.filename, problems=refused.problems)
        return _preview_page(request, upload, token, result, status=409)
    # The preview's address now shows what was imported, so a reload imports nothing.
    return redirect(reverse("dataio:import_preview", args=[token]))
