"""Draft Appendix 1, the slide deck, from a snapshot's data.

The slides follow what the Joint Committee is shown each quarter: the priorities, each
priority's initiatives and their status, key activities from services, the key projects,
the road map for the year, the priority map for two years, what changed since the last
quarter and the focus for the coming months.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from headway.committee.compose.cover import milestones_due_next_quarter, title_without_years
from headway.committee.compose.figures import movements, status_by_priority
from headway.committee.compose.maps import priority_map_rows, road_map_chart
from headway.committee.document import (
    BulletList,
    Figure,
    OrderedList,
    Paragraph,
    Slide,
    SlideDeck,
    Status,
    Table,
)
from headway.committee.render.charts import BarChart, LineChart, Series
from headway.lib.fy import span_label
from headway.lib.words import join_words, plural

Data = dict[str, Any]
ROWS_PER_SLIDE = 8


def _statuses(data: Data) -> dict[str, Data]:
    return {value["code"]: value for value in data["status_scale"]}


def _status_cell(data: Data, code: str | None) -> Status | str:
    value = _statuses(data).get(code or "")
    return Status(value["label"], value["colour"]) if value else "No update"


def _headline(update: Data | None) -> str:
    if update is None:
        return "No approved update this quarter."
    text = (update["narrative"] or update["achievements"] or "").strip()
    first = text.split(". ")[0].rstrip(".")
    return f"{first}." if first else "No narrative given."


def _pages(rows: list[Any]) -> list[list[Any]]:
    return [rows[k : k + ROWS_PER_SLIDE] for k in range(0, len(rows), ROWS_PER_SLIDE)] or [[]]


def _paged_table_slides(
    title: str, caption: str, header: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> list[Slide]:
    pages = _pages(rows)
    slides = []
    for number, chunk in enumerate(pages, start=1):
        suffix = f" ({number} of {len(pages)})" if len(pages) > 1 else ""
        if not chunk:
            slides.append(Slide(title, (Paragraph.of("Nothing to report this quarter."),)))
            continue
        table = Table(f"{caption}{suffix}", header, tuple(chunk), row_headers=True)
        slides.append(Slide(f"{title}{suffix}", (table,)))
    return slides


def brag_by_priority_chart(data: Data) -> BarChart:
    rows = status_by_priority(data)
    return BarChart(
        title=f"Initiatives by status and priority, {data['period']['label']}",
        categories=tuple(f"{p['number']}. {p['title']}" for p, _ in rows),
        series=tuple(
            Series(
                value["label"],
                value["colour"],
                tuple(float(counts[i].count) for _, counts in rows),
            )
            for i, value in enumerate(data["status_scale"])
        ),
    )


def _brag_alt(data: Data) -> str:
    counts = status_by_priority(data)
    busiest = max(counts, key=lambda row: sum(c.count for c in row[1]), default=None)
    text = (
        f"Stacked bar chart of the {data['period']['label']} returns by status for each of "
        f"the {len(counts)} priorities"
    )
    if busiest:
        text += f"; priority {busiest[0]['number']} has the most initiatives"
    return text + ". The table that follows gives every count."


def trend_chart(data: Data) -> LineChart | None:
    trend = data.get("trend") or []
    if len(trend) < 2:
        return None
    return LineChart(
        title=f"Returns by status, {trend[0]['label']} to {trend[-1]['label']}",
        categories=tuple(point["label"] for point in trend),
        series=tuple(
            Series(
                value["label"],
                value["colour"],
                tuple(float(point["counts"].get(value["code"], 0)) for point in trend),
            )
            for value in data["status_scale"]
        ),
    )


def _priority_slides(data: Data) -> list[Slide]:
    updates = {u["initiative"]: u for u in data["updates"]["current"]}
    services = {s["id"]: s["name"] for s in data["services"]}
    slides = []
    for priority in data["priorities"]:
        rows = [
            (
                i["title"],
                services.get(i["service"], ""),
                _status_cell(data, updates.get(i["id"], {}).get("status")),
                _headline(updates.get(i["id"])),
            )
            for i in data["initiatives"]
            if priority["id"] in i["priorities"] and i["id"] in updates
        ]
        slides += _paged_table_slides(
            f"Priority {priority['number']}: {priority['title']}",
            f"Initiatives under priority {priority['number']}, {data['period']['label']}",
            ("Initiative", "Service", "Status", "Headline progress"),
            rows,
        )
    return slides


def _key_activities(data: Data) -> list[Slide]:
    updates = {u["initiative"]: u for u in data["updates"]["current"]}
    services = {s["id"]: s["name"] for s in data["services"]}
    by_service: dict[str, list[str]] = {}
    for initiative in data["initiatives"]:
        update = updates.get(initiative["id"])
        if initiative["is_key_project"] or not update or not update["achievements"].strip():
            continue
        line = f"{initiative['title']}: {update['achievements'].strip()}"
        by_service.setdefault(services.get(initiative["service"], ""), []).append(line)
    rows = [(service, " ".join(lines)) for service, lines in sorted(by_service.items())]
    return _paged_table_slides(
        "Key activities from services",
        f"Key activities from services, {data['period']['label']}",
        ("Service", "Activities this quarter"),
        rows,
    )


def _key_projects(data: Data) -> list[Slide]:
    updates = {u["initiative"]: u for u in data["updates"]["current"]}
    rows = [
        (
            i["title"],
            _status_cell(data, updates[i["id"]]["status"]),
            updates[i["id"]]["narrative"].strip() or "No narrative given.",
            updates[i["id"]]["next_steps"].strip() or "None given.",
        )
        for i in data["initiatives"]
        if i["is_key_project"] and i["id"] in updates
    ]
    return _paged_table_slides(
        "Key projects",
        f"Key projects, {data['period']['label']}",
        ("Project", "Status", "Progress", "Next steps"),
        rows,
    )


def changes_since_last_quarter(data: Data) -> list[str]:
    """One line per change: new, completed, deprioritised, status moves, slipped milestones."""
    statuses = _statuses(data)
    titles = {i["id"]: i["title"] for i in data["initiatives"]}
    moved = movements(data)
    lines: list[str] = []
    for change in data.get("map_changes") or []:
        lines.append(f"{change['summary']} ({change['outcome']}).")
    if data["updates"]["previous"] and moved.newly_reported:
        names = [titles[i] for i in moved.newly_reported if i in titles]
        lines.append(f"Reported for the first time: {join_words(names)}.")
    complete = {c for c, v in statuses.items() if v["means_complete"]}
    done = [
        titles[u["initiative"]]
        for u in data["updates"]["current"]
        if u["status"] in complete
        and not any(
            p["initiative"] == u["initiative"] and p["status"] in complete
            for p in data["updates"]["previous"]
        )
    ]
    if done:
        lines.append(f"Completed: {join_words(done)}.")
    paused = [i["title"] for i in data["initiatives"] if i["status"] == "deprioritised"]
    if paused:
        lines.append(f"Deprioritised: {join_words(paused)}.")
    for move in moved.improved + moved.worsened:
        before, after = statuses[move.before]["label"], statuses[move.after]["label"]
        lines.append(f"{move.title}: {before} to {after}.")
    slipped = _slipped_milestones(data)
    if slipped:
        lines.append(f"{plural(len(slipped), 'milestone').capitalize()} now forecast late:")
        lines += [
            f"{title}: {m['title']}, due {m['due']}, now {m['forecast']}." for title, m in slipped
        ]
    return lines or ["No changes since the last quarter."]


def _slipped_milestones(data: Data) -> list[tuple[str, Data]]:
    period = data["period"]
    return [
        (i["title"], m)
        for i in data["initiatives"]
        for m in i["milestones"]
        if not m["completed_on"]
        and m["forecast"]
        and m["forecast"] > m["due"]
        and m["due"] <= period["end"]
        and m["due"] >= (data.get("previous_period") or period)["start"]
    ]


def _focus(data: Data) -> list[str]:
    due = milestones_due_next_quarter(data)
    lines = [
        f"{initiative['title']}: {milestone['title']} "
        f"({date.fromisoformat(milestone['forecast'] or milestone['due']):%-d %B %Y})"
        for initiative, milestone in sorted(due, key=lambda im: im[1]["forecast"] or im[1]["due"])
    ]
    return lines or ["No milestones fall due in the coming quarter."]


def _bullets_slides(title: str, lines: list[str]) -> list[Slide]:
    pages = _pages(lines)
    slides = []
    for number, chunk in enumerate(pages, start=1):
        suffix = f" ({number} of {len(pages)})" if len(pages) > 1 else ""
        slides.append(Slide(title + suffix, (BulletList.of(*chunk),)))
    return slides


def compose_appendix(data: Data, committee: str, meeting: date) -> SlideDeck:
    period = data["period"]
    strategy = data["strategy"] or {"title": "Strategy"}
    brag = brag_by_priority_chart(data)
    overview: list[Any] = [
        Paragraph.of(
            f"{len(data['updates']['current'])} initiatives reported in {period['label']}."
        ),
        Figure(brag, alt=_brag_alt(data)),
    ]
    trend = trend_chart(data)
    slides = [
        Slide(
            "Our strategic priorities",
            (OrderedList.of(*(p["title"] for p in data["priorities"])),),
        ),
        Slide("Progress at a glance", tuple(overview)),
    ]
    if trend:
        slides.append(
            Slide(
                "Progress over the year",
                (
                    Figure(
                        trend,
                        alt=f"Line chart of returns by status in each quarter from "
                        f"{trend.categories[0]} to {trend.categories[-1]}. The table that "
                        "follows gives every count.",
                    ),
                ),
            )
        )
    slides += _priority_slides(data)
    slides += _key_activities(data)
    slides += _key_projects(data)
    road_map = road_map_chart(data)
    slides.append(
        Slide(
            f"Road map {period['financial_year']}",
            (
                Figure(
                    road_map,
                    alt=f"Road map of {len(road_map.rows)} initiatives across the four quarters "
                    f"of {period['financial_year']}, grouped by priority, with their "
                    "milestones. The table that follows lists each one.",
                ),
            ),
        )
    )
    header, rows = priority_map_rows(data)
    slides += _paged_table_slides(
        f"Priority map {span_label(period['year'], period['year'] + 1)}",
        "Priority map: initiatives by priority, year and horizon",
        header,
        rows,
    )
    slides += _bullets_slides("Changes since the last quarter", changes_since_last_quarter(data))
    slides += _bullets_slides("Focus for the coming months", _focus(data))
    return SlideDeck(
        title=f"{title_without_years(strategy['title'])} {period['financial_year']} progress "
        f"\N{EN DASH} Q{period['quarter']}",
        subtitle=f"Appendix 1 to the report to the {committee}, {meeting:%-d %B %Y}",
        slides=tuple(slides),
    )
