"""Administrators open, close and reopen reporting periods."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Role
from headway.committee.models import Meeting
from headway.committee.quarter_end import close_quarter
from headway.committee.quarter_steps import quarter_steps, the_report
from headway.committee.reports import find_committee, next_meeting
from headway.paging import paged
from headway.progress.forms import (
    ClosePeriodForm,
    DeadlineForm,
    OpenPeriodForm,
    ReopenPeriodForm,
)
from headway.progress.lifecycle import (
    change_deadline,
    next_quarter_to_open,
    open_period,
    reopen_period,
    suggested_deadline,
)
from headway.progress.models import ReportingPeriod, Update
from headway.progress.reminder_schedule import ReminderSchedule
from headway.progress.reminders import chase_everyone_now, reminder_log
from headway.progress.views.common import period_or_404

ADMIN = Role.ADMINISTRATOR


@require_safe
@member_required(ADMIN)
def periods(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    rows = (
        ReportingPeriod.objects.filter(organisation=organisation)
        .annotate(
            returns=Count("updates"),
            approved=Count("updates", filter=Q(updates__state=Update.State.APPROVED)),
        )
        .order_by("-year", "-quarter")
    )
    return render(
        request,
        "progress/periods.html",
        {"periods": list(rows), "has_open": any(p.is_open for p in rows)},
    )


def quarter_page(period: ReportingPeriod) -> str:
    """The quarter's page, scrolled to the step to do next (which it highlights)."""
    return reverse("progress:period", args=[period.slug]) + "#next-step"


@require_safe
@member_required(ADMIN)
def period(request: HttpRequest, period: str) -> HttpResponse:
    """The quarter's page: its steps from returns to publication, then its history."""
    found = period_or_404(membership_of(request), period)
    steps = quarter_steps(found)
    if steps.public_address:
        steps = replace(steps, public_address=request.build_absolute_uri(steps.public_address))
    return render(
        request,
        "progress/period.html",
        {
            "period": found,
            "quarter": steps,
            "headline": steps.headline,
            "schedule": ReminderSchedule.of(found),
            "events": list(found.events.select_related("by")),
            "reminders": paged(
                request, reminder_log(period=found), param="reminders", anchor="reminders-sent"
            ),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def open_new(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    quarter = next_quarter_to_open(membership.organisation)
    initial = {
        "quarter": quarter.label,
        "deadline": suggested_deadline(quarter),
        "remind_days_before": ReportingPeriod._meta.get_field("remind_days_before").default,
    }
    form = OpenPeriodForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            opened = open_period(
                membership.organisation,
                form.cleaned_data["quarter"],
                form.cleaned_data["deadline"],
                by=membership,
                remind_days_before=form.cleaned_data["remind_days_before"],
            )
        except ValidationError as error:
            form.refused(error)
        else:
            count = opened.updates.count()
            messages.success(
                request,
                f"{opened.label} is open: {count} return{'' if count == 1 else 's'} "
                "created, each pre-filled from its last approved return.",
            )
            return redirect("progress:period", period=opened.slug)
    return render(request, "progress/open_period.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def close(request: HttpRequest, period: str) -> HttpResponse:
    membership = membership_of(request)
    found = period_or_404(membership, period)
    form = ClosePeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and found.is_open:
        try:
            closed = close_quarter(
                found, by=membership, force_reason=form.cleaned_data["force_reason"]
            )
        except ValidationError as error:
            form.refused(error)
        else:
            # The close went through; a report that could not be drafted is the quarter's
            # page's to show, as a problem on its row.
            messages.success(request, closed.message)
            return redirect(quarter_page(found))
    # A page of them at a time: at 1,000 initiatives hundreds may be left (408 rows, 151 kB).
    outstanding = paged(
        request,
        found.updates.exclude(state=Update.State.APPROVED)
        .select_related("initiative__service")
        .order_by("initiative__service__name", "initiative__title", "pk"),
        anchor="outstanding",
    )
    return render(
        request,
        "progress/close_period.html",
        {
            "period": found,
            "form": form,
            "outstanding": outstanding,
            "total": found.updates.count(),
            "report": the_report(found),
            "meeting": _next_meeting(found),
        },
    )


def _next_meeting(period: ReportingPeriod) -> Meeting | None:
    """The meeting a report drafted on closing would go to, if the committee has one."""
    try:
        return next_meeting(find_committee(period), period)
    except ValidationError:
        return None


@member_required(ADMIN)
@require_POST
def chase_everyone(request: HttpRequest, period: str) -> HttpResponse:
    """ "Chase everyone overdue": one digest to each owner with returns still to do."""
    membership = membership_of(request)
    found = period_or_404(membership, period)
    try:
        result = chase_everyone_now(found, by=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if result.not_sent:
            messages.warning(request, result.summary)
        else:
            messages.success(request, result.summary)
    return redirect(reverse("progress:period", args=[found.slug]) + "#step-returns")


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def reopen(request: HttpRequest, period: str) -> HttpResponse:
    membership = membership_of(request)
    found = period_or_404(membership, period)
    form = ReopenPeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and found.is_closed:
        try:
            reopen_period(found, by=membership, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, f"{found.label} is open again.")
            return redirect("progress:period", period=found.slug)
    return render(request, "progress/reopen_period.html", {"period": found, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def deadline(request: HttpRequest, period: str) -> HttpResponse:
    membership = membership_of(request)
    found = period_or_404(membership, period)
    initial = {
        "deadline": found.deadline,
        "remind_days_before": found.remind_days_before,
        "remind_again_days_before": found.remind_again_days_before,
        "remind_on_deadline": "yes" if found.remind_on_deadline else "no",
        "remind_overdue_every": found.remind_overdue_every,
    }
    form = DeadlineForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change_deadline(
                found,
                by=membership,
                deadline=data["deadline"],
                remind_days_before=data["remind_days_before"],
                reason=data["reason"],
                remind_again_days_before=data["remind_again_days_before"],
                remind_on_deadline=data["remind_on_deadline"],
                remind_overdue_every=data["remind_overdue_every"],
            )
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(
                request, f"Returns for {found.label} are now due on {found.deadline:%-d %B %Y}."
            )
            return redirect("progress:period", period=found.slug)
    return render(request, "progress/period_deadline.html", {"period": found, "form": form})
