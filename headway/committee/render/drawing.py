"""Draw chart specs with matplotlib: SVG for HTML and PDF, PNG for Word and PowerPoint.

The output must be the same bytes every time: no dates in the metadata, a fixed hash salt for
the SVG's ids, fixed sizes and resolution. Text stays text in the SVG so screen readers, search
and the PDF's fonts all work.
"""

from __future__ import annotations

import dataclasses
import io
import re
import textwrap
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from lxml import etree
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import LoadFlags
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

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
PNG_DPI = 150
WIDTH = 7.0
FONT_SIZE = 10


@cache
def _fonts_known() -> None:
    """Make sure matplotlib knows the machine's copies of the charts' fonts.

    matplotlib lists the machine's fonts once and keeps the list between runs, so a font
    installed afterwards (Liberation Sans, say) stays unknown to it, and the charts quietly
    come out in DejaVu Sans, wider than the report's Arial. This adds any it has missed.
    """
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known and Path(path).name.lower().startswith(_CHART_FONT_FILES):
            font_manager.fontManager.addfont(path)


_CHART_FONT_FILES = ("liberationsans", "arial")
_CHART_FAMILIES = ["sans-serif", "DejaVu Sans"]


def styled() -> Any:
    """The charts' look, for the drawing and again for the painting of the PNG."""
    _fonts_known()
    # A literal, so the type checker can check the names of the settings.
    return matplotlib.rc_context(
        {
            # A list, so a letter Liberation Sans lacks (Hebrew, Arabic, many symbols) is
            # painted from DejaVu Sans, which matplotlib ships, rather than as an empty box.
            "font.family": _CHART_FAMILIES,
            "font.sans-serif": ["Liberation Sans", "Arial", "DejaVu Sans"],
            "font.size": FONT_SIZE,
            "axes.edgecolor": INK,
            "axes.labelcolor": INK,
            "text.color": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "svg.fonttype": "none",
            "svg.hashsalt": "headway",
            "path.simplify": True,
        }
    )


def figure_for(chart: Chart) -> Figure:
    """The chart laid out as a matplotlib figure (call it inside ``styled()``)."""
    if isinstance(chart, BarChart):
        return _bar(chart)
    if isinstance(chart, LineChart):
        return _line(chart)
    return _gantt(chart)


def draw(chart: Chart) -> ChartImages:
    """Lay the chart out and write its SVG; its PNG is painted when first asked for."""
    with styled():
        figure = figure_for(_drawable(chart))
        width, height = figure.get_size_inches()
        svg = io.StringIO()
        figure.savefig(svg, format="svg", metadata={"Date": None})

    def paint() -> bytes:
        png = io.BytesIO()
        with styled():
            figure.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        return png.getvalue()

    return ChartImages(
        svg=slim_svg(svg.getvalue()), png=paint, width_inches=width, height_inches=height
    )


_SVG_GROUP = "{http://www.w3.org/2000/svg}g"
_REFERENCED = re.compile(r'(?:url\(#|href="#)([^)"]+)')
# matplotlib's own output, but parsed as if it were not: no entities, no network.
_SVG_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def slim_svg(svg: str) -> str:
    """matplotlib's SVG without the groups it wraps round every element just to name it.

    A group that carries nothing but an id no reference points at draws nothing of its own:
    its children take its place. They were about a third of a chart's elements, each one
    styled and laid out again by every browser and by Typst for the PDF.
    """
    referenced = set(_REFERENCED.findall(svg))
    root = etree.fromstring(svg.encode(), _SVG_PARSER)
    for group in list(root.iter(_SVG_GROUP)):
        if set(group.attrib) - {"id"} or group.get("id") in referenced:
            continue
        children = list(group)
        if children:
            children[-1].tail = group.tail  # the white space that followed the group
        parent = group.getparent()
        at = parent.index(group)
        parent[at : at + 1] = children
    # The whole file, declaration and doctype too: the SVG stands on its own as well.
    return etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True).decode()


def _wrap(text: str, width: int = 30) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _tidy(axes: Any) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


# A chart's frame, in inches: room for the labels round the axes, worked out from the labels
# themselves rather than by matplotlib's layout engine, which measured every label several
# times over and took about half the time of drawing a chart.
PAD = 0.1  # between a label and the edge of the figure
TICK_GAP = 3.5 / 72  # matplotlib's gap between a tick label and its axis
LINE = FONT_SIZE * 1.2 / 72  # a line of text
KEY = 0.45  # the key under the chart, and the gap above it


def _text_inches(text: str, bold: bool = False) -> float:
    """How wide ``text`` (its widest line) is at the charts' font and size, in inches.

    Its letters' advances added up, each looked up once, with a twentieth more for the hinting
    of the painted PNG: measuring whole labels took a third of the time of drawing a road map.
    """
    widest = max(
        (sum(_advance(letter, bold) for letter in line) for line in text.splitlines()),
        default=0.0,
    )
    return 1.05 * widest


def _fitted(label: str, room: float, bold: bool = False) -> str:
    """The label with each line cut short, ending "…", where it is wider than ``room`` inches."""
    lines = []
    for line in label.splitlines():
        if _text_inches(line, bold) > room:
            while len(line) > 1 and _text_inches(line + "…", bold) > room:
                line = line[:-1].rstrip()
            line += "…"
        lines.append(line)
    return "\n".join(lines)


@cache
def _advance(letter: str, bold: bool) -> float:
    # Called while drawing, so the charts' own font settings apply: the first of the
    # charts' fonts that has the letter paints it.
    font = _font_for(letter, bold) or _font_for("M", bold)
    assert font is not None
    font.set_size(FONT_SIZE, 72)
    advance = font.load_char(ord(letter), flags=LoadFlags.NO_HINTING).linearHoriAdvance
    return float(advance) / 65536 / 72  # 16.16 fixed point, in points at 72 to the inch


def _font_for(letter: str, bold: bool = False) -> Any:
    weight = "bold" if bold else "normal"
    for family in _CHART_FAMILIES:
        path = font_manager.findfont(FontProperties(family=family, weight=weight))
        font = font_manager.get_font(path)
        if font.get_char_index(ord(letter)):
            return font
    return None


# Joiners, variation selectors and skin tones: parts of an emoji, named with it or not at all.
_EMOJI_PARTS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


@cache
def drawable_text(text: str) -> str:
    """The text with each character none of the charts' fonts has (an emoji, say) replaced by
    its name, "(smiling face)", so a chart never shows an empty box where a symbol was."""
    if text.isascii():
        return text
    _fonts_known()
    out = []
    for letter in _EMOJI_PARTS.sub("", text):
        if letter.isspace() or unicodedata.combining(letter) or _font_for(letter):
            out.append(letter)
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


def _framed(
    width: float, height: float, left: float, bottom: float, top: float
) -> tuple[Figure, Any]:
    """A figure with one set of axes, ``left``, ``bottom`` and ``top`` inches in from its edges."""
    figure = Figure(figsize=(width, height))
    right = 0.3  # half the widest tick label under the far end of the axis
    axes = figure.add_axes(
        (left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height)
    )
    return figure, axes


def _key(figure: Figure, height: float, ncols: int, handles: list[Any] | None = None) -> None:
    """The key, centred along the bottom of the figure."""
    figure.legend(
        **({"handles": handles} if handles is not None else {}),
        loc="lower center",
        bbox_to_anchor=(0.5, 0.05 / height),
        ncols=ncols,
        frameon=False,
    )


def _bar(chart: BarChart) -> Figure:
    height = 1.4 + 0.55 * len(chart.categories)
    room = WIDTH / 2 - PAD - TICK_GAP  # the labels take at most half the width
    labels = [_fitted(_wrap(category), room) for category in chart.categories]
    left = PAD + TICK_GAP + max((_text_inches(label) for label in labels), default=0)
    figure, axes = _framed(WIDTH, height, left, 2 * LINE + KEY + 0.15, PAD)
    positions = list(range(len(chart.categories)))
    starts = [0.0] * len(chart.categories)
    for series in chart.series:
        bars = axes.barh(
            positions, series.values, left=starts, color=series.colour, label=series.name
        )
        numbers = [f"{value:g}" if value else "" for value in series.values]
        axes.bar_label(bars, labels=numbers, label_type="center", color=ink_on(series.colour))
        starts = [a + b for a, b in zip(starts, series.values, strict=True)]
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_xlabel(chart.value_label)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="x", color=GRID, linewidth=0.5)
    axes.set_axisbelow(True)
    _tidy(axes)
    _key(figure, height, max(1, len(chart.series)))
    return figure


def _line(chart: LineChart) -> Figure:
    height = 4.0
    highest = max((value for series in chart.series for value in series.values), default=0)
    # The axis may go a tick past the highest value, which can take one more digit.
    numbers = _text_inches("0" * (len(f"{int(highest)}") + 1))
    left = PAD + LINE + 2 * TICK_GAP + numbers
    figure, axes = _framed(WIDTH, height, left, 2 * LINE + KEY + 0.15, PAD)
    positions = list(range(len(chart.categories)))
    for series in chart.series:
        axes.plot(positions, series.values, marker="o", color=series.colour, label=series.name)
    axes.set_xticks(positions, list(chart.categories))
    axes.set_xlabel(chart.category_label)
    axes.set_ylabel(chart.value_label)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", color=GRID, linewidth=0.5)
    _tidy(axes)
    _key(figure, height, max(1, len(chart.series)))
    return figure


# The road map's room above for the quarters and below for the key, in inches.
GANTT_TOP, GANTT_BOTTOM = 0.6, 0.6


def _gantt(chart: GanttChart) -> Figure:
    """The road map as bars on a timeline, a row per initiative under its priority.

    Drawn as one set of bars and one set of milestones, with a frame worked out from the
    labels' length rather than by a layout engine: a long road map has hundreds of rows, and
    drawing them one by one, then measuring every label to lay them out, took most of the time.
    """
    origin = chart.start

    def x(day: Any) -> float:
        return float((min(max(day, chart.start), chart.end) - origin).days)

    ticks: list[float] = []
    labels: list[str] = []
    bold: list[bool] = []
    bars: list[tuple[float, float, float, str]] = []  # row, start, length, colour
    milestones: list[tuple[float, float]] = []
    y = 0
    for group in chart.groups():
        ticks.append(y)
        labels.append(_wrap(group, 45))
        bold.append(True)
        y += 1
        for row in (row for row in chart.rows if row.group == group):
            ticks.append(y)
            labels.append(textwrap.shorten(row.label, 50, placeholder="…"))
            bold.append(False)
            bars.append((y, x(row.start), x(row.end) - x(row.start) + 1, row.colour))
            milestones += [
                (x(m.day), y) for m in row.milestones if chart.start <= m.day <= chart.end
            ]
            y += 1
    width, height = WIDTH + 2, 1.6 + 0.3 * y
    room = width / 2 - PAD - TICK_GAP  # the labels take at most half the width
    labels = [_fitted(label, room, is_group) for label, is_group in zip(labels, bold, strict=True)]
    widest = max(
        (_text_inches(label, is_group) for label, is_group in zip(labels, bold, strict=True)),
        default=0,
    )
    left = PAD + TICK_GAP + widest
    figure, axes = _framed(width, height, left, GANTT_BOTTOM, GANTT_TOP)
    if bars:
        rows, starts, lengths, colours = zip(*bars, strict=True)
        axes.barh(
            rows, lengths, left=starts, height=0.6, color=colours, edgecolor=INK, linewidth=0.4
        )
    if milestones:
        days, places = zip(*milestones, strict=True)
        axes.scatter(days, places, marker="D", s=28, color=INK, zorder=3, clip_on=False)
    # The rows' names as text beside the axis: a tick for each row drew far slower.
    beside = blended_transform_factory(
        axes.transAxes + ScaledTranslation(-TICK_GAP, 0, figure.dpi_scale_trans), axes.transData
    )
    axes.set_yticks([])
    for place, label, is_group in zip(ticks, labels, bold, strict=True):
        axes.text(
            0,
            place,
            label,
            transform=beside,
            ha="right",
            va="center",
            fontweight="bold" if is_group else "normal",
        )
    # An empty road map (no initiatives planned in the year) still gets one row's height.
    axes.set_ylim(max(y, 1) - 0.5, -0.5)
    axes.set_xlim(0, x(chart.end) + 1)
    for period in chart.periods[1:]:
        axes.axvline(x(period.start), color=GRID, linewidth=0.8)
    axes.set_xticks(
        [(x(p.start) + x(p.end)) / 2 for p in chart.periods],
        # "Q1" above "April-June", so four quarters fit side by side.
        [p.label.replace(" ", "\n", 1) for p in chart.periods],
    )
    axes.xaxis.tick_top()
    axes.tick_params(axis="both", length=0)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    handles: list[Any] = [
        Patch(facecolor=colour, edgecolor=INK, linewidth=0.4, label=status)
        for status, colour in chart.legend()
    ]
    handles.append(
        Line2D([], [], marker="D", color=INK, linestyle="none", markersize=5, label="Milestone")
    )
    _key(figure, height, len(handles), handles)
    return figure
