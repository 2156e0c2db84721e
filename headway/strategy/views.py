from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from headway.accounts.access import member_required, membership_of
from headway.strategy.detail import initiative_detail
from headway.strategy.portfolio import PortfolioFilters, build_portfolio


@require_safe
@member_required()
def portfolio(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    filters = PortfolioFilters.from_query(request.GET)
    return render(
        request,
        "strategy/portfolio.html",
        {"portfolio": build_portfolio(organisation, filters)},
    )


@require_safe
@member_required()
def initiative(request: HttpRequest, pk: int) -> HttpResponse:
    detail = initiative_detail(membership_of(request).organisation, pk)
    if detail is None:
        raise Http404("No initiative of your organisation has this number.")
    return render(request, "strategy/initiative.html", {"detail": detail})
