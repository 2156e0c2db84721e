"""The numbered versions of the maps, and what changed between any two of them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from headway.accounts.access import member_required, membership_of
from headway.roadmap.version_pages import comparison_page, version_rows


@require_safe
@member_required()
def versions(request: HttpRequest) -> HttpResponse:
    rows = version_rows(membership_of(request).organisation)
    return render(request, "roadmap/versions.html", {"rows": rows})


@require_safe
@member_required()
def compare_versions(request: HttpRequest) -> HttpResponse:
    page = comparison_page(membership_of(request).organisation, request.GET)
    return render(request, "roadmap/compare.html", {"page": page})
