"""The organisation's committees, their meetings and the reports each meeting takes."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from headway.committee.models import Committee, Meeting, Report
from headway.strategy.models import Organisation


def committees_with_reports(organisation: Organisation) -> QuerySet[Committee]:
    """Committees with their meetings (latest first) and reports: three queries."""
    reports = Report.objects.select_related("period").order_by("period__year", "period__quarter")
    meetings = Meeting.objects.order_by("-date").prefetch_related(
        Prefetch("reports", queryset=reports)
    )
    return Committee.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("meetings", queryset=meetings)
    )
