"""What a measure reads in a quarter, per partner council and for the whole service: value,
target, computed status and direction of travel. Pages, the API and the committee pack read
measures through here, in a fixed number of queries whatever the number of measures.

    readings_for(organisation_id, quarter, measures=None, states=APPROVED_ONLY)
        -> list[MeasureReadings], one per measure, each with ``rows``: one ``Reading`` per
           partner the measure is reported for (in partner-name order), then the whole service.
    trend_for(measure, last, quarters=8, states=APPROVED_ONLY) -> list[TrendPoint]
        the measure's values and targets per quarter up to ``last``, for its chart.
    trends_for(measures, last, quarters=8, states=APPROVED_ONLY) -> {measure id: [TrendPoint]}
        the same for many measures at once (the committee pack's charts).

``states`` chooses which figures count: the pack counts approved figures only; a page shows
figures still in the cycle to those who may read them (``headway.indicators.access``).
Direction of travel compares with the previous quarter (short term) and the same quarter a
year before (long term). The whole service's figure is computed from the partners' (sum or
weighted average, to the places its unit is shown to), unless the measure has the whole
service make its own return.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from headway.indicators import status as rules
from headway.indicators.models import Figure, Measure, Target
from headway.indicators.units import places_of
from headway.lib.fy import Quarter
from headway.strategy.models import Partner

APPROVED_ONLY: tuple[str, ...] = (Figure.State.APPROVED,)
EVERY_STATE: tuple[str, ...] = tuple(Figure.State.values)


@dataclass(frozen=True)
class Reading:
    """One row of a measure in a quarter: a partner council, or the whole service."""

    partner: Partner | None  # None: the whole service
    value: Decimal | None
    goal: rules.Goal | None
    status: rules.Status
    previous: Decimal | None  # the previous quarter's value
    last_year: Decimal | None  # the same quarter's value a year before
    short_term: rules.Direction
    long_term: rules.Direction
    figure: Figure | None = None  # the figure entered, if any (None when computed)
    computed: bool = False  # the whole service's figure, from the partners'

    @property
    def partner_name(self) -> str:
        return str(self.partner) if self.partner else "Whole service"

    @property
    def target(self) -> Decimal | None:
        return self.goal.value if self.goal else None

    @property
    def is_off_target(self) -> bool:
        return self.status == rules.Status.OFF_TARGET


@dataclass(frozen=True)
class MeasureReadings:
    measure: Measure
    quarter: Quarter
    rows: list[Reading] = field(default_factory=list)

    @property
    def whole_service(self) -> Reading:
        return self.rows[-1]

    @property
    def worst(self) -> rules.Status:
        """The worst status of its rows, what a list shows for the measure."""
        present = {row.status for row in self.rows}
        return next(s for s in rules.STATUS_ORDER if s in present)

    @property
    def off_target(self) -> list[Reading]:
        return [row for row in self.rows if row.is_off_target]


@dataclass(frozen=True)
class TrendPoint:
    quarter: Quarter
    values: dict[int | None, Decimal | None]  # by partner id; None is the whole service
    targets: dict[int | None, Decimal | None]
    statuses: dict[int | None, rules.Status] = field(default_factory=dict)


# A figure's key: (measure id, year, quarter, partner id or None).
Key = tuple[int, int, int, int | None]


def _figures(
    measure_ids: Sequence[int], quarters: Iterable[Quarter], states: Sequence[str]
) -> dict[Key, Figure]:
    wanted = Q()
    for quarter in quarters:
        wanted |= Q(period__year=quarter.year, period__quarter=quarter.number)
    rows = Figure.objects.filter(wanted, measure_id__in=measure_ids, state__in=states)
    return {
        (f.measure_id, f.period.year, f.period.quarter, f.partner_id): f
        for f in rows.select_related("period", "entered_by", "reviewed_by")
    }


def _targets(measure_ids: Sequence[int], years: Iterable[int]) -> dict[Key, Target]:
    """Targets by (measure, year, quarter or 0 for the whole year, partner)."""
    rows = Target.objects.filter(measure_id__in=measure_ids, year__in=set(years))
    return {(t.measure_id, t.year, t.quarter or 0, t.partner_id): t for t in rows}


def goal_of(
    targets: dict[Key, Target], measure_id: int, quarter: Quarter, partner_id: int | None
) -> rules.Goal | None:
    """The quarter's own target, or else the year's."""
    for number in (quarter.number, 0):
        target = targets.get((measure_id, quarter.year, number, partner_id))
        if target is not None:
            return target.goal
    return None


def _value_of(
    measure: Measure,
    partners: list[Partner],
    figures: dict[Key, Figure],
    quarter: Quarter,
    partner_id: int | None,
) -> tuple[Decimal | None, Figure | None]:
    """A partner's value as entered, or the whole service's: entered or computed."""
    if partner_id is not None or measure.whole_service_is_returned:
        figure = figures.get((measure.pk, quarter.year, quarter.number, partner_id))
        return (figure.value if figure else None), figure
    parts = []
    for partner in partners:
        figure = figures.get((measure.pk, quarter.year, quarter.number, partner.pk))
        parts.append(
            rules.PartnerFigure(figure.value, figure.weight)
            if figure is not None and figure.value is not None
            else None
        )
    return rules.whole_service(measure.aggregation, parts, places_of(measure.unit)), None


def _partners(measure: Measure) -> list[Partner]:
    return sorted(measure.partners.all(), key=lambda p: (p.name, p.pk))


def readings_for(
    organisation_id: int,
    quarter: Quarter,
    measures: Iterable[Measure] | None = None,
    states: Sequence[str] = APPROVED_ONLY,
) -> list[MeasureReadings]:
    """Each measure's rows in ``quarter`` (all the organisation's collected measures, in
    reference order, by default). Measures passed in should have ``partners`` prefetched."""
    if measures is None:
        chosen = list(
            Measure.objects.of(organisation_id)
            .collected()
            .select_related("service", "priority")
            .prefetch_related("partners")
            .order_by("reference")
        )
    else:
        chosen = [m for m in measures if m.organisation_id == organisation_id]
    ids = [m.pk for m in chosen]
    previous, last_year = quarter.previous(), Quarter(quarter.year - 1, quarter.number)
    figures = _figures(ids, {quarter, previous, last_year}, states)
    targets = _targets(ids, {quarter.year})
    result = []
    for measure in chosen:
        partners = _partners(measure)
        rows = []
        for partner in [*partners, None]:
            pid = partner.pk if partner else None
            value, figure = _value_of(measure, partners, figures, quarter, pid)
            before, _ = _value_of(measure, partners, figures, previous, pid)
            year_ago, _ = _value_of(measure, partners, figures, last_year, pid)
            goal = goal_of(targets, measure.pk, quarter, pid)
            polarity = measure.polarity_value
            rows.append(
                Reading(
                    partner=partner,
                    value=value,
                    goal=goal,
                    status=rules.status(value, goal, polarity),
                    previous=before,
                    last_year=year_ago,
                    short_term=rules.direction(value, before, polarity),
                    long_term=rules.direction(value, year_ago, polarity),
                    figure=figure,
                    computed=pid is None and not measure.whole_service_is_returned,
                )
            )
        result.append(MeasureReadings(measure, quarter, rows))
    return result


def quarters_up_to(last: Quarter, count: int) -> list[Quarter]:
    """``count`` quarters ending with ``last``, oldest first."""
    quarters = [last]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


def trends_for(
    measures: Sequence[Measure],
    last: Quarter,
    quarters: int = 8,
    states: Sequence[str] = APPROVED_ONLY,
) -> dict[int, list[TrendPoint]]:
    """``trend_for`` for each of these measures, by measure id, in two queries whatever
    their number (measures should have ``partners`` prefetched)."""
    span = quarters_up_to(last, quarters)
    ids = [m.pk for m in measures]
    figures = _figures(ids, span, states)
    targets = _targets(ids, {q.year for q in span})
    return {m.pk: _trend(m, span, figures, targets) for m in measures}


def trend_for(
    measure: Measure, last: Quarter, quarters: int = 8, states: Sequence[str] = APPROVED_ONLY
) -> list[TrendPoint]:
    """The measure's values and targets for each partner and the whole service, quarter by
    quarter up to ``last``: from the first quarter with a figure, at most ``quarters`` long."""
    return trends_for([measure], last, quarters, states)[measure.pk]


def _trend(
    measure: Measure,
    span: list[Quarter],
    figures: dict[Key, Figure],
    targets: dict[Key, Target],
) -> list[TrendPoint]:
    partners = _partners(measure)
    keys: list[int | None] = [*(p.pk for p in partners), None]
    points = []
    for quarter in span:
        values = {k: _value_of(measure, partners, figures, quarter, k)[0] for k in keys}
        goals = {k: goal_of(targets, measure.pk, quarter, k) for k in keys}
        points.append(
            TrendPoint(
                quarter,
                values,
                {k: g.value if g else None for k, g in goals.items()},
                {k: rules.status(values[k], goals[k], measure.polarity) for k in keys},
            )
        )
    while points and all(v is None for v in points[0].values.values()):
        points.pop(0)
    return points


def counts_by_status(readings: Iterable[MeasureReadings]) -> dict[rules.Status, int]:
    """How many rows (a measure's partner or whole service) have each status, worst first."""
    counts: dict[rules.Status, int] = defaultdict(int)
    for measure in readings:
        for row in measure.rows:
            counts[row.status] += 1
    return {s: counts[s] for s in rules.STATUS_ORDER}
