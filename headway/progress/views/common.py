"""What the cycle's views share: finding a period of the member's organisation by its name."""

from __future__ import annotations

from django.http import Http404

from headway.accounts.models import Membership
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod


def period_or_404(membership: Membership, slug: str) -> ReportingPeriod:
    """The member's organisation's period named ``2021-22-Q3``; 404 for any other."""
    try:
        quarter = Quarter.parse(slug)
    except ValueError:
        raise Http404("Not a quarter.") from None
    period = (
        ReportingPeriod.objects.filter(
            organisation_id=membership.organisation_id,
            year=quarter.year,
            quarter=quarter.number,
        )
        .select_related("organisation")
        .first()
    )
    if period is None:
        raise Http404("Your organisation has no reporting period for this quarter.")
    return period
