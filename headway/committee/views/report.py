"""A report's page, its header, and the steps of its life: redraft, approval, publication."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.accounts.access import member_required, membership_of
from headway.committee import permissions
from headway.committee.approval import ask_for_approval as ask_reviewers
from headway.committee.detail import report_detail
from headway.committee.drafting import (
    HEADER_FIELDS,
    ReportNotEditable,
    edit_header,
    reopen_report,
    return_report,
    withdraw_report,
)
from headway.committee.forms import HeaderForm, ReturnReportForm, WithdrawReportForm
from headway.committee.models import Pack, Redraft, Report, ReportSource
from headway.committee.publication import publish as publish_report
from headway.committee.publication import what_becomes_public
from headway.committee.quarter_end import approve_and_start_pack
from headway.committee.tasks import queue_redraft
from headway.committee.views.common import report_or_404
from headway.lib.words import join_words

REDRAFTED = "The report has been redrafted from the latest figures. Your changes were kept."


def report_page(
    request: HttpRequest, pk: int, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    detail = report_detail(membership_of(request).organisation, pk)
    if detail is None:
        raise Http404("No report of your organisation has this number.")
    source = (
        ReportSource.objects.filter(report=detail.report).defer("content").first()
        if detail.report.is_imported
        else None
    )
    return render(
        request,
        "committee/report.html",
        {
            "detail": detail,
            "report": detail.report,
            "source": source,
            "errors": errors or [],
            "may": _may(request),
        },
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
        "return_with_comments": role in permissions.RETURN_WITH_COMMENTS,
        "withdraw": role in permissions.WITHDRAW,
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


def from_quarter(request: HttpRequest) -> bool:
    """Whether the step was started from the quarter's page, so it returns there."""
    return request.GET.get("from") == "quarter"


def done_redirect(request: HttpRequest, report: Report) -> HttpResponse:
    """Back to the quarter's page, at its next step, when the step was started there;
    else to the report."""
    if from_quarter(request):
        url = reverse("progress:period", args=[report.period.slug]) + "#next-step"
        return redirect(url)
    return redirect("committee:report", report.pk)


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
    return done_redirect(request, report)


@require_POST
@member_required(*permissions.COMPOSE)
def redraft(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand the redraft to the task worker, and follow it on its page (or, when it is done
    already, say so on the report)."""
    report = report_or_404(request, pk)
    try:
        job = queue_redraft(report, by=request.user)
    except ValidationError as error:
        status = 409 if isinstance(error, ReportNotEditable) else 400
        return report_page(request, pk, errors=list(error.messages), status=status)
    if job.state == Redraft.State.DONE:
        messages.success(request, REDRAFTED)
        return redirect("committee:report", report.pk)
    return redirect("committee:redraft_progress", report.pk, job.pk)


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
        approved = approve_and_start_pack(report, by=request.user)
        if approved.pack.state == Pack.State.DONE:
            return "The report is approved. Its pack is ready."
        return "The report is approved. Its pack is being generated."

    return _act(request, pk, step)


@require_POST
@member_required(*permissions.REOPEN)
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    def step(report: Report) -> str:
        reopen_report(report)
        return "The report is a draft again: it can be changed."

    return _act(request, pk, step)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*permissions.PUBLISH)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first, saying what becomes public; publish on confirmation."""
    report = report_or_404(request, pk)
    refusal = None
    if request.method == "POST":
        try:
            publish_report(report, by=request.user)
        except ValidationError as error:
            refusal = error
        else:
            messages.success(
                request, "The report is published: anyone can now read it at its public address."
            )
            return done_redirect(request, report)
    elif report.state != Report.State.APPROVED:
        refusal = ReportNotEditable("Approve the report before publishing it.")
    address = request.build_absolute_uri(reverse("committee:published_report", args=[report.slug]))
    return render(
        request,
        "committee/publish.html",
        {
            "report": report,
            "address": address,
            "public": what_becomes_public(report),
            "refusal": refusal,
        },
        status=409 if refusal and request.method == "POST" else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*permissions.RETURN_WITH_COMMENTS)
def return_with_comments(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer sends the report back to draft, saying what to change."""
    report = report_or_404(request, pk)
    form = ReturnReportForm(request.POST if request.method == "POST" else None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            return_report(report, by=request.user, comment=form.cleaned_data["comment"])
        except ReportNotEditable as error:
            refusal = error
        except ValidationError as error:
            form.add_error("comment", error.messages)
        else:
            messages.success(
                request, "The report is a draft again, with your comments at the top of its page."
            )
            return redirect("committee:report", report.pk)
    if refusal is None and report.state not in (Report.State.DRAFT, Report.State.APPROVED):
        refusal = ReportNotEditable(
            f"This report is {report.get_state_display().lower()}: only a draft or an "
            "approved report can be returned with comments."
        )
    return render(
        request,
        "committee/return.html",
        {"report": report, "form": form, "refusal": refusal},
        status=_form_status(request, form, refusal),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*permissions.WITHDRAW)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator withdraws a published report, saying why; its page says so."""
    report = report_or_404(request, pk)
    form = WithdrawReportForm(request.POST if request.method == "POST" else None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_report(report, by=request.user, reason=form.cleaned_data["reason"])
        except ReportNotEditable as error:
            refusal = error
        except ValidationError as error:
            form.add_error("reason", error.messages)
        else:
            messages.success(
                request,
                "The report is withdrawn. Its public page now says so, and why; its files stay "
                "for the record.",
            )
            return redirect("committee:report", report.pk)
    if refusal is None and report.state != Report.State.PUBLISHED:
        refusal = ReportNotEditable(
            f"This report is {report.get_state_display().lower()}: only a published report "
            "can be withdrawn."
        )
    address = request.build_absolute_uri(reverse("committee:published_report", args=[report.slug]))
    return render(
        request,
        "committee/withdraw.html",
        {"report": report, "form": form, "refusal": refusal, "address": address},
        status=_form_status(request, form, refusal),
    )


def _form_status(request: HttpRequest, form: Any, refusal: ValidationError | None) -> int:
    if request.method != "POST":
        return 200
    if refusal is not None:
        return 409
    return 400 if form.errors else 200
