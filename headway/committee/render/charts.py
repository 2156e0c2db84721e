"""Chart specifications, their data tables, and the drawn images.

A chart is a frozen value: the same spec always draws the same bytes, so a pack draws each chart
once (``render_charts``) and hands the images to every renderer. Colours come with the data (a
status scale's colours), never from the chart code. Every chart also gives the table of the
figures it shows, which the renderers print beside it as its text alternative.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from headway.committee.document import Document

Row = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Series:
    """One coloured set of values, such as the count of Green initiatives for each priority.

    A line chart's series may miss values (None or NaN: a quarter without a figure, drawn as
    a gap) and may be ``dashed``, as a target is drawn.
    """

    name: str
    colour: str
    values: tuple[float | None, ...]
    dashed: bool = False

    @property
    def numbers(self) -> tuple[float, ...]:
        """The values, a missing one as 0 (bar charts have none missing)."""
        return tuple(0.0 if missing(value) else value or 0.0 for value in self.values)


def missing(value: float | None) -> bool:
    """Whether a line chart's value is a gap: None, or not a number (NaN)."""
    return value is None or value != value


def _format(value: float | None, decimals: int | None = None) -> str:
    """A value as its data table prints it: 12, 96.5, 1234.25, or with ``decimals`` always
    to that many places, thousands separated (96.0, 4,120,000); an en dash for none (nothing
    for NaN, as the measure page's charts give their gaps)."""
    if value is None:
        return "\u2013"
    if value != value:
        return ""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _check_series(title: str, categories: tuple[str, ...], series: tuple[Series, ...]) -> None:
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(
                f"Chart {title!r}: series {one.name!r} has {len(one.values)} values "
                f"for {len(categories)} categories; give one value per category."
            )


@dataclass(frozen=True, slots=True)
class BarChart:
    """Stacked horizontal bars: per category (a priority) the count in each series (a status)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    category_label: str = "Priority"
    value_label: str = "Initiatives"

    def __post_init__(self) -> None:
        _check_series(self.title, self.categories, self.series)
        if any(value is None for one in self.series for value in one.values):
            raise ValueError(f"Bar chart {self.title!r}: give every bar a value (0 for none).")

    def data_table(self) -> tuple[Row, tuple[Row, ...]]:
        header = (self.category_label, *(s.name for s in self.series), "Total")
        rows = []
        for index, category in enumerate(self.categories):
            values = [s.numbers[index] for s in self.series]
            rows.append((category, *map(_format, values), _format(sum(values))))
        return header, tuple(rows)


@dataclass(frozen=True, slots=True)
class LineChart:
    """One line per series across ordered categories, such as quarters."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    category_label: str = "Quarter"
    value_label: str = "Initiatives"
    # Counts start at 0; a measure's values (84% to 92%) get an axis around them.
    from_zero: bool = True
    # A measure's values are printed to its unit's places (headway.indicators.units).
    decimals: int | None = None

    def __post_init__(self) -> None:
        _check_series(self.title, self.categories, self.series)

    def data_table(self) -> tuple[Row, tuple[Row, ...]]:
        header = (self.category_label, *(s.name for s in self.series))
        rows = tuple(
            (category, *(_format(s.values[index], self.decimals) for s in self.series))
            for index, category in enumerate(self.categories)
        )
        return header, rows


@dataclass(frozen=True, slots=True)
class Period:
    """A column of the road map, such as ``Q1`` from 1 April to 30 June."""

    label: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Milestone:
    label: str
    day: date


@dataclass(frozen=True, slots=True)
class GanttRow:
    """One initiative on the road map: its bar, its status (named and coloured) and milestones."""

    group: str
    label: str
    start: date
    end: date
    status: str
    colour: str
    milestones: tuple[Milestone, ...] = ()

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Road map row {self.label!r} ends before it starts.")


@dataclass(frozen=True, slots=True)
class GanttChart:
    """The road map: initiatives grouped by priority across the periods of a year."""

    title: str
    periods: tuple[Period, ...]
    rows: tuple[GanttRow, ...]
    # The scale's (status, colour) pairs in its order, for the legend; else as rows show them.
    key: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError(f"Road map {self.title!r} needs at least one period.")

    @property
    def start(self) -> date:
        return self.periods[0].start

    @property
    def end(self) -> date:
        return self.periods[-1].end

    def groups(self) -> tuple[str, ...]:
        """The priorities in the order their first initiative appears."""
        return tuple(dict.fromkeys(row.group for row in self.rows))

    def legend(self) -> tuple[tuple[str, str], ...]:
        """(status, colour) pairs: the scale's order if given, else as the rows first show them."""
        return self.key or tuple(dict.fromkeys((row.status, row.colour) for row in self.rows))

    def data_table(self) -> tuple[Row, tuple[Row, ...]]:
        # The initiative comes first: it is the row's header, which names the row to a screen
        # reader as it reads each cell; the priority, the same for many rows, would not.
        header = ("Initiative", "Priority", "Start", "End", "Status", "Milestones")
        rows = tuple(
            (
                row.label,
                row.group,
                _day(row.start),
                _day(row.end),
                row.status,
                "; ".join(f"{m.label} ({_day(m.day)})" for m in row.milestones) or "None",
            )
            for group in self.groups()
            for row in self.rows
            if row.group == group
        )
        return header, rows


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


Chart = BarChart | LineChart | GanttChart


class ChartImages:
    """A chart drawn once: SVG for HTML and PDF, PNG for Word and PowerPoint.

    The PNG is painted the first time it is asked for, from the same laid-out figure: a pack
    prints its PDF from the SVGs while the Office files wait for their pictures, and a chart
    that only the web page and the PDF show never needs one.
    """

    __slots__ = ("_paint", "_png", "height_inches", "svg", "width_inches")

    def __init__(
        self,
        svg: str,
        png: bytes | Callable[[], bytes],
        width_inches: float,
        height_inches: float,
    ) -> None:
        self.svg = svg
        self.width_inches = width_inches
        self.height_inches = height_inches
        self._png: bytes | None = None if callable(png) else png
        self._paint: Callable[[], bytes] | None = png if callable(png) else None

    @property
    def png(self) -> bytes:
        if self._png is None:
            assert self._paint is not None
            # Two renderers asking at once get the one picture, painted once.
            with _painting:
                if self._png is None:
                    self._png, self._paint = self._paint(), None
        return self._png


_painting = threading.RLock()


@lru_cache(maxsize=32)
def draw_chart(chart: Chart) -> ChartImages:
    """Draw a chart; a spec drawn before comes from the cache."""
    from headway.committee.render.svg_charts import draw

    return draw(chart)


def paint_charts(images: Iterable[ChartImages]) -> None:
    """Paint the PNG of every chart not painted yet, in one run of Typst (a tenth quicker)."""
    from headway.committee.render.svg_charts import Drawn, paint_pngs

    with _painting:
        waiting = [one for one in images if one._png is None]
        if not waiting:
            return
        drawn = [Drawn(one.svg, one.width_inches * 72, one.height_inches * 72) for one in waiting]
        for one, png in zip(waiting, paint_pngs(drawn), strict=True):
            one._png, one._paint = png, None


def render_charts(source: Document | Iterable[Chart]) -> dict[Chart, ChartImages]:
    """Draw every chart of a document (or the given specs) once, for all four renderers."""
    from headway.committee.document import Document

    specs = source.charts() if isinstance(source, Document) else source
    return {chart: draw_chart(chart) for chart in specs}
