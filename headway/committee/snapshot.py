"""Freeze every figure a report uses into a Snapshot.

The data is plain JSON (schema below) so that it is also the pack's open data
(``data.json``), and so that composing and rendering never need the live database.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils import timezone

from headway import clock
from headway.committee.models import Snapshot
from headway.committee.models.snapshot import content_hash
from headway.coverage.gaps import coverage_of
from headway.indicators.models import Measure
from headway.indicators.readings import (
    APPROVED_ONLY,
    MeasureReadings,
    Reading,
    readings_for,
    trends_for,
)
from headway.lib.fy import Quarter
from headway.lib.text import clean_data
from headway.organisation.models import OrganisationalChange
from headway.progress.models import ReportingPeriod, Update
from headway.progress.models.status import ensure_status_scale
from headway.roadmap.reporting import agreed_changes, maps_at
from headway.strategy.models import Initiative, Milestone, Organisation, Strategy

SCHEMA_VERSION = 1
# The kind an organisational change has among the snapshot's events, where the composer
# drafts the report's paragraph on change this quarter from.
ORGANISATIONAL_CHANGE = "organisational_change"


def _local_day(moment: datetime) -> date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def strategy_for(period: ReportingPeriod) -> Strategy | None:
    """The organisation's strategy that covers the period's year, else its latest one."""
    strategies = Strategy.objects.filter(organisation=period.organisation_id)
    covering = strategies.filter(first_year__lte=period.year, last_year__gte=period.year)
    return covering.order_by("-first_year").first() or strategies.order_by("-first_year").first()


def _period_data(period: ReportingPeriod | None) -> dict[str, Any] | None:
    if period is None:
        return None
    quarter = period.as_quarter
    return {
        "label": quarter.label,
        "slug": quarter.slug,
        "year": quarter.year,
        "quarter": quarter.number,
        "financial_year": quarter.financial_year.label,
        "start": _day(quarter.first_day),
        "end": _day(quarter.last_day),
        "months": quarter.months,
        "deadline": _day(period.deadline),
        "state": period.state,
    }


def _updates(period: ReportingPeriod | None) -> list[dict[str, Any]]:
    if period is None:
        return []
    approved = (
        Update.objects.filter(period=period, state=Update.State.APPROVED)
        .select_related("status")
        .order_by("initiative_id")
    )
    return [
        {
            "initiative": update.initiative_id,
            "status": update.status.code if update.status else None,
            "narrative": update.narrative,
            "achievements": update.achievements,
            "next_steps": update.next_steps,
            "risks": update.risks,
            "percent_complete": update.percent_complete,
        }
        for update in approved
    ]


def _returns(period: ReportingPeriod | None) -> dict[str, Any] | None:
    """Which initiatives owed a return this period (one was opened for each) and how far each
    got, so the report can say what its figures cover."""
    if period is None:
        return None
    rows = Update.objects.filter(period=period).order_by("initiative_id")
    states = dict(rows.values_list("initiative_id", "state"))
    return {
        "expected": sorted(states),
        "approved": sorted(i for i, state in states.items() if state == Update.State.APPROVED),
    }


def _expected_by_quarter(period: ReportingPeriod) -> dict[int, int]:
    rows = (
        Update.objects.filter(
            period__organisation=period.organisation_id,
            period__year=period.year,
            period__quarter__lte=period.quarter,
        )
        .values("period__quarter")
        .annotate(count=Count("id"))
    )
    return {row["period__quarter"]: row["count"] for row in rows}


def _trend(period: ReportingPeriod) -> list[dict[str, Any]]:
    """Approved returns by status in each quarter of the year, up to this one, and how many
    returns each quarter expected (the difference had no approved return)."""
    expected = _expected_by_quarter(period)
    rows = (
        Update.objects.filter(
            period__organisation=period.organisation_id,
            period__year=period.year,
            period__quarter__lte=period.quarter,
            state=Update.State.APPROVED,
            status__isnull=False,
        )
        .values("period__quarter", "status__code")
        .annotate(count=Count("id"))
        .order_by("period__quarter")
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["period__quarter"], {})[row["status__code"]] = row["count"]
    return [
        {
            "label": Quarter(period.year, quarter).label,
            "counts": counts.get(quarter, {}),
            "expected": max(expected.get(quarter, 0), sum(counts.get(quarter, {}).values())),
        }
        for quarter in sorted(set(counts) | set(expected))
    ]


def _events(organisation: Organisation, strategy: Strategy | None) -> list[dict[str, Any]]:
    """The strategy's events and the organisation's changes (from their own log, with the
    kind the composer reads as "organisational_change"), in date order."""
    events = [] if strategy is None else list(strategy.events.order_by("date", "id"))
    rows = [
        (e.date, 0, e.id, {"date": _day(e.date), "kind": e.kind, "text": e.text}) for e in events
    ]
    for change in OrganisationalChange.objects.filter(organisation=organisation):
        item = {"date": _day(change.date), "kind": ORGANISATIONAL_CHANGE, "text": change.text}
        rows.append((change.date, 1, change.id, item))
    return [row[3] for row in sorted(rows, key=lambda row: row[:3])]


def _number(value: Decimal | None) -> float | None:
    """A figure as open data's number: figures are kept to two places, which a float holds."""
    return None if value is None else float(value)


def _reading(row: Reading) -> dict[str, Any]:
    figure = row.figure
    note = None
    if figure is not None and row.is_off_target:
        note = {
            "why": figure.exception_why,
            "action": figure.exception_action,
            "recovery": figure.exception_recovery,
        }
    return {
        "partner": row.partner.pk if row.partner else None,
        "council": row.partner_name,
        "value": _number(row.value),
        "target": _number(row.target),
        "tolerance": _number(row.goal.band) if row.goal else None,
        "status": row.status.value,
        "previous": _number(row.previous),
        "last_year": _number(row.last_year),
        "short_term": row.short_term.value,
        "long_term": row.long_term.value,
        "computed": row.computed,
        "exception": note,
    }


# Quarters of a measure's trend chart, at most: two years, as its page shows.
TREND_QUARTERS = 8


def _trends(readings: list[MeasureReadings], last: Quarter) -> dict[int, list[dict[str, Any]]]:
    """Each measure's values and targets per quarter, as ``readings.trends_for`` gives them,
    for all the measures in two queries: from the first quarter with a figure, in the order
    of the measure's rows."""
    points = trends_for([one.measure for one in readings], last, TREND_QUARTERS, APPROVED_ONLY)
    trends = {}
    for one in readings:
        keys = [row.partner.pk if row.partner else None for row in one.rows]
        trends[one.measure.pk] = [
            {
                "quarter": point.quarter.label,
                "values": [_number(point.values.get(k)) for k in keys],
                "targets": [_number(point.targets.get(k)) for k in keys],
            }
            for point in points[one.measure.pk]
        ]
    return trends


def _measure(readings: MeasureReadings, trend: list[dict[str, Any]]) -> dict[str, Any]:
    measure = readings.measure
    rows = readings.rows
    return {
        "id": measure.pk,
        "reference": measure.reference,
        "name": measure.name,
        "definition": measure.definition,
        "unit": measure.unit,
        "polarity": measure.polarity,
        "frequency": measure.frequency,
        "whole_service": measure.whole_service,
        "service": measure.service_id,
        "priority": measure.priority_id,
        "status": readings.worst.value,
        "rows": [_reading(row) for row in rows],
        # Each quarter's values and targets, in the order of ``rows``, for the trend chart.
        "trend": trend,
    }


def _indicators(period: ReportingPeriod) -> dict[str, Any] | None:
    """The quarter's performance indicators from approved figures only, as returns count:
    each measure's rows per partner council and the whole service, with the status and
    direction of travel computed here, so the pack only formats them. None without measures."""
    quarter = period.as_quarter
    measures = (
        Measure.objects.of(period.organisation_id)
        .collected()
        .select_related("service", "priority")
        .prefetch_related("partners")
        .order_by("reference")
    )
    due = [m for m in measures if m.is_due_in(quarter.number)]
    if not due:
        return None
    readings = readings_for(period.organisation_id, quarter, due)
    trends = _trends(readings, quarter)
    return {
        "quarter": quarter.label,
        "counting_rule": INDICATOR_COUNTING_RULE,
        "measures": [_measure(one, trends[one.measure.pk]) for one in readings],
    }


INDICATOR_COUNTING_RULE = (
    "Each measure is counted once, under the worst status of its councils' and the whole "
    "service's figures."
)


def build_snapshot_data(period: ReportingPeriod, taken_at: datetime) -> dict[str, Any]:
    organisation = period.organisation
    strategy = strategy_for(period)
    previous = ReportingPeriod.objects.filter(
        organisation=organisation,
        year=period.as_quarter.previous().year,
        quarter=period.as_quarter.previous().number,
    ).first()
    scale = ensure_status_scale(organisation)
    maps, map_version = maps_at(organisation, period.year, taken_at)
    initiatives = (
        Initiative.objects.filter(organisation=organisation)
        .select_related("service")
        .prefetch_related(
            "priorities",
            "partners",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id")),
        )
        .order_by("id")
    )
    data = {
        "schema": SCHEMA_VERSION,
        "taken_at": taken_at.isoformat(),
        "organisation": {
            "name": organisation.name,
            "short_name": organisation.display_name,
        },
        "partners": [
            {"id": p.id, "name": p.name, "short_name": str(p)}
            for p in organisation.partners.order_by("name")
        ],
        "strategy": None
        if strategy is None
        else {
            "title": strategy.title,
            "first_year": strategy.first_year,
            "last_year": strategy.last_year,
            "years_label": strategy.years_label,
            "vision": strategy.vision,
            "framework": strategy.framework,
        },
        "priorities": []
        if strategy is None
        else [
            {
                "id": p.id,
                "number": p.number,
                "title": p.title,
                "description": p.description,
                "active_from": p.active_from,
                "active_to": p.active_to,
            }
            for p in strategy.priorities.order_by("number")
        ],
        "events": _events(organisation, strategy),
        "services": [
            {"id": s.id, "name": s.name, "head_of_service": s.head_of_service}
            for s in organisation.services.order_by("name")
        ],
        "status_scale": [
            {
                "code": v.code,
                "label": v.label,
                "meaning": v.meaning,
                "colour": v.colour,
                "tag": v.tag,
                "means_complete": v.means_complete,
                "needs_mitigation": v.needs_mitigation,
            }
            for v in scale.values.order_by("position")
        ],
        "period": _period_data(period),
        "previous_period": _period_data(previous),
        # What the coverage check found on the day, for the report's paragraph on it.
        "coverage_check": coverage_of(organisation, _local_day(taken_at)).summary(),
        "initiatives": [
            {
                "id": i.id,
                "reference": i.external_reference,
                "title": i.title,
                "description": i.description,
                "kind": i.kind,
                "service": i.service_id,
                "priorities": sorted(p.id for p in i.priorities.all()),
                "partners": sorted(p.id for p in i.partners.all()),
                "status": i.status,
                "is_key_project": i.is_key_project,
                "planned_start": _day(i.planned_start),
                "planned_end": _day(i.planned_end),
                "milestones": [
                    {
                        "title": m.title,
                        "due": _day(m.due),
                        "forecast": _day(m.forecast),
                        "completed_on": _day(m.completed_on),
                    }
                    for m in i.milestones.all()
                ],
            }
            for i in initiatives
        ],
        "updates": {"current": _updates(period), "previous": _updates(previous)},
        "returns": _returns(period),
        "trend": _trend(period),
        # The maps the report shows, the version they are, and the changes agreed this quarter.
        "maps": maps,
        "map_version": map_version,
        "map_changes": agreed_changes(
            organisation, period.as_quarter.first_day, period.as_quarter.last_day
        ),
    }
    # Only a period with measures has them: other packs stay as they were.
    indicators = _indicators(period)
    if indicators is not None:
        data["indicators"] = indicators
    return data


@transaction.atomic
def take_snapshot(
    period: ReportingPeriod, by: Any = None, taken_at: datetime | None = None
) -> Snapshot:
    """Freeze the period's figures now. Each call makes a new, immutable snapshot.

    ``taken_at`` is for loading history (the demo's earlier quarters); it defaults to now.
    """
    taken_at = (taken_at or clock.now()).replace(microsecond=0)
    return Snapshot.objects.create(
        organisation=period.organisation,
        period=period,
        # Text stored before input was cleaned loses its bidirectional controls here, so it
        # cannot reverse words in the pack or its data.json.
        data=clean_data(build_snapshot_data(period, taken_at)),
        taken_at=taken_at,
        taken_by=by,
    )


def changed_since(snapshot: Snapshot) -> bool:
    """Whether anything the snapshot froze reads differently now: a report drafted from it is
    then out of date. Builds the figures afresh, as a redraft would, and compares them."""
    fresh = clean_data(build_snapshot_data(snapshot.period, clock.now().replace(microsecond=0)))
    frozen = dict(snapshot.data)
    for data in (fresh, frozen):
        data.pop("taken_at", None)
    return content_hash(fresh) != content_hash(frozen)
