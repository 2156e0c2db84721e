"""The two maps as pictures: shapes laid out in Python, drawn as inline SVG by a template.

The pages draw them on the server, so they show without scripts, print as they look, and
cost no query. Each picture is an image with a title and a description; the table beside it
carries the same information for anyone who cannot see it, which is why the labels in the
picture may be shortened to fit.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date, timedelta

from headway.lib.fy import FinancialYear
from headway.lib.words import plural
from headway.roadmap.maps import PriorityMap, RoadMap, priority_map_columns_for
from headway.roadmap.state import InitiativeState

WIDTH = 960
MARGIN = 8
HEADER = 48
ROW = 30
GROUP = 34
LEGEND = 44


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    kind: str
    """``bar`` (planned work), ``item`` (an initiative on the priority map), ``band`` or
    ``column`` (backgrounds)."""


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    kind: str = ""
    """``heading``, ``muted`` or plain."""
    anchor: str = "start"


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Diamond:
    x: float
    y: float
    late: bool


@dataclass(frozen=True)
class Picture:
    id: str
    title: str
    description: str
    height: float
    width: float = WIDTH
    boxes: list[Box] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    diamonds: list[Diamond] = field(default_factory=list)


def fit(text: str, width: float, size: float = 14) -> str:
    """The text, cut short with an ellipsis if it would not fit ``width`` at ``size`` px."""
    room = max(int(width / (size * 0.5)), 4)
    return text if len(text) <= room else text[: room - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def _wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    room = max(int(width / (size * 0.5)), 4)
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > room:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = [*out[: lines - 1], fit(" ".join(out[lines - 1 :]), width, size)]
    return out


# The road map --------------------------------------------------------------------------

LABEL_COLUMN = 330


def _scale(year: FinancialYear) -> tuple[float, float, int]:
    left = LABEL_COLUMN + MARGIN
    days = (year.last_day - year.first_day).days + 1
    return left, WIDTH - MARGIN - left, days


def _x(day: date, year: FinancialYear) -> float:
    left, width, days = _scale(year)
    return left + width * (day - year.first_day).days / days


def _span(initiative: InitiativeState, year: FinancialYear) -> tuple[date, date]:
    start = initiative.planned_start or initiative.planned_end
    end = initiative.planned_end or initiative.planned_start
    assert start and end, "Only initiatives with a planned date are drawn."
    first = max(date.fromisoformat(start), year.first_day)
    last = min(date.fromisoformat(end), year.last_day)
    return first, last + timedelta(days=1)


def road_map_picture(the_map: RoadMap) -> Picture:
    year = FinancialYear(the_map.year)
    left, width, _ = _scale(year)
    picture_rows = sum(max(len(r.initiatives), 1) for r in the_map.rows)
    height = HEADER + GROUP * len(the_map.rows) + ROW * picture_rows + LEGEND + MARGIN
    count = sum(len(r.initiatives) for r in the_map.rows)
    milestones = sum(len(i.milestones) for r in the_map.rows for i in r.initiatives)
    picture = Picture(
        id=f"road-map-{year.label}",
        title=f"Road map {year.label}",
        description=(
            f"Gantt chart of {plural(count, 'initiative')} under "
            f"{plural(len(the_map.rows), 'priority', 'priorities')} across the four quarters "
            f"of {year.label}, with {plural(milestones, 'milestone')}. "
            "The table that follows gives the same information."
        ),
        height=height,
    )
    for quarter in the_map.quarters:
        x1 = _x(date.fromisoformat(quarter.start), year)
        x2 = _x(date.fromisoformat(quarter.end) + timedelta(days=1), year)
        picture.labels.append(Label((x1 + x2) / 2, 20, quarter.label, "heading", "middle"))
        months = quarter.months.replace(" - ", "\N{EN DASH}")
        picture.labels.append(Label((x1 + x2) / 2, 38, months, "muted", "middle"))
        picture.rules.append(Rule(x1, 4, x1, height - LEGEND))
    picture.rules.append(Rule(left + width, 4, left + width, height - LEGEND))
    y = float(HEADER)
    for row in the_map.rows:
        picture.boxes.append(Box(0, y + 2, WIDTH, GROUP - 4, "band"))
        picture.labels.append(
            Label(
                MARGIN,
                y + GROUP / 2 + 5,
                fit(row.priority.label, WIDTH - 2 * MARGIN, 15),
                "heading",
            )
        )
        y += GROUP
        if not row.initiatives:
            picture.labels.append(
                Label(MARGIN, y + ROW / 2 + 5, f"Nothing planned in {year.label}", "muted")
            )
            y += ROW
        for initiative in row.initiatives:
            picture.labels.append(
                Label(MARGIN, y + ROW / 2 + 5, fit(initiative.title, LABEL_COLUMN - MARGIN))
            )
            start, end = _span(initiative, year)
            x1, x2 = _x(start, year), _x(end, year)
            picture.boxes.append(Box(x1, y + 7, max(x2 - x1, 3), ROW - 14, "bar"))
            for milestone in initiative.milestones:
                day = date.fromisoformat(milestone.expected)
                picture.diamonds.append(Diamond(_x(day, year), y + ROW / 2, milestone.has_slipped))
            y += ROW
    _road_map_legend(picture, height - LEGEND + 14)
    return picture


def _road_map_legend(picture: Picture, y: float) -> None:
    picture.boxes.append(Box(MARGIN, y, 36, 14, "bar"))
    picture.labels.append(Label(MARGIN + 44, y + 12, "Planned work"))
    picture.diamonds.append(Diamond(190, y + 7, late=False))
    picture.labels.append(Label(204, y + 12, "Milestone"))
    picture.diamonds.append(Diamond(320, y + 7, late=True))
    picture.labels.append(Label(334, y + 12, "Milestone forecast later than due"))


# The priority map ------------------------------------------------------------------------

PRIORITY_COLUMN = 250
ITEM = 26
GAP = 6


def _lines(spans: list[tuple[int, ...]]) -> list[int]:
    """For each item (the columns it spans), the line of the row it goes on: the first line
    where all its columns are free.

    Lines are kept by which columns they already use (a few kinds, as the map has three
    columns), each kind as a heap of line numbers; an item takes the lowest line among the
    kinds it fits. So each item costs a look at each kind, not at every line placed before it.
    """
    by_used: dict[int, list[int]] = {}
    placed = []
    lines = 0
    for columns in spans:
        wanted = sum(1 << c for c in set(columns))
        fits = [used for used, heap in by_used.items() if heap and not used & wanted]
        if fits:
            used = min(fits, key=lambda u: by_used[u][0])
            line = heapq.heappop(by_used[used])
        else:
            used, line = 0, lines
            lines += 1
        heapq.heappush(by_used.setdefault(used | wanted, []), line)
        placed.append(line)
    return placed


def priority_map_picture(the_map: PriorityMap) -> Picture:
    left = PRIORITY_COLUMN + MARGIN
    column = (WIDTH - MARGIN - left) / len(the_map.columns)
    picture = Picture(
        id=f"priority-map-{the_map.years_label}",
        title=f"Priority map {the_map.years_label}",
        description="",
        height=0,
    )
    for index, heading in enumerate(the_map.columns):
        x = left + column * index
        text = f"{heading.label} ({heading.horizon})" if heading.horizon != "later" else "Later"
        picture.labels.append(Label(x + column / 2, 28, text, "heading", "middle"))
    y = float(HEADER)
    for row in the_map.rows:
        seen: dict[int, tuple[InitiativeState, tuple[int, ...]]] = {}
        for cell in row.cells:
            for initiative in cell:
                seen.setdefault(
                    initiative.id,
                    (initiative, priority_map_columns_for(initiative, the_map.first_year)),
                )
        items = list(seen.values())
        lines = _lines([columns for _, columns in items])
        title = _wrap(row.priority.label, PRIORITY_COLUMN - MARGIN, 14, 3)
        height = max(len(title) * 18, (max(lines, default=0) + 1) * (ITEM + GAP)) + 2 * GAP + 4
        picture.boxes.append(Box(0, y, WIDTH, height - 4, "band"))
        for number, text in enumerate(title):
            picture.labels.append(Label(MARGIN, y + 20 + 18 * number, text, "heading"))
        if not items:
            picture.labels.append(Label(left + 6, y + 22, "No initiatives", "muted"))
        for (initiative, columns), line in zip(items, lines, strict=True):
            x = left + column * columns[0] + 3
            width = column * len(columns) - 6
            top = y + GAP + line * (ITEM + GAP)
            picture.boxes.append(Box(x, top, width, ITEM, "item"))
            picture.labels.append(
                Label(x + 6, top + 18, fit(initiative.title, width - 12, 13), "small")
            )
        y += height
    for index in range(1, len(the_map.columns)):
        x = left + column * index
        picture.rules.append(Rule(x, 8, x, y))
    initiatives = {i.id for row in the_map.rows for cell in row.cells for i in cell}
    return Picture(
        id=picture.id,
        title=picture.title,
        description=(
            f"Grid of {plural(len(the_map.rows), 'priority', 'priorities')} (rows) by "
            f"{the_map.columns[0].label}, {the_map.columns[1].label} and later (columns), "
            f"placing {plural(len(initiatives), 'initiative')}; an initiative that runs "
            "into the second year spans both years. The table that follows gives the same "
            "information."
        ),
        height=y + MARGIN,
        boxes=picture.boxes,
        labels=picture.labels,
        rules=picture.rules,
    )
