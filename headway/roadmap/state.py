"""The state of an organisation's maps, read from the live data as plain values.

A ``MapState`` is what the priority map and the road map are drawn from, what a
``MapVersion`` freezes after each agreed change, and what a report snapshot carries: so it
holds only JSON-able values (dates as ISO strings) and round-trips through ``to_dict`` and
``from_dict``. Reading it costs the same handful of queries however large the portfolio.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from headway.lib.fy import FinancialYear, Quarter
from headway.strategy.models import Initiative, Milestone, Organisation, Priority, Strategy


@dataclass(frozen=True)
class MilestoneState:
    title: str
    due: str
    expected: str
    completed_on: str | None
    has_slipped: bool
    quarter: int | None
    """The quarter of the state's financial year in which it is expected, if it falls in it."""


@dataclass(frozen=True)
class InitiativeState:
    id: int
    title: str
    reference: str
    kind: str
    service: str
    status: str
    is_key_project: bool
    horizon: str
    position: int
    planned_start: str | None
    planned_end: str | None
    priorities: tuple[int, ...]
    """Ids of its priorities in the state's strategy, in priority order."""
    partners: tuple[str, ...]
    quarters: tuple[int, ...]
    """The quarters of the state's financial year that its planned dates cover."""
    milestones: tuple[MilestoneState, ...]


@dataclass(frozen=True)
class PriorityState:
    id: int
    number: int
    title: str
    active_from: int | None
    active_to: int | None
    initiatives: tuple[int, ...]
    """Ids of the initiatives on the map under this priority, in map order."""

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"

    def is_active_in(self, year: int) -> bool:
        return (self.active_from or 0) <= year <= (self.active_to or 9999)


@dataclass(frozen=True)
class MapState:
    organisation: str
    strategy_id: int | None
    strategy: str
    year: int
    year_label: str
    priorities: tuple[PriorityState, ...]
    initiatives: tuple[InitiativeState, ...]
    """Every initiative on the map, by id."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MapState:
        return cls(
            organisation=data["organisation"],
            strategy_id=data["strategy_id"],
            strategy=data["strategy"],
            year=data["year"],
            year_label=data["year_label"],
            priorities=tuple(
                PriorityState(**{**p, "initiatives": tuple(p["initiatives"])})
                for p in data["priorities"]
            ),
            initiatives=tuple(
                InitiativeState(
                    **{
                        **i,
                        "priorities": tuple(i["priorities"]),
                        "partners": tuple(i["partners"]),
                        "quarters": tuple(i["quarters"]),
                        "milestones": tuple(MilestoneState(**m) for m in i["milestones"]),
                    }
                )
                for i in data["initiatives"]
            ),
        )

    def initiatives_by_id(self) -> dict[int, InitiativeState]:
        return {i.id: i for i in self.initiatives}

    def priorities_by_id(self) -> dict[int, PriorityState]:
        return {p.id: p for p in self.priorities}


def strategy_for_year(organisation: Organisation | int, year: int) -> Strategy | None:
    """The strategy that covers the financial year, else the organisation's latest."""
    strategies = Strategy.objects.filter(organisation=organisation).order_by("-first_year", "id")
    covering = strategies.filter(first_year__lte=year, last_year__gte=year)
    return covering.first() or strategies.first()


def quarters_covered(start: date | None, end: date | None, year: FinancialYear) -> tuple[int, ...]:
    """The quarters of ``year`` that the span from ``start`` to ``end`` touches.

    A span with only one end known covers that end's quarter alone.
    """
    start = start or end
    end = end or start
    if start is None or end is None:
        return ()
    return tuple(q.number for q in year.quarters() if start <= q.last_day and end >= q.first_day)


def _quarter_in(day: date, year: FinancialYear) -> int | None:
    quarter = Quarter.of(day)
    return quarter.number if quarter.year == year.start else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _milestone_state(
    title: str, due: date, forecast: date | None, completed_on: date | None, year: FinancialYear
) -> MilestoneState:
    """As ``Milestone.expected`` and ``Milestone.has_slipped`` read them, from the values."""
    expected = completed_on or forecast or due
    actual = completed_on or forecast
    return MilestoneState(
        title=title,
        due=due.isoformat(),
        expected=expected.isoformat(),
        completed_on=_day(completed_on),
        has_slipped=bool(actual and due and actual > due),
        quarter=_quarter_in(expected, year),
    )


def _order_key(initiative: InitiativeState | MapEntry) -> tuple[int, str, int]:
    return (initiative.position, initiative.title.casefold(), initiative.id)


def on_map(
    organisation: Organisation, strategy: Strategy, narrow: Q | None = None
) -> QuerySet[Initiative, Any]:
    """The ids of the initiatives on the maps of the strategy (those ``narrow`` keeps), as a
    subquery: an initiative under two priorities is listed twice."""
    initiatives = Initiative.objects.filter(
        organisation=organisation, priorities__strategy=strategy
    )
    if narrow is not None:
        initiatives = initiatives.filter(narrow)
    return initiatives.exclude(status__in=Initiative.OFF_MAP_STATUSES).values("id")


@dataclass(frozen=True)
class MapEntry:
    """Just enough of an initiative to place it on a map and in map order: what a page reads
    of a large priority to choose the rows it draws."""

    id: int
    title: str
    position: int
    horizon: str
    planned_start: date | None
    planned_end: date | None


def map_entries(
    organisation: Organisation, priority: Priority, narrow: Q | None = None
) -> list[MapEntry]:
    """The initiatives on the maps under the priority that ``narrow`` keeps, in map order:
    one query, of a few columns."""
    rows = (
        Initiative.objects.filter(organisation=organisation, priorities=priority)
        .filter(narrow or Q())
        .exclude(status__in=Initiative.OFF_MAP_STATUSES)
        .values_list("id", "title", "map_position", "horizon", "planned_start", "planned_end")
    )
    return sorted((MapEntry(*row) for row in rows), key=_order_key)


def map_state(
    organisation: Organisation,
    year: int,
    strategy: Strategy | None = None,
    narrow: Q | None = None,
    priorities: list[Priority] | None = None,
) -> MapState:
    """The maps as they stand now, with quarters counted in the financial year ``year``.

    Initiatives that are completed, deprioritised or cancelled have left the maps. Priorities
    come from the strategy covering ``year`` (else the latest strategy), unless the caller
    read it (and its ``priorities``, in number order) already. ``narrow`` (a condition on
    initiatives) keeps only the part of the maps a page shows: a state so narrowed is for
    drawing that part, never to be kept.
    """
    financial_year = FinancialYear(year)
    strategy = strategy or strategy_for_year(organisation, year)
    if strategy is None:
        return MapState(
            organisation=organisation.display_name,
            strategy_id=None,
            strategy="",
            year=year,
            year_label=financial_year.label,
            priorities=(),
            initiatives=(),
        )
    if priorities is None:
        priorities = list(strategy.priorities.order_by("number"))
    priority_ids = {p.id for p in priorities}
    shown = on_map(organisation, strategy, narrow)
    # Plain values, not model instances: one map of 10,000 initiatives would build tens of
    # thousands of objects only to read a few fields from each.
    under: dict[int, list[int]] = defaultdict(list)
    for initiative_id, priority_id in (
        Initiative.priorities.through.objects.filter(
            initiative__in=shown, priority__strategy=strategy
        )
        .order_by("priority__number", "priority_id")
        .values_list("initiative_id", "priority_id")
    ):
        under[initiative_id].append(priority_id)
    partners: dict[int, list[str]] = defaultdict(list)
    for initiative_id, name, short_name in (
        Initiative.partners.through.objects.filter(initiative__in=shown)
        .order_by("partner__name", "partner_id")
        .values_list("initiative_id", "partner__name", "partner__short_name")
    ):
        partners[initiative_id].append(short_name or name)
    milestones: dict[int, list[MilestoneState]] = defaultdict(list)
    for initiative_id, title, due, forecast, completed_on in (
        Milestone.objects.filter(initiative__in=shown)
        .order_by("due", "id")
        .values_list("initiative_id", "title", "due", "forecast", "completed_on")
    ):
        milestones[initiative_id].append(
            _milestone_state(title, due, forecast, completed_on, financial_year)
        )
    rows = (
        Initiative.objects.filter(id__in=shown)
        .order_by("id")
        .values_list(
            "id",
            "title",
            "external_reference",
            "kind",
            "service__name",
            "status",
            "is_key_project",
            "horizon",
            "map_position",
            "planned_start",
            "planned_end",
        )
    )
    initiatives = [
        InitiativeState(
            id=id,
            title=title,
            reference=reference,
            kind=kind,
            service=service,
            status=status,
            is_key_project=is_key_project,
            horizon=horizon,
            position=position,
            planned_start=_day(start),
            planned_end=_day(end),
            priorities=tuple(p for p in under[id] if p in priority_ids),
            partners=tuple(partners[id]),
            quarters=quarters_covered(start, end, financial_year),
            milestones=tuple(milestones[id]),
        )
        for (
            id,
            title,
            reference,
            kind,
            service,
            status,
            is_key_project,
            horizon,
            position,
            start,
            end,
        ) in rows
    ]
    in_map_order = sorted(initiatives, key=_order_key)
    return MapState(
        organisation=organisation.display_name,
        strategy_id=strategy.id,
        strategy=strategy.title,
        year=year,
        year_label=financial_year.label,
        priorities=tuple(
            PriorityState(
                id=p.id,
                number=p.number,
                title=p.title,
                active_from=p.active_from,
                active_to=p.active_to,
                initiatives=tuple(i.id for i in in_map_order if p.id in i.priorities),
            )
            for p in priorities
        ),
        initiatives=tuple(initiatives),
    )
