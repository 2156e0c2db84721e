"""A measure's page: its definition, where it stands this quarter for each council and the
whole service, a trend chart per council with the target line (and its data table), its
targets, and the history of its figures and exception notes.

A fixed number of queries whatever the number of figures: the history is the latest
``HISTORY_ROWS`` saves.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from headway.accounts.models import Membership
from headway.committee.render.charts import LineChart, Series
from headway.committee.render.svg_charts import svg_for
from headway.indicators.access import (
    may_enter_figures,
    may_manage_measures,
    may_review_figures,
    states_readable_by,
)
from headway.indicators.listing import reported_quarter
from headway.indicators.models import Figure, Measure, Target
from headway.indicators.readings import MeasureReadings, TrendPoint, readings_for, trend_for
from headway.indicators.units import format_value, places_of
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner

HISTORY_ROWS = 50
TREND_QUARTERS = 8
VALUE_COLOUR = "#1d70b8"
TARGET_COLOUR = "#505a5f"
WHOLE_SERVICE_KEY = "whole-service"


def council_key(partner: Partner | None) -> str:
    """How a figure's council is named in addresses: a partner's id, or ``whole-service``."""
    return str(partner.pk) if partner else WHOLE_SERVICE_KEY


@dataclass(frozen=True)
class TrendRow:
    quarter: str
    value: str
    target: str
    status: str


@dataclass(frozen=True)
class Trend:
    council: str
    image: str  # the chart as a data: address, for an <img>
    alt: str
    rows: list[TrendRow]


@dataclass(frozen=True)
class HistoryEntry:
    at: object
    who: str
    council: str
    period: str
    value: str
    state: str
    reason: str
    why: str
    action: str
    recovery: str


@dataclass(frozen=True)
class Slot:
    """A figure of the open period this member may enter, or review."""

    council: str
    key: str
    figure: Figure | None


@dataclass(frozen=True)
class MeasurePage:
    measure: Measure
    quarter: Quarter | None
    readings: MeasureReadings | None
    trends: list[Trend]
    targets: list[Target]
    history: list[HistoryEntry]
    open_period: ReportingPeriod | None
    slots: list[Slot]
    may_manage: bool
    may_enter: bool
    may_review: bool

    def value(self, amount: Decimal | None) -> str:
        return format_value(amount, self.measure.unit)


def _float(value: Decimal | None) -> float:
    return float(value) if value is not None else math.nan


def _trend(measure: Measure, council: str, key: int | None, points: list[TrendPoint]) -> Trend:
    values = [p.values.get(key) for p in points]
    targets = [p.targets.get(key) for p in points]
    chart = LineChart(
        title=f"{measure.name}: {council}",
        categories=tuple(p.quarter.label for p in points),
        series=(
            Series(council, VALUE_COLOUR, tuple(_float(v) for v in values)),
            Series("Target", TARGET_COLOUR, tuple(_float(t) for t in targets), dashed=True),
        ),
        category_label="Quarter",
        value_label=measure.get_unit_display(),
        # An axis around the values and the target (from 0 only for values close to it), so
        # that a percentage moving between 85 and 95 shows its movement.
        from_zero=False,
        decimals=places_of(measure.unit),
    )
    drawn = svg_for(chart).svg
    image = "data:image/svg+xml;base64," + base64.b64encode(drawn.encode()).decode()
    unit = measure.unit
    rows = [
        TrendRow(
            p.quarter.label,
            format_value(v, unit),
            format_value(t, unit),
            p.statuses[key].label if key in p.statuses else "",
        )
        for p, v, t in zip(points, values, targets, strict=True)
    ]
    latest = next(
        ((p, v) for p, v in zip(reversed(points), reversed(values), strict=True) if v is not None),
        None,
    )
    said = (
        f"{format_value(latest[1], unit)} in {latest[0].quarter.label}"
        if latest
        else "no figures yet"
    )
    alt = (
        f"Line chart of {measure.name} for {council} by quarter, with its target: {said}. "
        "The table below gives each quarter's figure and target."
    )
    return Trend(council, image, alt, rows)


def _history(measure: Measure, states: Sequence[str]) -> list[HistoryEntry]:
    records = (
        Figure.history.filter(measure_id=measure.pk, state__in=list(states))
        .select_related("history_user", "period", "partner")
        .order_by("-history_date", "-history_id")[:HISTORY_ROWS]
    )
    return [
        HistoryEntry(
            at=r.history_date,
            who=str(r.history_user) if r.history_user else "",
            council=str(r.partner) if r.partner_id else "Whole service",
            period=r.period.label if r.period_id else "",
            value=format_value(r.value, measure.unit),
            state=dict(Figure.State.choices).get(r.state, r.state),
            reason=r.history_change_reason or "",
            why=r.exception_why,
            action=r.exception_action,
            recovery=r.exception_recovery,
        )
        for r in records
    ]


def measure_page(membership: Membership, pk: int) -> MeasurePage | None:
    measure = (
        Measure.objects.of(membership.organisation_id)
        .select_related("service", "priority")
        .prefetch_related("partners")
        .filter(pk=pk)
        .first()
    )
    if measure is None:
        return None
    states = states_readable_by(membership)
    quarter = reported_quarter(membership.organisation_id)
    readings = None
    trends_list: list[Trend] = []
    if quarter is not None:
        [readings] = readings_for(membership.organisation_id, quarter, [measure], states)
        points = trend_for(measure, quarter, TREND_QUARTERS, states)
        if points:
            for row in readings.rows:
                key = row.partner.pk if row.partner else None
                trends_list.append(_trend(measure, row.partner_name, key, points))
    targets = list(
        Target.objects.filter(measure=measure)
        .select_related("partner")
        .order_by("-year", "quarter", "partner__name")
    )
    open_period = ReportingPeriod.objects.filter(
        organisation_id=membership.organisation_id, state=ReportingPeriod.State.OPEN
    ).first()
    slots = _slots(measure, open_period) if open_period else []
    return MeasurePage(
        measure=measure,
        quarter=quarter,
        readings=readings,
        trends=trends_list,
        targets=targets,
        history=_history(measure, states),
        open_period=open_period,
        slots=slots,
        may_manage=may_manage_measures(membership),
        may_enter=may_enter_figures(membership, measure),
        may_review=may_review_figures(membership, measure),
    )


def _slots(measure: Measure, period: ReportingPeriod) -> list[Slot]:
    """The figures of the open period, entered or not, per council."""
    if not measure.is_collected or not measure.is_due_in(period.quarter):
        return []
    figures = {f.partner_id: f for f in Figure.objects.filter(measure=measure, period=period)}
    partners: list[Partner] = sorted(measure.partners.all(), key=lambda p: p.name)
    councils: list[Partner | None] = [*partners]
    if measure.whole_service_is_returned:
        councils.append(None)
    return [
        Slot(
            str(p) if p else "Whole service",
            council_key(p),
            figures.get(p.pk if p else None),
        )
        for p in councils
    ]
