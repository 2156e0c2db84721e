from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from headway.accounts.access import member_required, membership_of
from headway.search.finding import search


@require_safe
@member_required()
def search_page(request: HttpRequest) -> HttpResponse:
    results = search(
        membership_of(request), request.GET.get("q", ""), request.GET, request.GET.get("page")
    )
    return render(request, "search/search.html", {"results": results})
