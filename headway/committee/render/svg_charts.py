"""Draw chart specs as SVG written here, and paint their PNG from that SVG with Typst.

The SVG is laid out from the labels' own widths, measured from the machine's Liberation Sans
(the font the report and the Office files use), and written as plain shapes and text: text
stays text, so screen readers, search and the PDF's fonts all work. The same spec always gives
the same bytes: no ids, no dates, numbers written to two decimals.

The PNG, for Word and PowerPoint, is that same SVG rasterised by Typst (which typesets the PDF
with the same fonts), painted only when a renderer first asks for it.

Units are points (72 to the inch), as in the SVG's ``viewBox``.
"""

from __future__ import annotations

import dataclasses
import math
import re
import textwrap
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from functools import cache, partial
from itertools import accumulate
from typing import Any

from headway.committee.render.charts import (
    BarChart,
    Chart,
    ChartImages,
    GanttChart,
    LineChart,
)
from headway.committee.render.ooxml import ink_on

INK = "#0b0c0c"
GRID = "#b1b4b6"
WHITE = "#ffffff"
PNG_PPI = 150
FONT_SIZE = 10.0
FONT_FAMILY = "'Liberation Sans', Arial, 'DejaVu Sans', sans-serif"
WIDTH = 7.0 * 72  # a bar or line chart
GANTT_WIDTH = 9.0 * 72  # the road map, wider for its labels
PAD = 7.2  # between a label and the edge of the picture
TICK = 3.5  # a tick mark's length
TICK_GAP = 3.5  # between a tick mark and its label
LINE = FONT_SIZE * 1.2  # a line of text
SPINE = 0.8
TITLE_GAP = 2.0  # between an axis's numbers and its title
# Where a line of text's baseline sits below the middle of the line: about half a capital.
CENTRE_TO_BASELINE = 0.35 * FONT_SIZE
MEASURE_SLACK = 1.02  # a shaper's kerning and hinting may widen a label a little

# The key under a chart, laid out as matplotlib's legend was: a handle, a gap, the name.
KEY_HANDLE = 2.0 * FONT_SIZE
KEY_HANDLE_GAP = 0.8 * FONT_SIZE
KEY_COLUMN_GAP = 2.0 * FONT_SIZE
KEY_ROW = 1.4 * FONT_SIZE
KEY_BOTTOM = 0.05 * 72 + 0.4 * FONT_SIZE


# Measuring text -------------------------------------------------------------------------------


@cache
def _fonts() -> tuple[dict[int, float], dict[int, float], dict[int, float], dict[int, float]]:
    """Advances (in ems) of every character of Liberation Sans and DejaVu Sans, regular and bold.

    The same files the PDF uses (``fonts.locate_fonts``), so the SVG is laid out for the
    letters Typst paints and a browser with Arial shows at the same widths.
    """
    from fontTools.ttLib import TTFont

    from headway.committee.render.fonts import locate_fonts

    paths = {path.name: path for path in locate_fonts()}
    tables = []
    for name in (
        "LiberationSans-Regular.ttf",
        "LiberationSans-Bold.ttf",
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
    ):
        font = TTFont(paths[name], lazy=True)
        try:
            em = font["head"].unitsPerEm
            metrics = font["hmtx"].metrics
            cmap = font.getBestCmap() or {}
            tables.append({code: metrics[glyph][0] / em for code, glyph in cmap.items()})
        finally:
            font.close()
    return tables[0], tables[1], tables[2], tables[3]


@cache
def _advance(letter: str, bold: bool) -> float:
    """A letter's advance in points: from Liberation Sans, else DejaVu Sans, as the font list
    of the SVG falls back."""
    liberation, liberation_bold, dejavu, dejavu_bold = _fonts()
    code = ord(letter)
    if unicodedata.combining(letter) or unicodedata.category(letter) == "Cf":
        return 0.0
    for table in (liberation_bold, dejavu_bold) if bold else (liberation, dejavu):
        if code in table:
            return table[code] * FONT_SIZE
    return (liberation_bold if bold else liberation)[ord("M")] * FONT_SIZE


def text_width(text: str, bold: bool = False) -> float:
    """How wide a line of ``text`` is at the charts' font and size, in points."""
    return MEASURE_SLACK * sum(_advance(letter, bold) for letter in text)


def _lines_width(lines: Iterable[str], bold: bool = False) -> float:
    return max((text_width(line, bold) for line in lines), default=0.0)


def fitted(line: str, room: float, bold: bool = False) -> str:
    """The line cut short, ending "…", where it is wider than ``room`` points."""
    if text_width(line, bold) <= room:
        return line
    room -= text_width("…", bold)
    ends = list(accumulate(MEASURE_SLACK * _advance(letter, bold) for letter in line))
    keep = bisect_right(ends, room)
    return line[:keep].rstrip() + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def shortened(text: str, letters: int) -> str:
    """The text on one line, cut to at most ``letters`` letters with "…", at a space if one
    falls in its second half (a long word is cut where the letters run out)."""
    text = _one_line(text)
    if len(text) <= letters:
        return text
    cut = text[: letters - 1]
    space = cut.rfind(" ")
    if text[letters - 1] != " " and space > letters // 2:  # not between two words already
        cut = cut[:space]
    return cut.rstrip() + "…"


def _wrapped(text: str, width: int, lines: int) -> list[str]:
    """The text in lines of about ``width`` letters, at most ``lines`` of them."""
    return textwrap.wrap(text, width, max_lines=lines, placeholder=" …") or [_one_line(text)]


# Text a chart's fonts can draw ----------------------------------------------------------------

# Joiners, variation selectors and skin tones: parts of an emoji, named with it or not at all.
_EMOJI_PARTS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


@cache
def drawable_text(text: str) -> str:
    """The text with each character none of the charts' fonts has (an emoji, say) replaced by
    its name, "(smiling face)", so a chart never shows an empty box where a symbol was."""
    if text.isascii() and text.isprintable():
        return text
    liberation, _, dejavu, _ = _fonts()
    out = []
    for letter in _EMOJI_PARTS.sub("", text):
        code = ord(letter)
        if letter.isspace():
            out.append(" ")
        elif unicodedata.category(letter) in ("Cc", "Cs", "Co", "Cn"):
            continue  # draws nothing, and much of it cannot be written in XML
        elif unicodedata.combining(letter) or code in liberation or code in dejavu:
            out.append(letter)
        elif unicodedata.category(letter) == "Cf":
            out.append(letter)  # direction marks and joiners: drawn as nothing
        else:
            out.append(f"({unicodedata.name(letter, 'symbol').lower()})")
    return "".join(out)


def _drawable(value: Any) -> Any:
    """The chart spec with every text made ``drawable_text``."""
    if isinstance(value, str):
        return drawable_text(value)
    if isinstance(value, tuple):
        return tuple(_drawable(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _drawable(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if isinstance(getattr(value, field.name), str | tuple)
            or dataclasses.is_dataclass(getattr(value, field.name))
        }
        return dataclasses.replace(value, **changes)
    return value


# Writing SVG ----------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def escape(text: str) -> str:
    """``text`` as XML character data or an attribute value: every special character escaped,
    those XML cannot hold left out."""
    return _NOT_XML.sub("", text).translate(_ESCAPES)


def _n(value: float) -> str:
    """A coordinate, to a hundredth of a point: the same number, the same bytes."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _colour(value: str, fallback: str = INK) -> str:
    return value if _COLOUR.fullmatch(value) else fallback


class _Svg:
    """The elements of one picture, written in the order they are drawn."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def rect(self, x: float, y: float, w: float, h: float, fill: str, stroke: str = "") -> None:
        edge = f' stroke="{stroke}" stroke-width="0.4"' if stroke else ""
        self.parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
            f'fill="{_colour(fill)}"{edge}/>'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, width: float) -> None:
        self.parts.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
            f'stroke="{colour}" stroke-width="{_n(width)}"/>'
        )

    def polyline(
        self, points: list[tuple[float, float]], colour: str, dashed: bool = False
    ) -> None:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        dash = ' stroke-dasharray="6 3"' if dashed else ""
        self.parts.append(
            f'<polyline points="{path}" fill="none" stroke="{_colour(colour)}" '
            f'stroke-width="1.5" stroke-linejoin="round"{dash}/>'
        )

    def circle(self, x: float, y: float, colour: str) -> None:
        self.parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{_colour(colour)}"/>')

    def diamond(self, x: float, y: float, half: float = 3.7) -> None:
        self.parts.append(
            f'<path d="M{_n(x)} {_n(y - half)}l{_n(half)} {_n(half)}l{_n(-half)} {_n(half)}'
            f'l{_n(-half)} {_n(-half)}z" fill="{INK}"/>'
        )

    def text(
        self,
        x: float,
        middle: float,
        lines: list[str] | str,
        anchor: str = "start",
        bold: bool = False,
        fill: str = "",
        turned: bool = False,
    ) -> None:
        """Lines of text centred on ``middle`` (a height), anchored at ``x``."""
        lines = [lines] if isinstance(lines, str) else lines
        first = middle - (len(lines) - 1) * LINE / 2 + CENTRE_TO_BASELINE
        attributes = "" if anchor == "start" else f' text-anchor="{anchor}"'
        attributes += ' font-weight="bold"' if bold else ""
        attributes += f' fill="{fill}"' if fill and fill != INK else ""
        for index, line in enumerate(lines):
            if not line:
                continue
            y = first + index * LINE
            if turned:  # read bottom to top, as a value axis's title
                baseline = x + CENTRE_TO_BASELINE
                place = f'x="{_n(-middle)}" y="{_n(baseline)}" transform="rotate(-90)"'
            else:
                place = f'x="{_n(x)}" y="{_n(y)}"'
            self.parts.append(f"<text {place}{attributes}>{escape(line)}</text>")

    def write(self, width: float, height: float) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(width)}pt" '
            f'height="{_n(height)}pt" viewBox="0 0 {_n(width)} {_n(height)}">\n'
            f'<rect width="{_n(width)}" height="{_n(height)}" fill="{WHITE}"/>\n'
            f'<g font-family="{FONT_FAMILY}" font-size="{_n(FONT_SIZE)}" fill="{INK}">\n'
            + "\n".join(self.parts)
            + "\n</g>\n</svg>\n"
        )


# Axes ----------------------------------------------------------------------------------------


def integer_ticks(highest: float, most: int = 10) -> tuple[float, list[int]]:
    """The axis's end and its ticks, whole numbers from 0, at most ``most`` steps apart.

    Steps of 1, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, whichever whole step is the
    smallest that needs no more than ``most`` steps, as matplotlib's ``MaxNLocator`` did.
    The axis ends a twentieth past the highest value, so the largest bar clears the frame.
    """
    end = highest * 1.05 if highest > 0 else 1.0
    step = 1
    for power in range(0, 16):
        choices = (1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
        whole = [int(c * 10**power) for c in choices if (c * 10**power).is_integer()]
        fitting = [s for s in whole if math.ceil(end / s) <= most]
        if fitting:
            step = fitting[0]
            break
    return end, list(range(0, int(end) + 1, step))


def range_ticks(
    lowest: float, highest: float, most: int = 8, whole: bool = False
) -> tuple[float, float, list[float]]:
    """An axis around the values, not from 0: its start, its end and its ticks, at most
    ``most`` steps of 1, 2, 2.5 or 5 times a power of ten, ends on whole steps, so that a
    measure moving between 84% and 92% shows its movement. The chart says so by its numbers;
    its data table gives every value.

    Values close to zero keep it: when starting from 0 would no more than double the axis
    (counts from 2 to 5, a cumulative measure from 20% to 70%), the axis starts there.
    ``whole`` numbers (counts, pounds) get no tick between two whole numbers."""
    if 0 <= lowest <= highest - lowest:
        lowest = 0.0
    span = highest - lowest
    if span <= 0:
        span = abs(highest) / 10 or 1.0
    power = 10 ** math.floor(math.log10(span / most))
    steps = [choice * power for choice in (1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0)]
    if whole:
        steps = [step for step in steps if step.is_integer()] or [1.0]
    step = steps[-1]
    for step in steps:
        if math.ceil(highest / step) - math.floor(lowest / step) <= most:
            break
    start = math.floor(lowest / step) * step
    end = math.ceil(highest / step) * step
    if end - start < step * 2:  # room above and below a flat line
        start, end = start - step, end + step
    if lowest >= 0 > start:  # no negative numbers for values that cannot be
        start, end = 0.0, max(end, 2 * step)
    count = round((end - start) / step)
    return start, end, [start + index * step for index in range(count + 1)]


def _tick(value: float, grouped: bool = False) -> str:
    """A tick's number: 90, 92.5, 0.25; with ``grouped``, thousands separated: 6,500,000."""
    text = (f"{value:,.4f}" if grouped else f"{value:.4f}").rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclasses.dataclass(frozen=True, slots=True)
class _Key:
    """An entry of the key: ``kind`` "box", "edged" (a box), "line" or "diamond", its colour
    and its name."""

    kind: str
    colour: str
    name: str


KeyRows = list[list[tuple[_Key, str, float]]]  # each row's entries, names as shown, widths


def _key_rows(entries: list[_Key], room: float) -> KeyRows:
    """The key's entries in rows no wider than ``room``: (entry, shown name, width)."""
    rows: KeyRows = [[]]
    used = 0.0
    for entry in entries:
        name = fitted(_one_line(entry.name), room - KEY_HANDLE - KEY_HANDLE_GAP)
        width = KEY_HANDLE + KEY_HANDLE_GAP + text_width(name)
        if rows[-1] and used + KEY_COLUMN_GAP + width > room:
            rows.append([])
            used = 0.0
        used += (KEY_COLUMN_GAP if rows[-1] else 0) + width
        rows[-1].append((entry, name, width))
    return rows


def _draw_key(svg: _Svg, rows: KeyRows, width: float, top: float) -> None:
    for number, row in enumerate(rows):
        middle = top + (number + 0.5) * KEY_ROW
        used = sum(w for _, _, w in row) + KEY_COLUMN_GAP * (len(row) - 1)
        x = (width - used) / 2
        for entry, name, entry_width in row:
            centre = x + KEY_HANDLE / 2
            if entry.kind == "box":
                svg.rect(x, middle - 3.5, KEY_HANDLE, 7, entry.colour)
            elif entry.kind == "edged":
                svg.rect(x, middle - 3.5, KEY_HANDLE, 7, entry.colour, INK)
            elif entry.kind == "line":
                svg.line(x, middle, x + KEY_HANDLE, middle, _colour(entry.colour), 1.5)
                svg.circle(centre, middle, entry.colour)
            elif entry.kind == "dashed":
                points = [(x, middle), (x + KEY_HANDLE, middle)]
                svg.polyline(points, entry.colour, dashed=True)
            else:
                svg.diamond(centre, middle, 3.2)
            svg.text(x + KEY_HANDLE + KEY_HANDLE_GAP, middle, name)
            x += entry_width + KEY_COLUMN_GAP


def _key_height(rows: KeyRows) -> float:
    return len(rows) * KEY_ROW + KEY_BOTTOM


# The charts ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Drawn:
    svg: str
    width: float
    height: float


def svg_for(chart: Chart) -> Drawn:
    """The chart's SVG and its size in points, its text made drawable first."""
    chart = _drawable(chart)
    if isinstance(chart, BarChart):
        return _bar(chart)
    if isinstance(chart, LineChart):
        return _line(chart)
    return _gantt(chart)


def _bar(chart: BarChart) -> Drawn:
    svg = _Svg()
    width = WIDTH
    room = width / 2 - PAD - TICK - TICK_GAP  # the labels take at most half the width
    labels = [
        [fitted(line, room) for line in _wrapped(category, 30, 3)] for category in chart.categories
    ]
    left = PAD + TICK + TICK_GAP + max((_lines_width(lines) for lines in labels), default=0)
    right = width - 0.3 * 72
    key = _key_rows([_Key("box", s.colour, s.name) for s in chart.series], width - 2 * PAD)
    plot_height = (1.4 + 0.55 * len(chart.categories)) * 72 - PAD - (2 * LINE + 0.6 * 72)
    top = PAD
    bottom = top + plot_height
    height = bottom + TICK + TICK_GAP + 2 * LINE + 0.15 * 72 + _key_height(key)

    totals = [sum(s.numbers[i] for s in chart.series) for i in range(len(chart.categories))]
    end, ticks = integer_ticks(max(totals, default=0))
    scale = (right - left) / end

    # Category slots, the first at the top, each bar eight tenths of its slot, as matplotlib
    # lays them out with a twentieth of margin at either end.
    count = len(chart.categories)
    span = max(count - 0.2, 1.0) * 1.1
    slot = plot_height / span
    offset = (span - (count - 0.2)) / 2 + 0.4 if count else span / 2

    def y(index: float) -> float:
        return top + (offset + index) * slot

    for tick in ticks:  # the grid, behind the bars
        svg.line(left + tick * scale, top, left + tick * scale, bottom, GRID, 0.5)
    starts = [0.0] * count
    for series in chart.series:
        for index, value in enumerate(series.numbers):
            if value:
                x = left + starts[index] * scale
                svg.rect(x, y(index) - 0.4 * slot, value * scale, 0.8 * slot, series.colour)
        for index, value in enumerate(series.numbers):
            if value:
                centre = left + (starts[index] + value / 2) * scale
                ink = ink_on(_colour(series.colour, WHITE))
                svg.text(centre, y(index), f"{value:g}", anchor="middle", fill=ink)
        starts = [a + b for a, b in zip(starts, series.numbers, strict=True)]
    svg.line(left, top, left, bottom + SPINE / 2, INK, SPINE)
    svg.line(left - SPINE / 2, bottom, right, bottom, INK, SPINE)
    for index, lines in enumerate(labels):
        svg.line(left - TICK, y(index), left, y(index), INK, SPINE)
        svg.text(left - TICK - TICK_GAP, y(index), lines, anchor="end")
    numbers_middle = bottom + TICK + TICK_GAP + LINE / 2
    for tick in ticks:
        x = left + tick * scale
        svg.line(x, bottom, x, bottom + TICK, INK, SPINE)
        svg.text(x, numbers_middle, str(tick), anchor="middle")
    title = fitted(_one_line(chart.value_label), right - left)
    svg.text((left + right) / 2, numbers_middle + LINE + TITLE_GAP, title, anchor="middle")
    _draw_key(svg, key, width, height - _key_height(key))
    return Drawn(svg.write(width, height), width, height)


def _line(chart: LineChart) -> Drawn:
    svg = _Svg()
    width = WIDTH
    # A missing value (None, or NaN as the measure page gives it) is a gap.
    present = [
        value
        for series in chart.series
        for value in series.values
        if value is not None and not math.isnan(value)
    ]
    if chart.from_zero:
        start = 0.0
        end, whole = integer_ticks(max(present, default=0))
        ticks: list[float] = [float(tick) for tick in whole]
    else:
        start, end, ticks = range_ticks(
            min(present, default=0), max(present, default=0), whole=chart.decimals == 0
        )
    # A measure's axis groups its thousands (£6,500,000), as its table and the pack do.
    grouped = not chart.from_zero
    numbers = max((text_width(_tick(tick, grouped)) for tick in ticks), default=0)
    count = len(chart.categories)
    # Each quarter's name under its point, no wider than the room between points.
    room = (width - 2 * 72) / max(count, 1) - TICK_GAP
    names = [_category_lines(category, room) for category in chart.categories]
    # Names too wide for one line ("2020-21 Q1" among eight quarters) take two, all of them.
    extra = LINE if any(len(lines) > 1 for lines in names) else 0.0
    first = _lines_width(names[0]) / 2 if names else 0
    last = _lines_width(names[-1]) / 2 if names else 0
    left = max(PAD + LINE + 2 * TICK_GAP + TICK + numbers, PAD + first)
    right = width - max(0.3 * 72, PAD + last)
    key = _key_rows(
        [_Key("dashed" if s.dashed else "line", s.colour, s.name) for s in chart.series],
        width - 2 * PAD,
    )
    top = PAD
    bottom = 4.0 * 72 - (2 * LINE + 0.6 * 72)
    height = bottom + TICK + TICK_GAP + 2 * LINE + extra + 0.15 * 72 + _key_height(key)

    # The points, with a twentieth of margin at either end (a lone point in the middle).
    spread = count - 1

    def x(index: int) -> float:
        if spread <= 0:
            return (left + right) / 2
        return left + (right - left) * (0.05 * spread + index) / (1.1 * spread)

    def y(value: float) -> float:
        return bottom - (bottom - top) * (value - start) / (end - start)

    for tick in ticks:  # the grid, behind the lines
        svg.line(left, y(tick), right, y(tick), GRID, 0.5)
    for series in chart.series:
        # A missing value breaks the line; a target is dashed, without points.
        runs: list[list[tuple[float, float]]] = [[]]
        for index, value in enumerate(series.values):
            if value is None or math.isnan(value):
                runs.append([])
            else:
                runs[-1].append((x(index), y(value)))
        for run in runs:
            if len(run) > 1:
                svg.polyline(run, series.colour, dashed=series.dashed)
            elif run and series.dashed:
                svg.line(run[0][0] - 6, run[0][1], run[0][0] + 6, run[0][1], series.colour, 1.5)
            if not series.dashed:
                for point in run:
                    svg.circle(*point, series.colour)
    svg.line(left, top, left, bottom + SPINE / 2, INK, SPINE)
    svg.line(left - SPINE / 2, bottom, right, bottom, INK, SPINE)
    for tick in ticks:
        svg.line(left - TICK, y(tick), left, y(tick), INK, SPINE)
        svg.text(left - TICK - TICK_GAP, y(tick), _tick(tick, grouped), anchor="end")
    names_middle = bottom + TICK + TICK_GAP + (LINE + extra) / 2
    for index, name in enumerate(names):
        svg.line(x(index), bottom, x(index), bottom + TICK, INK, SPINE)
        svg.text(x(index), names_middle, name, anchor="middle")
    title = fitted(_one_line(chart.category_label), right - left)
    title_middle = names_middle + (LINE + extra) / 2 + LINE / 2 + TITLE_GAP
    svg.text((left + right) / 2, title_middle, title, anchor="middle")
    value_title = fitted(_one_line(chart.value_label), bottom - top)
    svg.text(PAD + LINE / 2, (top + bottom) / 2, value_title, anchor="middle", turned=True)
    _draw_key(svg, key, width, height - _key_height(key))
    return Drawn(svg.write(width, height), width, height)


def _category_lines(category: str, room: float) -> list[str]:
    """A category's name under its point: on one line if it fits, else broken at its last
    space ("2020-21" over "Q1"), each line cut short with "…" only if it still does not."""
    line = _one_line(category)
    if text_width(line) <= room or " " not in line:
        return [fitted(line, room)]
    head, _, tail = line.rpartition(" ")
    return [fitted(head, room), fitted(tail, room)]


ROW = 0.3 * 72  # a road map's row
GANTT_TOP = 0.6 * 72  # room above for the quarters' names
GANTT_BOTTOM = 0.3 * 72  # between the last row and the key


def _gantt(chart: GanttChart) -> Drawn:
    """The road map: a row per initiative under its priority's bold name, a bar from its start
    to its end in its status's colour, its milestones as diamonds, the quarters as columns."""
    svg = _Svg()
    width = GANTT_WIDTH
    room = width / 2 - PAD - TICK_GAP  # the labels take at most half the width
    labels: list[tuple[list[str], bool]] = []
    bars: list[tuple[int, date, date, str]] = []
    milestones: list[tuple[int, date]] = []
    for group in chart.groups():
        labels.append(([fitted(_one_line(group), room, bold=True)], True))
        for row in (row for row in chart.rows if row.group == group):
            label = shortened(row.label, 50)
            bars.append((len(labels), row.start, row.end, row.colour))
            milestones += [
                (len(labels), m.day) for m in row.milestones if chart.start <= m.day <= chart.end
            ]
            labels.append(([fitted(label, room)], False))
    widest = max((_lines_width(lines, bold) for lines, bold in labels), default=0)
    left = PAD + TICK_GAP + widest
    right = width - 0.3 * 72
    legend = [_Key("edged", colour, status) for status, colour in chart.legend()]
    key = _key_rows([*legend, _Key("diamond", INK, "Milestone")], width - 2 * PAD)
    top = GANTT_TOP
    bottom = top + max(len(labels), 1) * ROW
    height = bottom + GANTT_BOTTOM + _key_height(key)

    days = (chart.end - chart.start).days + 1
    scale = (right - left) / days

    def x(day: date) -> float:
        return left + (min(max(day, chart.start), chart.end) - chart.start).days * scale

    def y(row: int) -> float:
        return top + (row + 0.5) * ROW

    for place, start, finish, colour in bars:
        length = x(finish) + scale - x(start)
        svg.rect(x(start), y(place) - 0.3 * ROW, length, 0.6 * ROW, colour, INK)
    for period in chart.periods[1:]:
        svg.line(x(period.start), top, x(period.start), bottom, GRID, 0.8)
    for place, day in milestones:
        svg.diamond(x(day), y(place))
    svg.line(left, top, left, bottom, INK, SPINE)
    for place, (lines, bold) in enumerate(labels):
        svg.text(left - TICK_GAP, y(place), lines, anchor="end", bold=bold)
    for period in chart.periods:
        centre = (x(period.start) + x(period.end) + scale) / 2
        column = x(period.end) + scale - x(period.start) - TICK_GAP
        # "Q1" above "April-June", so four quarters fit side by side.
        lines = [fitted(line, column) for line in _one_line(period.label).split(" ", 1)]
        svg.text(centre, top - TICK_GAP - LINE * len(lines) / 2, lines, anchor="middle")
    _draw_key(svg, key, width, height - _key_height(key))
    return Drawn(svg.write(width, height), width, height)


# Pictures ------------------------------------------------------------------------------------


def draw(chart: Chart) -> ChartImages:
    """The chart's SVG now, and its PNG (painted by Typst) when first asked for."""
    drawn = svg_for(chart)
    return ChartImages(
        svg=drawn.svg,
        png=partial(paint_png, drawn),  # a partial, not a lambda: it pickles
        width_inches=drawn.width / 72,
        height_inches=drawn.height / 72,
    )


_PAGE = (
    "#set page(width: {w}pt, height: {h}pt, margin: 0pt)\n"
    '#image(bytes(sys.inputs.at("{key}")), format: "svg", width: 100%)\n'
)


def paint_png(drawn: Drawn) -> bytes:
    """The SVG rasterised at ``PNG_PPI`` by Typst, with the PDF's fonts and only those."""
    return paint_pngs([drawn])[0]


def paint_pngs(pictures: list[Drawn]) -> list[bytes]:
    """Several SVGs rasterised in one Typst run, a page each."""
    import typst

    from headway.committee.render.fonts import typst_fonts, typst_lock
    from headway.committee.render.processes import ForkFailed, in_fork

    if in_fork():
        # Typst would wait forever there for the threads of the process it was forked from.
        raise ForkFailed("A chart's picture was asked for in a forked process: paint it first.")

    source = "#pagebreak()\n".join(
        _PAGE.format(w=_n(drawn.width), h=_n(drawn.height), key=f"svg{index}")
        for index, drawn in enumerate(pictures)
    )
    inputs = {f"svg{index}": drawn.svg for index, drawn in enumerate(pictures)}
    with typst_lock:
        pages = typst.compile(
            source.encode(),
            format="png",
            ppi=PNG_PPI,
            font_paths=typst_fonts(),
            ignore_system_fonts=True,
            sys_inputs=inputs,
        )
    return [pages] if isinstance(pages, bytes) else list(pages)
