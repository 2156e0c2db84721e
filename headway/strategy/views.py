from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from headway.accounts.access import member_required, membership_of
from headway.progress.dashboard import cycle_summary
from headway.progress.permissions import may_chase_returns
from headway.strategy.detail import initiative_detail
from headway.strategy.portfolio import PortfolioFilters, build_portfolio


@require_safe
@member_required()
def portfolio(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    organisation = membership.organisation
    filters = PortfolioFilters.from_query(request.GET)
    # Those who chase returns see where the quarter stands first.
    cycle = cycle_summary(organisation.pk) if may_chase_returns(membership, organisation) else None
    return render(
        request,
        "strategy/portfolio.html",
        {"portfolio": build_portfolio(organisation, filters), "cycle": cycle},
    )


@require_safe
@member_required()
def initiative(request: HttpRequest, pk: int) -> HttpResponse:
    detail = initiative_detail(membership_of(request), pk)
    if detail is None:
        raise Http404("No initiative of your organisation has this number.")
    return render(request, "strategy/initiative.html", {"detail": detail})
