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

from headway.committee.compose.cover import quarter_label, title_without_years
from headway.committee.compose.figures import (
    COUNTING_RULE,
    NO_RETURN,
    NO_RETURN_COLOUR,
    Figures,
)
from headway.committee.compose.indicators import indicator_slides
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
from headway.committee.slide_fit import (
    ROOM,
    bullet_inches,
    lead_in_inches,
    number_slides,
    table_pages,
    without_lone_last,
)
from headway.lib.fy import Quarter, span_label
from headway.lib.words import counted, iso_long_date, join_words, long_date, sentence_start
from headway.roadmap.reporting import partner_answers

# A list on a slide: its lead-in ("Three milestones now forecast late:"), if any, and items.
Group = tuple[str, list[str]]

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
    pages = without_lone_last(header, table_pages(header, rows, ROWS_PER_SLIDE)) or [[]]
    slides = []
    for number, chunk in enumerate(pages, start=1):
        suffix = _suffix(number, len(pages))
        if not chunk:
            slides.append(Slide(title, (Paragraph.of("Nothing to report this quarter."),)))
            continue
        table = Table(f"{caption}{suffix}", header, tuple(chunk), row_headers=True)
        slides.append(Slide(f"{title}{suffix}", (table,), continues=number > 1))
    return slides


def brag_by_priority_chart(data: Data, figures: Figures | None = None) -> BarChart:
    """The quarter's statuses by lead priority: its rows add up to the quarter's total."""
    rows = (figures or Figures(data)).by_lead_priority
    return BarChart(
        title=f"Initiatives by status and lead priority, {data['period']['label']}",
        categories=tuple(f"{row.priority['number']}. {row.priority['title']}" for row in rows),
        series=tuple(
            Series(
                value["label"],
                value["colour"],
                tuple(float(row.counts[i].count) for row in rows),
            )
            for i, value in enumerate(data["status_scale"])
        ),
    )


def _brag_alt(data: Data, figures: Figures) -> str:
    rows = figures.by_lead_priority
    busiest = max(rows, key=lambda row: row.total, default=None)
    text = (
        f"Stacked bar chart of the {figures.reported} initiatives with an approved return in "
        f"{data['period']['label']}, by status, under the lead priority of each of the "
        f"{len(rows)} priorities"
    )
    if busiest and busiest.total:
        text += f"; priority {busiest.priority['number']} leads the most initiatives"
    return text + ". The table that follows gives every count."


def trend_chart(data: Data, figures: Figures | None = None) -> LineChart | None:
    """Returns by status in each quarter so far, with the returns not approved as a series
    of their own, so a missing return never reads as a fall in a status."""
    trend = (figures or Figures(data)).trend
    if len(trend) < 2:
        return None
    series = [
        Series(
            value["label"],
            value["colour"],
            tuple(float(point.counts.get(value["code"], 0)) for point in trend),
        )
        for value in data["status_scale"]
    ]
    if any(point.no_return for point in trend):
        series.append(Series(NO_RETURN, NO_RETURN_COLOUR, tuple(float(p.no_return) for p in trend)))
    return LineChart(
        title=f"Returns by status, {trend[0].label} to {trend[-1].label}",
        categories=tuple(point.label for point in trend),
        series=tuple(series),
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
            f"Initiatives serving priority {priority['number']}, {data['period']['label']} "
            "(an initiative serving several priorities is listed under each)",
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


def changes_since_last_quarter(data: Data, figures: Figures | None = None) -> list[Group]:
    """What changed, as lists: agreed map changes, new, completed and deprioritised
    initiatives, status moves, and milestones now forecast late."""
    figures = figures or Figures(data)
    statuses = _statuses(data)
    titles = {i["id"]: i["title"] for i in data["initiatives"]}
    moved = figures.movements
    groups: list[Group] = []
    changes = data.get("map_changes") or []
    if changes:
        groups.append(
            (
                "Agreed changes to the maps:",
                [f"{change['summary']}. {partner_answers(change)}".strip() for change in changes],
            )
        )
    if data["updates"]["previous"] and moved.newly_reported:
        names = [titles[i] for i in moved.newly_reported if i in titles]
        groups += _named("Reported for the first time", names)
    groups += _named("Completed", [titles[i] for i in figures.completed if i in titles])
    in_changes = {c.get("initiative") for c in changes}
    groups += _named(
        "Deprioritised",
        [
            i["title"]
            for i in data["initiatives"]
            if i["status"] == "deprioritised" and i["id"] not in in_changes
        ],
    )
    moves = [
        f"{move.title}: {statuses[move.before]['label']} to {statuses[move.after]['label']}."
        for move in moved.improved + moved.worsened
    ]
    if moves:
        groups.append(("Status changes since the last quarter:", moves))
    slipped = _slipped_milestones(data)
    if slipped:
        groups.append(
            (
                f"{sentence_start(counted(len(slipped), 'milestone'))} now forecast late:",
                [
                    f"{title}: {m['title']}, due {iso_long_date(m['due'])}, now "
                    f"{iso_long_date(m['forecast'])}."
                    for title, m in slipped
                ],
            )
        )
    return groups or [("", ["No changes since the last quarter."])]


def _named(what: str, names: list[str]) -> list[Group]:
    """``What:`` and the names, a few to a bullet so that each fits its slide."""
    if not names:
        return []
    return [(f"{what}:", [f"{join_words(chunk)}." for chunk in _chunks(names, NAMES_PER_BULLET)])]


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


def _focus(data: Data, figures: Figures) -> list[Group]:
    """Milestones due next quarter, of initiatives still under way."""
    following = Quarter(data["period"]["year"], data["period"]["quarter"]).next()
    lines = [
        f"{initiative['title']}: {milestone['title']} "
        f"({iso_long_date(milestone['forecast'] or milestone['due'])})"
        for initiative, milestone in figures.due_next_quarter
    ]
    if not lines:
        return [("", ["No milestones fall due in the coming quarter."])]
    return [(f"Milestones due in Q{following.number} {following.financial_year.label}:", lines)]


def _group_pages(groups: list[Group]) -> list[list[Group]]:
    """The lists in slide-sized pages: at most ROWS_PER_SLIDE items (one more rather than
    leave a list's last item alone on the next slide), a list carried on to the next slide
    under its lead-in marked "(continued)", once."""
    pages: list[list[Group]] = []
    page: list[Group] = []
    used, count = 0.0, 0
    for lead, items in groups:
        current: list[str] = []
        used += lead_in_inches(lead)
        for index, item in enumerate(items):
            height = bullet_inches(item)
            last_alone = index == len(items) - 1 and len(items) > 1
            full = count >= ROWS_PER_SLIDE and not (last_alone and current)
            if (page or current) and (full or used + height > ROOM):
                if current:
                    page.append((lead, current))
                    lead = _continued(lead)
                pages.append(page)
                page, current = [], []
                used, count = lead_in_inches(lead), 0
            current.append(item)
            used += height
            count += 1
        if current:
            page.append((lead, current))
    if page:
        pages.append(page)
    return pages


def _continued(lead: str) -> str:
    if not lead or lead.endswith("(continued):"):
        return lead
    return f"{lead.removesuffix(':')} (continued):"


def _lists_slides(title: str, groups: list[Group]) -> list[Slide]:
    pages = _group_pages(groups) or [[]]
    slides = []
    for number, page in enumerate(pages, start=1):
        blocks: list[Any] = []
        for lead, items in page:
            if lead:
                blocks.append(Paragraph.of(lead))
            blocks.append(BulletList.of(*items))
        slides.append(
            Slide(title + _suffix(number, len(pages)), tuple(blocks), continues=number > 1)
        )
    return slides


def _road_map_slides(data: Data) -> list[Slide]:
    """The road map a slide at a time, a few bars to each, in the chart's order."""
    chart = road_map_chart(data)
    year = data["period"]["financial_year"]
    pages = _chunks(list(chart.rows), ROAD_MAP_ROWS) or [[]]
    if len(pages) > 1 and len(pages[-1]) == 1:
        # One bar more on the slide before, rather than a slide for one bar.
        pages[-2:] = [pages[-2] + pages[-1]]
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
    named once a slide, "(continued)" on a slide after its first, so each initiative is
    named once in each of its columns."""
    header, rows = priority_map_rows(data)
    year = data["period"]["year"]
    title = f"Priority map {span_label(year, year + 1)}"
    table_rows = [row for map_row in rows for row in _map_table_rows(map_row)]
    pages = without_lone_last(header, table_pages(header, table_rows, ROWS_PER_SLIDE)) or [[]]
    slides = []
    seen: set[str] = set()
    for number, page in enumerate(pages, start=1):
        suffix = _suffix(number, len(pages))
        if not page:
            slides.append(Slide(title, (Paragraph.of("Nothing to report this quarter."),)))
            continue
        named: set[str] = set()
        cells = []
        for label, *columns in page:
            shown = "" if label in named else (f"{label} (continued)" if label in seen else label)
            named.add(label)
            cells.append((shown, *columns))
        seen |= named
        table = Table(
            f"Priority map: initiatives by priority, year and horizon{suffix}",
            header,
            tuple(cells),
            row_headers=True,
        )
        slides.append(Slide(f"{title}{suffix}", (table,), continues=number > 1))
    return slides


def _map_table_rows(row: MapRow) -> list[tuple[str, ...]]:
    label, columns = row
    chunked = [_chunks(list(titles), TITLES_PER_CELL) for titles in columns]
    depth = max((len(chunks) for chunks in chunked), default=0) or 1
    return [
        (
            label,
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
    figures = Figures(data)
    brag = brag_by_priority_chart(data, figures)
    coverage = figures.coverage.statement
    overview: list[Any] = [
        Paragraph.of(
            coverage
            or f"In {quarter_label(data)}, {figures.reported} initiatives had an approved return."
        ),
        Paragraph.of(
            f"{COUNTING_RULE} The priorities' own slides list an initiative under each "
            f"priority it serves: {figures.listed_under_priorities} entries for "
            f"{figures.reported} initiatives."
        ),
        Figure(brag, alt=_brag_alt(data, figures)),
    ]
    trend = trend_chart(data, figures)
    slides = [
        Slide(
            "Our strategic priorities",
            (OrderedList.of(*(p["title"] for p in data["priorities"])),),
        ),
        Slide("Progress at a glance", tuple(overview)),
    ]
    if trend:
        missing = (
            " Returns not approved are shown as their own series."
            if any(s.name == NO_RETURN for s in trend.series)
            else ""
        )
        slides.append(
            Slide(
                "Progress over the year",
                (
                    Figure(
                        trend,
                        alt=f"Line chart of returns by status in each quarter from "
                        f"{trend.categories[0]} to {trend.categories[-1]}.{missing} The table "
                        "that follows gives every count.",
                    ),
                ),
            )
        )
    slides += _priority_slides(data)
    slides += _key_activities(data)
    slides += _key_projects(data)
    # Performance indicators, when the quarter has measures: none, no slides.
    slides += indicator_slides(data)
    slides += _road_map_slides(data)
    slides += _priority_map_slides(data)
    slides += _lists_slides(
        "Changes since the last quarter", changes_since_last_quarter(data, figures)
    )
    slides += _lists_slides("Focus for the coming months", _focus(data, figures))
    return SlideDeck(
        title=f"{title_without_years(strategy['title'])} {period['financial_year']} progress "
        f"\N{EN DASH} Q{period['quarter']}",
        subtitle=f"Appendix 1 to the report to the {committee}, {long_date(meeting)}",
        slides=number_slides(slides),
        coverage=coverage or "",
    )
