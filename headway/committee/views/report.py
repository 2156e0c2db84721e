"""A report's page, its header, and the steps of its life: redraft, approval, publication."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.accounts.access import member_required, membership_of
from headway.committee import permissions
from headway.committee.approval import ask_for_approval as ask_reviewers
from headway.committee.detail import report_detail
from headway.committee.drafting import (
    HEADER_FIELDS,
    ReportNotEditable,
    approve_report,
    draft_report,
    edit_header,
    reopen_report,
)
from headway.committee.forms import HeaderForm
from headway.committee.models import Report
from headway.committee.publication import publish as publish_report
from headway.committee.views.common import report_or_404
from headway.lib.words import join_words


def report_page(
    request: HttpRequest, pk: int, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    detail = report_detail(membership_of(request).organisation, pk)
    if detail is None:
        raise Http404("No report of your organisation has this number.")
    return render(
        request,
        "committee/report.html",
        {"detail": detail, "report": detail.report, "errors": errors or [], "may": _may(request)},
        status=status,
    )


def _may(request: HttpRequest) -> dict[str, bool]:
    """What the person's role lets them do here, so the page offers only that."""
    role = membership_of(request).role
    return {
        "approve": role in permissions.APPROVE,
        "ask_for_approval": role in permissions.ASK_FOR_APPROVAL,
        "publish": role in permissions.PUBLISH,
        "reopen": role in permissions.REOPEN,
    }


@require_safe
@member_required(*permissions.COMPOSE)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return report_page(request, pk)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*permissions.COMPOSE)
def edit_header_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_or_404(request, pk)
    refusal = None
    if request.method == "POST":
        form = HeaderForm(request.POST)
        if form.is_valid():
            try:
                edit_header(report, **form.cleaned_data)
            except ReportNotEditable as error:
                refusal = error
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The report details have been saved.")
                return redirect("committee:report", report.pk)
    else:
        form = HeaderForm(initial={name: getattr(report, name) for name in HEADER_FIELDS})
    if refusal is None and not report.is_editable:
        refusal = _locked(report)
    return render(
        request,
        "committee/header.html",
        {"report": report, "form": form, "refusal": refusal},
        status=409 if refusal and request.method == "POST" else 200,
    )


def _locked(report: Report) -> ReportNotEditable:
    return ReportNotEditable(
        f"This report is {report.get_state_display().lower()}: only a draft can be changed."
    )


def _act(request: HttpRequest, pk: int, action: Callable[[Report], str]) -> HttpResponse:
    """Run one step of the report's life and say what happened; if the rules refuse it,
    show why on the report page."""
    report = report_or_404(request, pk)
    try:
        done = action(report)
    except ValidationError as error:
        status = 409 if isinstance(error, ReportNotEditable) else 400
        return report_page(request, pk, errors=list(error.messages), status=status)
    messages.success(request, done)
    return redirect("committee:report", report.pk)


@require_POST
@member_required(*permissions.COMPOSE)
def redraft(request: HttpRequest, pk: int) -> HttpResponse:
    def step(report: Report) -> str:
        draft_report(report, by=request.user)
        return "The report has been redrafted from the latest figures. Your changes were kept."

    return _act(request, pk, step)


@require_POST
@member_required(*permissions.ASK_FOR_APPROVAL)
def ask_for_approval(request: HttpRequest, pk: int) -> HttpResponse:
    def step(report: Report) -> str:
        asked = ask_reviewers(report, membership_of(request))
        return f"Asked {join_words([str(r) for r in asked])} to approve the report."

    return _act(request, pk, step)


@require_POST
@member_required(*permissions.APPROVE)
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    def step(report: Report) -> str:
        approve_report(report, by=request.user)
        return "The report is approved. Generate its pack, or publish it."

    return _act(request, pk, step)


@require_POST
@member_required(*permissions.REOPEN)
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    def step(report: Report) -> str:
        reopen_report(report)
        return "The report is a draft again: it can be changed."

    return _act(request, pk, step)


@require_POST
@member_required(*permissions.PUBLISH)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    def step(report: Report) -> str:
        publish_report(report)
        return "The report is published: anyone can now read it at its public address."

    return _act(request, pk, step)
