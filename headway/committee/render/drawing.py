"""Draw chart specs with matplotlib: SVG for HTML and PDF, PNG for Word and PowerPoint.

The output must be the same bytes every time: no dates in the metadata, a fixed hash salt for
the SVG's ids, fixed sizes and resolution. Text stays text in the SVG so screen readers, search
and the PDF's fonts all work.
"""

from __future__ import annotations

import io
import re
import textwrap
from typing import Any

import matplotlib
from lxml import etree
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

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


def _styled() -> Any:
    """The charts' look, for the drawing and again for the painting of the PNG."""
    # A literal, so the type checker can check the names of the settings.
    return matplotlib.rc_context(
        {
            "font.family": "sans-serif",
            "font.sans-serif": ["Liberation Sans", "Arial", "DejaVu Sans"],
            "font.size": 10,
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


def draw(chart: Chart) -> ChartImages:
    """Lay the chart out and write its SVG; its PNG is painted when first asked for."""
    with _styled():
        if isinstance(chart, BarChart):
            figure = _bar(chart)
        elif isinstance(chart, LineChart):
            figure = _line(chart)
        else:
            figure = _gantt(chart)
        width, height = figure.get_size_inches()
        svg = io.StringIO()
        figure.savefig(svg, format="svg", metadata={"Date": None})
    # Laid out once: the PNG keeps the SVG's layout instead of working it out again.
    figure.set_layout_engine("none")

    def paint() -> bytes:
        png = io.BytesIO()
        with _styled():
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
    styled and laid out again by every browser and by WeasyPrint for the PDF.
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


def _bar(chart: BarChart) -> Figure:
    height = 1.4 + 0.55 * len(chart.categories)
    figure = Figure(figsize=(WIDTH, height), layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(chart.categories)))
    left = [0.0] * len(chart.categories)
    for series in chart.series:
        bars = axes.barh(
            positions, series.values, left=left, color=series.colour, label=series.name
        )
        labels = [f"{value:g}" if value else "" for value in series.values]
        axes.bar_label(bars, labels=labels, label_type="center", color=ink_on(series.colour))
        left = [a + b for a, b in zip(left, series.values, strict=True)]
    axes.set_yticks(positions, [_wrap(category) for category in chart.categories])
    axes.invert_yaxis()
    axes.set_xlabel(chart.value_label)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="x", color=GRID, linewidth=0.5)
    axes.set_axisbelow(True)
    _tidy(axes)
    figure.legend(loc="outside lower center", ncols=max(1, len(chart.series)), frameon=False)
    return figure


def _line(chart: LineChart) -> Figure:
    figure = Figure(figsize=(WIDTH, 4.0), layout="constrained")
    axes = figure.add_subplot()
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
    figure.legend(loc="outside lower center", ncols=max(1, len(chart.series)), frameon=False)
    return figure


# The road map's frame, in inches: room above for the quarters, below for the key.
GANTT_TOP, GANTT_BOTTOM, GANTT_RIGHT = 0.6, 0.6, 0.25
# Roughly how wide a character of the row labels is, in inches, at 10 point Arial.
LABEL_CHARACTER = 0.074


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
    longest = max((len(line) for label in labels for line in label.splitlines()), default=0)
    left = min(width / 2, 0.3 + LABEL_CHARACTER * longest)
    figure = Figure(figsize=(width, height))
    axes = figure.add_axes(
        (
            left / width,
            GANTT_BOTTOM / height,
            1 - (left + GANTT_RIGHT) / width,
            1 - (GANTT_TOP + GANTT_BOTTOM) / height,
        )
    )
    if bars:
        rows, starts, lengths, colours = zip(*bars, strict=True)
        axes.barh(
            rows, lengths, left=starts, height=0.6, color=colours, edgecolor=INK, linewidth=0.4
        )
    if milestones:
        days, places = zip(*milestones, strict=True)
        axes.scatter(days, places, marker="D", s=28, color=INK, zorder=3, clip_on=False)
    axes.set_yticks(ticks, labels)
    for label, is_group in zip(axes.get_yticklabels(), bold, strict=True):
        label.set_fontweight("bold" if is_group else "normal")
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
    figure.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.05 / height),
        ncols=len(handles),
        frameon=False,
    )
    return figure
