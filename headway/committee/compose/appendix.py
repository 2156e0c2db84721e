"""Draft Appendix 1, the slide deck, from a snapshot's data.

The slides follow what the Joint Committee is shown each quarter: the priorities, each
priority's initiatives and their status, key activities from services, the key projects,
the road map for the year, the priority map for two years, what changed since the last
quarter and the focus for the coming months.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from headway.committee.compose.cover import milestones_due_next_quarter, title_without_years
from headway.committee.compose.figures import movements, status_by_priority
from headway.committee.compose.maps import MapRow, priority_map_rows, road_map_chart
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
from headway.committee.render.charts import BarChart, GanttChart, LineChart, Series
from headway.committee.slide_fit import bullet_pages, table_pages
from headway.lib.fy import span_label
from headway.lib.words import join_words, plural

Data = dict[str, Any]
# What can still be read from the back of a committee room: table rows and bullets on a slide
# (fewer when they are long: see slide_fit), road map bars, initiatives named in one priority
# map cell and in one bullet.
ROWS_PER_SLIDE = 8
ROAD_MAP_ROWS = 10
TITLES_PER_CELL = 8
NAMES_PER_BULLET = 6


def _statuses(data: Data) -> dict[str, Data]:
    return {value["code"]: value for value in data["status_scale"]}


def _status_cell(statuses: dict[str, Data], code: str | None) -> Status | str:
    value = statuses.get(code or "")
    return Status(value["label"], value["colour"]) if value else "No update"


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[k : k + size] for k in range(0, len(items), size)]


def _headline(update: Data | None) -> str:
    if update is None:
        return "No approved update this quarter."
    text = (update["narrative"] or update["achievements"] or "").strip()
    first = text.split(". ")[0].rstrip(".")
    return f"{first}." if first else "No narrative given."


def _suffix(number: int, count: int) -> str:
    return f" ({number} of {count})" if count > 1 else ""


def _paged_table_slides(
    title: str, caption: str, header: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> list[Slide]:
    pages = table_pages(header, rows, ROWS_PER_SLIDE) or [[]]
    slides = []
    for number, chunk in enumerate(pages, start=1):
        suffix = _suffix(number, len(pages))
        if not chunk:
            slides.append(Slide(title, (Paragraph.of("Nothing to report this quarter."),)))
            continue
        table = Table(f"{caption}{suffix}", header, tuple(chunk), row_headers=True)
        slides.append(Slide(f"{title}{suffix}", (table,), continues=number > 1))
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
    statuses = _statuses(data)
    slides = []
    for priority in data["priorities"]:
        rows = [
            (
                i["title"],
                services.get(i["service"], ""),
                _status_cell(statuses, updates.get(i["id"], {}).get("status")),
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
    """A row per initiative with achievements this quarter, by service: a service's whole
    quarter in one cell would not fit a slide once it runs more than a few initiatives."""
    updates = {u["initiative"]: u for u in data["updates"]["current"]}
    services = {s["id"]: s["name"] for s in data["services"]}
    rows = sorted(
        (services.get(initiative["service"], ""), initiative["title"], achievements)
        for initiative in data["initiatives"]
        if not initiative["is_key_project"]
        and (achievements := (updates.get(initiative["id"]) or {}).get("achievements", "").strip())
    )
    return _paged_table_slides(
        "Key activities from services",
        f"Key activities from services, {data['period']['label']}",
        ("Service", "Initiative", "Activities this quarter"),
        rows,
    )


def _key_projects(data: Data) -> list[Slide]:
    updates = {u["initiative"]: u for u in data["updates"]["current"]}
    statuses = _statuses(data)
    rows = [
        (
            i["title"],
            _status_cell(statuses, updates[i["id"]]["status"]),
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
        lines += _named("Reported for the first time", names)
    complete = {c for c, v in statuses.items() if v["means_complete"]}
    done_before = {p["initiative"] for p in data["updates"]["previous"] if p["status"] in complete}
    done = [
        titles[u["initiative"]]
        for u in data["updates"]["current"]
        if u["status"] in complete and u["initiative"] not in done_before
    ]
    lines += _named("Completed", done)
    lines += _named(
        "Deprioritised", [i["title"] for i in data["initiatives"] if i["status"] == "deprioritised"]
    )
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


def _named(what: str, names: list[str]) -> list[str]:
    """``What: a, b and c.``, a bullet for every few names so that each fits its slide."""
    chunks = _chunks(names, NAMES_PER_BULLET)
    return [
        f"{what}{' (continued)' if k else ''}: {join_words(chunk)}."
        for k, chunk in enumerate(chunks)
    ]


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
    pages = bullet_pages(lines, ROWS_PER_SLIDE) or [[]]
    slides = []
    for number, chunk in enumerate(pages, start=1):
        slides.append(
            Slide(
                title + _suffix(number, len(pages)),
                (BulletList.of(*chunk),),
                continues=number > 1,
            )
        )
    return slides


def _road_map_slides(data: Data) -> list[Slide]:
    """The road map a slide at a time, a few bars to each, in the chart's order."""
    chart = road_map_chart(data)
    year = data["period"]["financial_year"]
    pages = _chunks(list(chart.rows), ROAD_MAP_ROWS) or [[]]
    slides = []
    for number, rows in enumerate(pages, start=1):
        page = replace(chart, title=chart.title + _suffix(number, len(pages)), rows=tuple(rows))
        first = (number - 1) * ROAD_MAP_ROWS + 1
        alt = _road_map_alt(page, first, len(chart.rows), year)
        slides.append(Slide(page.title, (Figure(page, alt=alt),), continues=number > 1))
    return slides


def _road_map_alt(page: GanttChart, first: int, total: int, year: str) -> str:
    if not page.rows:
        return f"Road map of {year}: no initiatives are planned in the year."
    covers = f"{total} initiatives"
    if len(page.rows) < total:
        covers = f"initiatives {first} to {first + len(page.rows) - 1} of the {total}"
    return (
        f"Road map of {covers} across the four quarters of {year}, grouped by priority "
        f"({join_words(page.groups())}), with their milestones. The table that follows lists "
        "each one."
    )


def _priority_map_slides(data: Data) -> list[Slide]:
    """The priority map with a few titles to a cell: a priority with more runs on to rows
    marked "(continued)", so each initiative is named once in each of its columns."""
    header, rows = priority_map_rows(data)
    year = data["period"]["year"]
    return _paged_table_slides(
        f"Priority map {span_label(year, year + 1)}",
        "Priority map: initiatives by priority, year and horizon",
        header,
        [row for map_row in rows for row in _map_table_rows(map_row)],
    )


def _map_table_rows(row: MapRow) -> list[tuple[str, ...]]:
    label, columns = row
    chunked = [_chunks(list(titles), TITLES_PER_CELL) for titles in columns]
    depth = max((len(chunks) for chunks in chunked), default=0) or 1
    return [
        (
            f"{label} (continued)" if k else label,
            *(
                "; ".join(chunks[k]) if k < len(chunks) else ("" if k else "None")
                for chunks in chunked
            ),
        )
        for k in range(depth)
    ]


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
    slides += _road_map_slides(data)
    slides += _priority_map_slides(data)
    slides += _bullets_slides("Changes since the last quarter", changes_since_last_quarter(data))
    slides += _bullets_slides("Focus for the coming months", _focus(data))
    return SlideDeck(
        title=f"{title_without_years(strategy['title'])} {period['financial_year']} progress "
        f"\N{EN DASH} Q{period['quarter']}",
        subtitle=f"Appendix 1 to the report to the {committee}, {meeting:%-d %B %Y}",
        slides=tuple(slides),
    )
