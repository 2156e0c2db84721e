"""The two maps the committee sees, drawn from a ``MapState``.

The priority map covers two financial years: a row per priority, and in it the initiatives
placed by horizon. "Now" is the first year (and the second too if the initiative runs into
it), "next" is the second year, "later" is beyond the two years.

The road map covers one financial year: initiatives grouped by priority across Q1-Q4, with
the milestones expected in the year.

``priority_map`` and ``road_map`` read the live data; ``*_from`` arrange a state already read
(a frozen ``MapVersion`` or a report snapshot) without touching the database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from headway.lib.fy import FinancialYear, span_label
from headway.roadmap.state import InitiativeState, MapState, PriorityState, map_state
from headway.strategy.models import Initiative, Organisation

LATER = "later"


@dataclass(frozen=True)
class MapColumn:
    key: str
    label: str
    horizon: str


@dataclass(frozen=True)
class PriorityMapRow:
    priority: PriorityState
    cells: tuple[tuple[InitiativeState, ...], ...]
    """One tuple of initiatives per column of the map, in map order."""


@dataclass(frozen=True)
class PriorityMap:
    organisation: str
    strategy: str
    first_year: int
    years_label: str
    columns: tuple[MapColumn, ...]
    rows: tuple[PriorityMapRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RoadMapQuarter:
    number: int
    label: str
    months: str
    start: str
    end: str


@dataclass(frozen=True)
class RoadMapRow:
    priority: PriorityState
    initiatives: tuple[InitiativeState, ...]
    """Initiatives planned in the year, each with only the year's milestones."""
    unscheduled: tuple[InitiativeState, ...]
    """Initiatives on the map for now whose dates are not set yet."""


@dataclass(frozen=True)
class RoadMap:
    organisation: str
    strategy: str
    year: int
    year_label: str
    quarters: tuple[RoadMapQuarter, ...]
    rows: tuple[RoadMapRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def priority_map_columns(first_year: int) -> tuple[MapColumn, ...]:
    return (
        MapColumn(FinancialYear(first_year).label, FinancialYear(first_year).label, "now"),
        MapColumn(FinancialYear(first_year + 1).label, FinancialYear(first_year + 1).label, "next"),
        MapColumn(LATER, "Later", LATER),
    )


def priority_map_columns_for(initiative: InitiativeState, first_year: int) -> tuple[int, ...]:
    """Which columns of the two-year map (0, 1, 2 = first year, second year, later) hold it."""
    start = date.fromisoformat(initiative.planned_start) if initiative.planned_start else None
    end = date.fromisoformat(initiative.planned_end) if initiative.planned_end else None
    return columns_for(initiative.horizon, start, end, first_year)


def columns_for(
    horizon: str, start: date | None, end: date | None, first_year: int
) -> tuple[int, ...]:
    """Which columns of the two-year map (0, 1, 2 = first year, second year, later) hold an
    initiative of this horizon and planned dates.

    An initiative for now sits in the years its planned dates cover: the first year (also
    when its dates are not set, or it runs late past them), the second year if it runs into
    it or starts in it, and later if it starts after the two years.
    """
    if horizon == Initiative.Horizon.NEXT:
        return (1,)
    if horizon == Initiative.Horizon.LATER:
        return (2,)
    second = FinancialYear(first_year + 1)
    if start and start > second.last_day:
        return (2,)
    columns = []
    if not start or start < second.first_day:
        columns.append(0)
    if (end and end >= second.first_day) or (start and start >= second.first_day):
        columns.append(1)
    return tuple(columns)


def priority_map_from(state: MapState, first_year: int) -> PriorityMap:
    columns = priority_map_columns(first_year)
    initiatives = state.initiatives_by_id()
    rows = []
    for priority in state.priorities:
        if not (priority.is_active_in(first_year) or priority.is_active_in(first_year + 1)):
            continue
        cells: list[list[InitiativeState]] = [[] for _ in columns]
        for initiative_id in priority.initiatives:
            initiative = initiatives[initiative_id]
            for column in priority_map_columns_for(initiative, first_year):
                cells[column].append(initiative)
        rows.append(PriorityMapRow(priority=priority, cells=tuple(tuple(c) for c in cells)))
    return PriorityMap(
        organisation=state.organisation,
        strategy=state.strategy,
        first_year=first_year,
        years_label=span_label(first_year, first_year + 1),
        columns=columns,
        rows=tuple(rows),
    )


def road_map_from(state: MapState) -> RoadMap:
    """The road map of the state's financial year."""
    year = FinancialYear(state.year)
    initiatives = state.initiatives_by_id()
    rows = []
    for priority in state.priorities:
        if not priority.is_active_in(state.year):
            continue
        placed = [initiatives[i] for i in priority.initiatives]
        rows.append(
            RoadMapRow(
                priority=priority,
                initiatives=tuple(
                    replace(i, milestones=tuple(m for m in i.milestones if m.quarter))
                    for i in placed
                    if i.quarters
                ),
                unscheduled=tuple(
                    i
                    for i in placed
                    if i.planned_start is None
                    and i.planned_end is None
                    and i.horizon == Initiative.Horizon.NOW
                ),
            )
        )
    return RoadMap(
        organisation=state.organisation,
        strategy=state.strategy,
        year=state.year,
        year_label=year.label,
        quarters=tuple(
            RoadMapQuarter(
                number=q.number,
                label=f"Q{q.number}",
                months=q.months,
                start=q.first_day.isoformat(),
                end=q.last_day.isoformat(),
            )
            for q in year.quarters()
        ),
        rows=tuple(rows),
    )


def priority_map(organisation: Organisation, first_year: int) -> PriorityMap:
    """The two-year priority map starting in financial year ``first_year``, from live data."""
    return priority_map_from(map_state(organisation, first_year), first_year)


def road_map(organisation: Organisation, year: int) -> RoadMap:
    """The road map of financial year ``year``, from live data."""
    return road_map_from(map_state(organisation, year))
