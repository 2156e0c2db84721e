from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from headway.accounts.access import STAFF_ROLES, member_required, membership_of
from headway.coverage.gaps import coverage_of


@require_safe
@member_required(*STAFF_ROLES)
def coverage_page(request: HttpRequest) -> HttpResponse:
    coverage = coverage_of(membership_of(request).organisation)
    return render(request, "coverage/coverage.html", {"coverage": coverage})
