"""Where the cycle stands, for administrators and reviewers, and reminding a late owner."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Membership, User
from headway.coverage.gaps import coverage_of
from headway.paging import paged
from headway.progress.dashboard import current_period
from headway.progress.models import ReportingPeriod
from headway.progress.overview import dashboard_page
from headway.progress.permissions import REVIEWER_ROLES
from headway.progress.reminders import remind_owner_now
from headway.progress.views.common import period_or_404


def _render(request: HttpRequest, period: ReportingPeriod | None) -> HttpResponse:
    page = dashboard_page(period) if period else None
    context = {
        "page": page,
        # A page of owners at a time: each row names a few returns and counts the rest.
        "chase": paged(request, page.chase if page else [], param="owners", anchor="overdue"),
        "coverage_gaps": coverage_of(membership_of(request).organisation).count,
    }
    return render(request, "progress/dashboard.html", context)


@require_safe
@member_required(*REVIEWER_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    return _render(request, current_period(membership_of(request).organisation_id))


@require_safe
@member_required(*REVIEWER_ROLES)
def period_dashboard(request: HttpRequest, period: str) -> HttpResponse:
    return _render(request, period_or_404(membership_of(request), period))


def _owner(membership: Membership, value: str) -> User:
    """A member of the organisation: reminders go to nobody else."""
    owner = (
        User.objects.filter(
            pk=value, memberships__organisation_id=membership.organisation_id
        ).first()
        if value.isdigit()
        else None
    )
    if owner is None:
        raise Http404("No one in your organisation has this number.")
    return owner


@member_required(*REVIEWER_ROLES)
@require_POST
def remind(request: HttpRequest, period: str) -> HttpResponse:
    membership = membership_of(request)
    found = period_or_404(membership, period)
    owner = _owner(membership, request.POST.get("owner", ""))
    try:
        plan = remind_owner_now(found, owner, by=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = len(plan.to_do)
        messages.success(
            request,
            f"Reminder sent to {owner} about {count} return{'' if count == 1 else 's'}.",
        )
    return redirect(reverse("progress:period_dashboard", args=[found.slug]) + "#overdue")
