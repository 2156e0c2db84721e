"""The pack's performance indicators, from the snapshot's ``indicators`` (issue 19).

The snapshot holds each measure's rows (a partner council, then the whole service) with the
value, the target and the status and direction of travel already computed from approved
figures; this module only words them: the cover report's paragraph, the appendix's summary
table per priority and an exception report for each measure off target, with its trend chart
and exception note. A snapshot without measures has no ``indicators``, and a pack made from it
has no indicators section.

Statuses and directions are written as a symbol and words ("✗ Off target", "▼ Getting
worse"), so that nothing rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from headway.committee.document import Figure, Paragraph, Slide, Status, Table
from headway.committee.render.charts import LineChart, Series
from headway.committee.slide_fit import table_pages, without_lone_last
from headway.indicators.status import (
    STATUS_ORDER,
    Direction,
)
from headway.indicators.status import (
    Status as IndicatorStatus,
)
from headway.indicators.units import format_value, places_of
from headway.lib.words import join_words, number_word

Data = dict[str, Any]

SECTION_TITLE = "Performance indicators"
# Status colours as GOV.UK's tags have them; every cell also names its status with a symbol.
STATUS_COLOURS = {
    IndicatorStatus.ON_TARGET: "#00703c",
    IndicatorStatus.WITHIN_TOLERANCE: "#ffdd00",
    IndicatorStatus.OFF_TARGET: "#d4351c",
    IndicatorStatus.NO_DATA: "#f3f2f1",
    IndicatorStatus.NO_TARGET: "#f3f2f1",
}
# The councils' lines on a trend chart; the whole service's in black.
LINE_COLOURS = ("#1d70b8", "#f47738", "#4c2c92", "#28a197", "#d53880", "#85994b")
WHOLE_SERVICE_COLOUR = "#0b0c0c"
UNIT_AXIS = {"percentage": "Per cent", "days": "Days", "money": "Pounds (£)", "number": "Number"}
# In the running text of the cover report: "three off target, one with no data".
STATUS_WORDS = {
    IndicatorStatus.OFF_TARGET: "off target",
    IndicatorStatus.WITHIN_TOLERANCE: "within tolerance",
    IndicatorStatus.ON_TARGET: "on target",
    IndicatorStatus.NO_TARGET: "with no target",
    IndicatorStatus.NO_DATA: "with no data",
}
SUMMARY_HEADER = (
    "Measure",
    "Council",
    "Value",
    "Target",
    "Status",
    "Since last quarter",
    "Since last year",
)
NOTE_HEADER = ("Council", "Why it is off target", "What is being done", "Expected recovery")
ROWS_PER_SLIDE = 8


def measures(data: Data) -> list[Data]:
    """The snapshot's measures, or none (a snapshot taken before there were any)."""
    return list((data.get("indicators") or {}).get("measures") or [])


def value_text(value: float | None, unit: str) -> str:
    """A figure as its unit writes it: 96.5%, £12,340, 22.4 days; an en dash for none."""
    return format_value(None if value is None else Decimal(str(value)), unit)


def status_text(code: str) -> str:
    status = IndicatorStatus(code)
    return f"{status.symbol} {status.label}"


def status_cell(code: str) -> Status:
    return Status(status_text(code), STATUS_COLOURS[IndicatorStatus(code)])


def direction_text(code: str) -> str:
    direction = Direction(code)
    return f"{direction.symbol} {direction.label}"


def measure_name(measure: Data) -> str:
    return f"{measure['reference']} {measure['name']}"


@dataclass(frozen=True)
class IndicatorCounts:
    """Measures by status (each under its worst row's), worst first, and those off target."""

    total: int
    by_status: dict[str, int]
    off_target: list[Data]

    def as_data(self) -> Data:
        return {
            "measures": self.total,
            "by_status": self.by_status,
            "off_target": [m["reference"] for m in self.off_target],
        }


def counts(data: Data) -> IndicatorCounts:
    found = measures(data)
    by_status = {s.value: sum(1 for m in found if m["status"] == s) for s in STATUS_ORDER}
    off = [m for m in found if m["status"] == IndicatorStatus.OFF_TARGET]
    return IndicatorCounts(len(found), by_status, off)


def _off_rows(measure: Data) -> list[Data]:
    return [row for row in measure["rows"] if row["status"] == IndicatorStatus.OFF_TARGET]


def _council(row: Data) -> str:
    """The council's name in running text: "Newham", "the whole service"."""
    return "the whole service" if row["partner"] is None else row["council"]


def _against(row: Data, unit: str) -> str:
    return (
        f"{_council(row)} ({value_text(row['value'], unit)} against a target of "
        f"{value_text(row['target'], unit)})"
    )


def cover_paragraph(data: Data, quarter: str) -> str | None:
    """The cover report's paragraph: measures counted by status, those off target named."""
    tally = counts(data)
    if not tally.total:
        return None
    present = [(code, n) for code, n in tally.by_status.items() if n]
    parts = [f"{number_word(n)} {STATUS_WORDS[IndicatorStatus(code)]}" for code, n in present]
    parts[0] = parts[0].replace(" ", " is " if present[0][1] == 1 else " are ", 1)
    noun = "performance indicator" if tally.total == 1 else "performance indicators"
    text = (
        f"Of the {tally.total} {noun} reported for {quarter}, {join_words(parts)}. "
        f"{data['indicators']['counting_rule']}"
    )
    if tally.off_target:
        named = [
            f"{measure_name(m)} (off target for "
            f"{join_words([_council(row) for row in _off_rows(m)])})"
            for m in tally.off_target
        ]
        text += f" Off target, each with an exception report in Appendix 1: {join_words(named)}."
    return text


# The appendix --------------------------------------------------------------------------------


def _suffix(number: int, count: int) -> str:
    return f" ({number} of {count})" if count > 1 else ""


def _summary_rows(measure: Data) -> list[tuple[Any, ...]]:
    unit = measure["unit"]
    rows = []
    for index, row in enumerate(measure["rows"]):
        rows.append(
            (
                # The first row names the measure; the rest carry its reference, so a screen
                # reader still hears which measure each row is.
                measure_name(measure) if index == 0 else measure["reference"],
                row["council"],
                value_text(row["value"], unit),
                value_text(row["target"], unit),
                status_cell(row["status"]),
                direction_text(row["short_term"]),
                direction_text(row["long_term"]),
            )
        )
    return rows


def _groups(data: Data) -> list[tuple[str, str, list[Data]]]:
    """(slide title, caption, measures) for each priority with measures, then the rest."""
    found = measures(data)
    quarter = data["indicators"]["quarter"]
    groups = []
    placed: set[int] = set()
    for priority in data["priorities"]:
        mine = [m for m in found if m["priority"] == priority["id"]]
        placed |= {m["id"] for m in mine}
        if mine:
            groups.append(
                (
                    f"{SECTION_TITLE}: priority {priority['number']}, {priority['title']}",
                    f"Performance indicators for priority {priority['number']}, {quarter}",
                    mine,
                )
            )
    rest = [m for m in found if m["id"] not in placed]
    if rest:
        groups.append(
            (
                f"{SECTION_TITLE}: other measures",
                f"Performance indicators not linked to a priority, {quarter}",
                rest,
            )
        )
    return groups


def _table_slides(
    title: str, caption: str, header: tuple[str, ...], rows: list[tuple[Any, ...]], first: int = 1
) -> list[Slide]:
    pages = without_lone_last(header, table_pages(header, rows, ROWS_PER_SLIDE))
    count = len(pages) + first - 1
    return [
        Slide(
            f"{title}{_suffix(number, count)}",
            (Table(f"{caption}{_suffix(number, count)}", header, tuple(page), row_headers=True),),
            continues=number > 1,
        )
        for number, page in enumerate(pages, start=first)
    ]


def _overview(data: Data) -> Slide:
    tally = counts(data)
    quarter = data["indicators"]["quarter"]
    rows = tuple((status_cell(code), str(n)) for code, n in tally.by_status.items())
    return Slide(
        SECTION_TITLE,
        (
            Paragraph.of(
                f"{tally.total} measures reported in {quarter}, from approved figures. "
                f"{data['indicators']['counting_rule']} The tables that follow give each "
                "council's and the whole service's figure, its target, its status and its "
                "direction of travel; an exception report follows for each measure off target."
            ),
            Table(
                f"Performance indicators by status, {quarter}",
                ("Status", "Measures"),
                rows,
                align=("left", "right"),
            ),
        ),
    )


def trend_chart(measure: Data) -> LineChart:
    """The measure's values per quarter, a line for each council and the whole service, and
    its targets as dashed lines: one "Target" when every row's target is the same."""
    trend = measure["trend"]
    rows = measure["rows"]
    categories = tuple(point["quarter"] for point in trend)
    series = []
    councils = 0
    colours = []
    for index, row in enumerate(rows):
        if row["partner"] is None:
            colour = WHOLE_SERVICE_COLOUR
        else:
            colour = LINE_COLOURS[councils % len(LINE_COLOURS)]
            councils += 1
        colours.append(colour)
        series.append(Series(row["council"], colour, tuple(p["values"][index] for p in trend)))
    targets = [tuple(p["targets"][index] for p in trend) for index in range(len(rows))]
    present = [(index, t) for index, t in enumerate(targets) if any(v is not None for v in t)]
    if present and all(t == present[0][1] for _, t in present):
        series.append(Series("Target", WHOLE_SERVICE_COLOUR, present[0][1], dashed=True))
    else:
        for index, values in present:
            name = f"Target for {rows[index]['council']}"
            series.append(Series(name, colours[index], values, dashed=True))
    first, last = (categories[0], categories[-1]) if categories else ("", "")
    span = first if first == last else f"{first} to {last}"
    return LineChart(
        title=f"{measure_name(measure)}, {span}",
        categories=categories,
        series=tuple(series),
        value_label=UNIT_AXIS.get(measure["unit"], "Value"),
        from_zero=False,
        decimals=places_of(measure["unit"]),
    )


def _chart_alt(measure: Data, chart: LineChart) -> str:
    unit = measure["unit"]
    councils = join_words([row["council"] for row in measure["rows"]])
    span = chart.title.rpartition(", ")[2]
    targets = sum(1 for s in chart.series if s.dashed)
    target_words = "the target as a dashed line" if targets == 1 else "the targets as dashed lines"
    off = join_words([_against(row, unit) for row in _off_rows(measure)])
    polarity = "Higher is better" if measure["polarity"] == "higher" else "Lower is better"
    return (
        f"Line chart of {measure_name(measure)} for {councils} in each quarter, {span}, with "
        f"{target_words}. Off target in {measure['trend'][-1]['quarter']} for {off}. "
        f"{polarity}. The table that follows gives every value."
        if measure["trend"]
        else f"Line chart of {measure_name(measure)}: no approved figures yet."
    )


def note_rows(measure: Data) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for row in _off_rows(measure):
        note = row.get("exception")
        if note:
            rows.append(
                (
                    row["council"],
                    note["why"].strip() or "Not given.",
                    note["action"].strip() or "Not given.",
                    note["recovery"].strip() or "Not given.",
                )
            )
        else:
            computed = "No note of its own: its figure is computed from the councils' figures."
            rows.append((row["council"], computed, "", ""))
    return rows


def _exception_slides(data: Data, measure: Data) -> list[Slide]:
    """The measure's exception report: what is off target with its trend chart, then the
    exception note (why, what is being done, when it will recover) for each council."""
    quarter = data["indicators"]["quarter"]
    unit = measure["unit"]
    chart = trend_chart(measure)
    polarity = "Higher is better" if measure["polarity"] == "higher" else "Lower is better"
    summary = Paragraph.of(
        f"Off target in {quarter} for "
        f"{join_words([_against(row, unit) for row in _off_rows(measure)])}. {polarity}."
    )
    title = f"Exception report: {measure_name(measure)}"
    notes = _table_slides(
        title,
        f"Exception note: {measure_name(measure)}, {quarter}",
        NOTE_HEADER,
        note_rows(measure),
        first=2,
    )
    count = len(notes) + 1
    first = Slide(
        f"{title}{_suffix(1, count)}",
        (summary, Figure(chart, alt=_chart_alt(measure, chart))),
    )
    return [first, *notes]


def indicator_slides(data: Data) -> list[Slide]:
    """The appendix's indicators section: an overview, a summary table per priority and an
    exception report for each measure off target; none when the snapshot has no measures."""
    if not measures(data):
        return []
    slides = [_overview(data)]
    header = SUMMARY_HEADER
    for title, caption, mine in _groups(data):
        rows = [row for measure in mine for row in _summary_rows(measure)]
        slides += _table_slides(title, caption, header, rows)
    for measure in counts(data).off_target:
        slides += _exception_slides(data, measure)
    return slides
