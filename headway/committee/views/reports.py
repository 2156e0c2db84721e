"""The list of committee reports, and starting the report for a quarter and meeting."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Role
from headway.committee import permissions
from headway.committee.forms import StartReportForm
from headway.committee.listing import committees_with_reports
from headway.committee.reports import report_for


def _page(request: HttpRequest, form: StartReportForm) -> HttpResponse:
    organisation = membership_of(request).organisation
    return render(
        request,
        "committee/reports.html",
        {
            "committees": committees_with_reports(organisation),
            "form": form,
            "may_import": membership_of(request).role == Role.ADMINISTRATOR,
        },
    )


@require_safe
@member_required(*permissions.COMPOSE)
def reports(request: HttpRequest) -> HttpResponse:
    return _page(request, StartReportForm(membership_of(request).organisation))


@require_POST
@member_required(*permissions.COMPOSE)
def start_report(request: HttpRequest) -> HttpResponse:
    """Open the report for the chosen quarter and meeting, drafting it if it is new."""
    form = StartReportForm(membership_of(request).organisation, request.POST)
    if form.is_valid():
        try:
            report = report_for(
                form.cleaned_data["period"], by=request.user, meeting=form.cleaned_data["meeting"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("committee:report", report.pk)
    return _page(request, form)
