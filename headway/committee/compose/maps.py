"""The road map and priority map as the report shows them, from a snapshot's data."""

from __future__ import annotations

from datetime import date
from typing import Any

from headway.committee.render.charts import GanttChart, GanttRow, Milestone, Period
from headway.lib.fy import FinancialYear
from headway.roadmap.maps import priority_map_from, road_map_from
from headway.roadmap.state import MapState

Data = dict[str, Any]
# A priority map row: the priority's label and the titles in each of its columns, sorted.
MapRow = tuple[str, tuple[tuple[str, ...], ...]]

# Kinds that are planned pieces of delivery, shown on the road map; BAU runs all year.
ROAD_MAP_KINDS = ("project", "activity", "service_plan_action")
OFF_THE_MAPS = ("deprioritised", "cancelled")
# A road map bar whose initiative has no approved status this quarter: its status and colour.
NO_UPDATE = ("No update", "#505a5f")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _status_of(data: Data) -> dict[int, Data]:
    values = {v["code"]: v for v in data["status_scale"]}
    return {
        u["initiative"]: values[u["status"]]
        for u in data["updates"]["current"]
        if u["status"] in values
    }


def road_map_chart(data: Data) -> GanttChart:
    """Initiatives grouped by priority across the four quarters of the report's year: the
    maps frozen in the snapshot if it holds them, else derived from its initiatives."""
    year = FinancialYear(data["period"]["year"])
    status = _status_of(data)
    priority_of = {p["id"]: p for p in data["priorities"]}
    rows: list[tuple[int, GanttRow]] = []
    if data.get("maps"):
        # Each initiative once, under its first priority, as the derivation below does.
        frozen = road_map_from(MapState.from_dict(data["maps"]))
        placed = {i.id: (r.priority, i) for r in reversed(frozen.rows) for i in r.initiatives}
        for priority, i in placed.values():
            start, end = (
                _day(i.planned_start or i.planned_end),
                _day(i.planned_end or i.planned_start),
            )
            if i.kind in ROAD_MAP_KINDS and start and end:
                value = status.get(i.id)
                rows.append(
                    (
                        priority.number,
                        GanttRow(
                            group=priority.label,
                            label=i.title,
                            start=max(start, year.first_day),
                            end=min(end, year.last_day),
                            status=value["label"] if value else NO_UPDATE[0],
                            colour=value["colour"] if value else NO_UPDATE[1],
                            milestones=tuple(
                                Milestone(m.title, date.fromisoformat(m.expected))
                                for m in i.milestones
                            ),
                        ),
                    )
                )
    for initiative in [] if data.get("maps") else data["initiatives"]:
        start, end = _day(initiative["planned_start"]), _day(initiative["planned_end"])
        if (
            initiative["kind"] not in ROAD_MAP_KINDS
            or initiative["status"] in OFF_THE_MAPS
            or not initiative["priorities"]
            or start is None
            or end is None
            or end < year.first_day
            or start > year.last_day
        ):
            continue
        first = min(initiative["priorities"], key=lambda p: priority_of[p]["number"])
        value = status.get(initiative["id"])
        rows.append(
            (
                priority_of[first]["number"],
                GanttRow(
                    group=f"{priority_of[first]['number']}. {priority_of[first]['title']}",
                    label=initiative["title"],
                    start=max(start, year.first_day),
                    end=min(end, year.last_day),
                    status=value["label"] if value else NO_UPDATE[0],
                    colour=value["colour"] if value else NO_UPDATE[1],
                    milestones=tuple(
                        Milestone(m["title"], _day(m["forecast"] or m["due"]))  # type: ignore[arg-type]
                        for m in initiative["milestones"]
                        if year.first_day <= _day(m["forecast"] or m["due"]) <= year.last_day  # type: ignore[operator]
                    ),
                ),
            )
        )
    rows.sort(key=lambda pair: (pair[0], pair[1].start, pair[1].label))
    key = tuple((v["label"], v["colour"]) for v in data["status_scale"])
    # A bar with no approved status is grey: the key says so whenever the map shows one.
    if any(row.status == NO_UPDATE[0] for _, row in rows):
        key += (NO_UPDATE,)
    return GanttChart(
        title=f"Road map {year.label}",
        periods=tuple(
            Period(f"Q{q.number} {q.months.replace(' - ', '-')}", q.first_day, q.last_day)
            for q in year.quarters()
        ),
        rows=tuple(row for _, row in rows),
        key=key,
    )


def priority_map_rows(data: Data) -> tuple[tuple[str, ...], list[MapRow]]:
    """Priorities as rows; the initiatives under each in this year, next year and later: from
    the maps frozen in the snapshot if it holds them, else derived from its initiatives."""
    this_year = FinancialYear(data["period"]["year"])
    next_year = this_year.next()
    header = ("Priority", f"{this_year.label} (now)", f"{next_year.label} (next)", "Later")
    if data.get("maps"):
        frozen = priority_map_from(MapState.from_dict(data["maps"]), this_year.start)
        return header, [
            (r.priority.label, tuple(tuple(sorted(i.title for i in c)) for c in r.cells))
            for r in frozen.rows
        ]
    rows: list[MapRow] = []
    for priority in data["priorities"]:
        columns: list[list[str]] = [[], [], []]
        for initiative in data["initiatives"]:
            if priority["id"] not in initiative["priorities"]:
                continue
            if initiative["status"] in (*OFF_THE_MAPS, "completed"):
                continue
            start = _day(initiative["planned_start"]) or this_year.first_day
            end = _day(initiative["planned_end"]) or next_year.last_day
            if start <= this_year.last_day and end >= this_year.first_day:
                columns[0].append(initiative["title"])
            if start <= next_year.last_day and end >= next_year.first_day:
                columns[1].append(initiative["title"])
            if start > next_year.last_day:
                columns[2].append(initiative["title"])
        rows.append(
            (f"{priority['number']}. {priority['title']}", tuple(tuple(sorted(c)) for c in columns))
        )
    return header, rows
