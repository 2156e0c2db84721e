"""Stacked horizontal bar charts as inline SVG, drawn on the server without a plotting library.

A page shows the chart beside a table of the same figures: the table is the text
alternative, so the chart only has to be a faithful picture of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 360
LABEL_HEIGHT = 18
BAR_HEIGHT = 22
ROW_GAP = 10
LEGEND_ROW = 22
TOTAL_SPACE = 40  # room after the longest bar for its total
SWATCH = 16
# The characters of a bar's label that fit the chart's width at 13 px Arial; a longer label
# is cut with an ellipsis (the table beside the chart has it whole).
LABEL_CHARACTERS = 48


@dataclass(frozen=True)
class Series:
    """One kind of thing counted in every bar, e.g. "Approved", drawn in its colour."""

    key: str
    label: str
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _legend(series: Sequence[Series]) -> tuple[list[str], int]:
    """The key, wrapped onto as many rows as it needs; its shapes and its height."""
    shapes = []
    x, y = 0, 0
    for item in series:
        width = SWATCH + 6 + 7 * len(item.label) + 14
        if x and x + width > WIDTH:
            x, y = 0, y + LEGEND_ROW
        shapes.append(
            f'<rect x="{x}" y="{y + 2}" width="{SWATCH}" height="{SWATCH}" '
            f'fill="{escape(item.colour)}"/>'
            f'<text x="{x + SWATCH + 6}" y="{y + 14}">{escape(item.label)}</text>'
        )
        x += width
    return shapes, y + LEGEND_ROW + 8


def _fitted(label: str) -> str:
    """The label, cut to fit the chart's width."""
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def stacked_bars(title: str, bars: Sequence[Bar], series: Sequence[Series]) -> Markup:
    """An SVG of one bar per row, each split into its series, longest bar full width."""
    longest = max((bar.total for bar in bars), default=0) or 1
    scale = (WIDTH - TOTAL_SPACE) / longest
    shapes, top = _legend(series)
    row = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    for index, bar in enumerate(bars):
        y = top + index * row
        shapes.append(f'<text x="0" y="{y + 14}">{escape(_fitted(bar.label))}</text>')
        x = 0.0
        for item in series:
            count = bar.counts.get(item.key, 0)
            if count <= 0:
                continue
            width = count * scale
            shapes.append(
                f'<rect x="{x:.1f}" y="{y + LABEL_HEIGHT}" width="{width:.1f}" '
                f'height="{BAR_HEIGHT}" fill="{escape(item.colour)}" stroke="#ffffff">'
                f"<title>{escape(item.label)}: {count}</title></rect>"
            )
            x += width
        shapes.append(
            f'<text x="{x + 6:.1f}" y="{y + LABEL_HEIGHT + 16}" '
            f'class="hw-bars__total">{bar.total}</text>'
        )
    height = top + len(bars) * row
    return Markup(
        f'<svg class="hw-bars" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="arial, sans-serif" font-size="13">'
        f"<title>{escape(title)}</title>{''.join(shapes)}</svg>"
    )
