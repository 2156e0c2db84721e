"""The measures list: the organisation's measures with their status in the latest quarter,
filtered by priority, service, partner and status, a page at a time.

A fixed number of queries whatever the number of measures: the quarter, the filters'
choices, then either the page of measures (count and rows) and their figures and targets,
or, when filtering by status (which is computed, not stored), the figures and targets of
every measure the other filters leave, which a page of them is then cut from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from headway.accounts.models import Membership
from headway.indicators.access import states_readable_by
from headway.indicators.models import Measure
from headway.indicators.readings import MeasureReadings, readings_for
from headway.indicators.status import STATUS_LABELS, STATUS_ORDER, Status
from headway.lib.fy import Quarter
from headway.lib.listing import (
    PAGE_SIZE,
    Choices,
    Filter,
    FilteredPage,
    Option,
    checked_filters,
    page_of,
)
from headway.lib.listing import chosen as choices_of
from headway.progress.models import ReportingPeriod
from headway.strategy.current import current_strategy
from headway.strategy.models import Partner, Service


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    readings: MeasureReadings | None  # None when no quarter has been reported yet


@dataclass(frozen=True)
class MeasureList(FilteredPage):
    quarter: Quarter | None
    partners: list[Partner]
    rows: list[MeasureRow]
    filters: list[Filter] = field(default_factory=list)
    page: Page[Measure] | None = None
    total: int = 0  # the organisation's measures, whatever the filters


def reported_quarter(organisation_id: int) -> Quarter | None:
    """The quarter the list shows: the open period's, else the latest closed one's."""
    periods = ReportingPeriod.objects.filter(organisation_id=organisation_id).exclude(
        state=ReportingPeriod.State.UPCOMING
    )
    period = periods.order_by("-year", "-quarter").first()
    return period.as_quarter if period else None


def measure_choices(membership: Membership, partners: list[Partner]) -> Choices:
    organisation = membership.organisation
    strategy = current_strategy(organisation)
    priorities = list(strategy.priorities.all()) if strategy else []
    services = Service.objects.filter(organisation=organisation).order_by("name")
    return {
        "priority": (
            "Priority",
            "priority",
            "All priorities",
            [Option(str(p.pk), str(p)) for p in priorities],
        ),
        "service": (
            "Service",
            "service",
            "All services",
            [Option(str(s.pk), s.name) for s in services],
        ),
        "partner": (
            "Council",
            "council",
            "All councils",
            [Option(str(p.pk), str(p)) for p in partners],
        ),
        "status": (
            "Status",
            "status",
            "Any status",
            [Option(s.value, STATUS_LABELS[s]) for s in STATUS_ORDER],
        ),
    }


def _has_status(reading: MeasureReadings, wanted: str, partner: str) -> bool:
    rows = reading.rows
    if partner:
        rows = [row for row in rows if row.partner and str(row.partner.pk) == partner]
    return any(row.status == Status(wanted) for row in rows)


def measure_list(
    membership: Membership, query: Mapping[str, str] | None = None, page: str | None = None
) -> MeasureList:
    org_id = membership.organisation_id
    partners = list(Partner.objects.filter(organisation_id=org_id).order_by("name"))
    filters = checked_filters(measure_choices(membership, partners), query or {})
    chosen = choices_of(filters)
    measures = Measure.objects.of(org_id)
    total = measures.count()
    if chosen["priority"]:
        measures = measures.filter(priority_id=chosen["priority"])
    if chosen["service"]:
        measures = measures.filter(service_id=chosen["service"])
    if chosen["partner"]:
        measures = measures.filter(partners=int(chosen["partner"]))
    rows_query = (
        measures.select_related("service", "priority")
        .prefetch_related("partners")
        .order_by("reference", "pk")
    )
    quarter = reported_quarter(org_id)
    states = states_readable_by(membership)
    if chosen["status"] and quarter is not None:
        every = readings_for(org_id, quarter, list(rows_query), states)
        kept = [r for r in every if _has_status(r, chosen["status"], chosen["partner"])]
        shown: Page[Measure] = Paginator([r.measure for r in kept], PAGE_SIZE).get_page(page)
        on_page = {m.pk for m in shown.object_list}
        rows = [MeasureRow(r.measure, r) for r in kept if r.measure.pk in on_page]
    else:
        shown = page_of(rows_query, page)
        if quarter is None:
            rows = [MeasureRow(m, None) for m in shown.object_list]
        else:
            read = readings_for(org_id, quarter, list(shown.object_list), states)
            rows = [MeasureRow(r.measure, r) for r in read]
    return MeasureList(
        quarter=quarter,
        partners=partners,
        rows=rows,
        filters=filters,
        page=shown,
        total=total,
    )
