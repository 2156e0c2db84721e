from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from headway.accounts.access import STAFF_ROLES, member_required, membership_of
from headway.coverage.gaps import coverage_of

# The coverage page shows each rule's first gaps; "Show all" opens the rule's own list, paged.
# At 1,000 initiatives a rule can find hundreds, and the page must stay small.
FIRST_GAPS = 20
GAPS_PER_PAGE = 100


@require_safe
@member_required(*STAFF_ROLES)
def coverage_page(request: HttpRequest) -> HttpResponse:
    coverage = coverage_of(membership_of(request).organisation)
    key = request.GET.get("rule", "")
    if not key:
        return render(
            request, "coverage/coverage.html", {"coverage": coverage, "first_gaps": FIRST_GAPS}
        )
    rule = next((r for r in coverage.rules if r.key == key), None)
    if rule is None:
        raise Http404("The coverage check has no rule of this name.")
    page = Paginator(rule.gaps, GAPS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "coverage/rule.html",
        {"coverage": coverage, "rule": rule, "page": page, "query": [("rule", rule.key)]},
    )
