"""Downloads of the list pages as CSV or Excel, with the page's filters from the query string."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from headway import clock
from headway.accounts.access import STAFF_ROLES, member_required, membership_of
from headway.dataio.export_jobs import UPDATES, is_large
from headway.dataio.exports import (
    FORMATS,
    ChangeRequestFilters,
    Export,
    UpdateFilters,
    change_requests_export,
    portfolio_export,
    updates_export,
)
from headway.dataio.models import ExportJob
from headway.dataio.tasks import queue_export
from headway.dataio.writing import CSV_TYPE, XLSX_TYPE
from headway.lib.background import progress_json
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.strategy.portfolio import PortfolioFilters


def download(export: Export, name: str, format: str) -> HttpResponse:
    """The export as a file to save: CSV streamed as it is written, .xlsx whole (a workbook
    is a zip file, written only at its end)."""
    response: HttpResponse
    if format == "csv":
        # Typed as the HttpResponse that member_required's views return: Django and its
        # middleware take either.
        response = cast(
            HttpResponse, StreamingHttpResponse(export.csv_chunks(), content_type=CSV_TYPE)
        )
    else:
        response = HttpResponse(export.render(format), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{format}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _check(format: str) -> None:
    if format not in FORMATS:
        raise Http404("Exports are in CSV (.csv) or Excel (.xlsx).")


@require_safe
@member_required()
def portfolio(request: HttpRequest, format: str) -> HttpResponse:
    _check(format)
    organisation = membership_of(request).organisation
    name = f"portfolio-{organisation.slug}-{clock.today():%Y-%m-%d}"
    if is_large(organisation, format):
        job = queue_export(
            organisation, format, request.GET.urlencode(), f"{name}.{format}", by=request.user
        )
        return redirect("dataio:export_job", job.pk)
    export = portfolio_export(organisation, PortfolioFilters.from_query(request.GET))
    return download(export, name, format)


def _job_or_404(request: HttpRequest, pk: int) -> ExportJob:
    """The export, if the person asked for it in this organisation."""
    job = (
        ExportJob.objects.filter(
            pk=pk, organisation=membership_of(request).organisation, requested_by=request.user.pk
        )
        .defer("content")
        .first()
    )
    if job is None:
        raise Http404("You have no export with this number.")
    return job


@require_safe
@member_required()
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A large export's progress, then its download."""
    job = _job_or_404(request, pk)
    query = QueryDict(job.query, mutable=True)
    if job.kind == UPDATES:
        period = query.pop("period", [""])[0]
        rest = f"?{query.urlencode()}" if query else ""
        about = {
            "what": f"the returns for {Quarter.parse(period).label}",
            "back": ("Back to import data", reverse("dataio:import_start")),
            "again": reverse("dataio:export_updates", args=[period, job.format]) + rest,
        }
    else:
        rest = f"?{job.query}" if job.query else ""
        about = {
            "what": "the portfolio",
            "back": ("Back to the portfolio", reverse("portfolio") + rest),
            "again": reverse("dataio:export_portfolio", args=[job.format]) + rest,
        }
    return render(request, "dataio/export_job.html", {"job": job, **about})


@require_safe
@member_required()
def export_job_status(request: HttpRequest, pk: int) -> HttpResponse:
    return progress_json(_job_or_404(request, pk))


@require_safe
@member_required()
def export_job_file(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    if job.state != ExportJob.State.DONE:
        raise Http404("This export is not ready yet.")
    content = ExportJob.objects.filter(pk=job.pk).values_list("content", flat=True).get()
    response = HttpResponse(
        bytes(content), content_type=XLSX_TYPE if job.format == "xlsx" else CSV_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@member_required(*STAFF_ROLES)
def updates(request: HttpRequest, period: str, format: str) -> HttpResponse:
    _check(format)
    organisation = membership_of(request).organisation
    try:
        quarter = Quarter.parse(period)
    except ValueError:
        raise Http404("There is no such reporting period.") from None
    found = ReportingPeriod.objects.filter(
        organisation=organisation, year=quarter.year, quarter=quarter.number
    ).first()
    if found is None:
        raise Http404(f"{organisation} has no reporting period {quarter.label}.")
    name = f"returns-{organisation.slug}-{quarter.slug}"
    if is_large(organisation, format, found):
        query = request.GET.copy()
        query["period"] = period
        job = queue_export(
            organisation, format, query.urlencode(), f"{name}.{format}", request.user, UPDATES
        )
        return redirect("dataio:export_job", job.pk)
    export = updates_export(found, UpdateFilters.from_query(request.GET))
    return download(export, name, format)


@require_safe
@member_required(*STAFF_ROLES)
def change_requests(request: HttpRequest, format: str) -> HttpResponse:
    _check(format)
    organisation = membership_of(request).organisation
    export = change_requests_export(organisation, ChangeRequestFilters.from_query(request.GET))
    name = f"change-requests-{organisation.slug}-{clock.today():%Y-%m-%d}"
    return download(export, name, format)
