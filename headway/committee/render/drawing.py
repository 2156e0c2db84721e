"""Draw chart specs with matplotlib: SVG for HTML and PDF, PNG for Word and PowerPoint.

The output must be the same bytes every time: no dates in the metadata, a fixed hash salt for
the SVG's ids, fixed sizes and resolution. Text stays text in the SVG so screen readers, search
and the PDF's fonts all work.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

import matplotlib
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


def draw(chart: Chart) -> ChartImages:
    # A literal, so the type checker can check the names of the settings.
    with matplotlib.rc_context(
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
    ):
        if isinstance(chart, BarChart):
            figure = _bar(chart)
        elif isinstance(chart, LineChart):
            figure = _line(chart)
        else:
            figure = _gantt(chart)
        width, height = figure.get_size_inches()
        svg = io.StringIO()
        figure.savefig(svg, format="svg", metadata={"Date": None})
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return ChartImages(
        svg=svg.getvalue(), png=png.getvalue(), width_inches=width, height_inches=height
    )


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


def _gantt(chart: GanttChart) -> Figure:
    groups = chart.groups()
    lines = len(chart.rows) + len(groups)
    figure = Figure(figsize=(WIDTH + 2, 1.6 + 0.3 * lines), layout="constrained")
    axes = figure.add_subplot()
    origin = chart.start

    def x(day: Any) -> float:
        return float((min(max(day, chart.start), chart.end) - origin).days)

    ticks: list[float] = []
    labels: list[str] = []
    bold: list[bool] = []
    y = 0
    for group in groups:
        ticks.append(y)
        labels.append(_wrap(group, 45))
        bold.append(True)
        y += 1
        for row in (row for row in chart.rows if row.group == group):
            ticks.append(y)
            labels.append(textwrap.shorten(row.label, 50, placeholder="…"))
            bold.append(False)
            axes.barh(y, x(row.end) - x(row.start) + 1, left=x(row.start), height=0.6)
            axes.patches[-1].set_facecolor(row.colour)
            axes.patches[-1].set_edgecolor(INK)
            axes.patches[-1].set_linewidth(0.4)
            days = [x(m.day) for m in row.milestones if chart.start <= m.day <= chart.end]
            if days:
                axes.scatter(days, [y] * len(days), marker="D", s=28, color=INK, zorder=3)
            y += 1
    axes.set_yticks(ticks, labels)
    for label, is_group in zip(axes.get_yticklabels(), bold, strict=True):
        label.set_fontweight("bold" if is_group else "normal")
    # An empty road map (no initiatives planned in the year) still gets one row's height.
    axes.set_ylim(max(y, 1) - 0.5, -0.5)
    axes.set_xlim(0, x(chart.end) + 1)
    for period in chart.periods[1:]:
        axes.axvline(x(period.start), color=GRID, linewidth=0.8)
    axes.set_xticks(
        [(x(p.start) + x(p.end)) / 2 for p in chart.periods], [p.label for p in chart.periods]
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
    figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    return figure
