"""Render a report as one standalone, accessible HTML page: the cover report, then Appendix 1.

The page is what committee members read on a phone (the PDF is typeset from the same document
by Typst, in the same order), so it carries its own styles (screen and print) and its charts as
inline SVG with a title, a description and the data table below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC
from functools import cache
from itertools import count
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from headway.committee.document import Document, Figure, Status, long_date, outline
from headway.committee.render.charts import Chart, ChartImages, render_charts
from headway.committee.render.ooxml import ink_on

TEMPLATES = Path(__file__).parent / "templates"

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^)"]+)')


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["long_date"] = long_date
    environment.filters["status_style"] = _status_style
    environment.tests["status"] = lambda value: isinstance(value, Status)
    environment.tests["unbroken"] = _unbroken
    return environment


def render_html(document: Document, charts: Mapping[Chart, ChartImages] | None = None) -> str:
    """The report and its appendix as a standalone HTML5 page."""
    charts = charts if charts is not None else render_charts(document)
    template = _environment().get_template("committee/report.html")
    return template.render(
        document=document,
        outline=outline(document),
        deck=document.appendix,
        created=document.generated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        chart=_inliner(charts),
    )


# Letters in a row that no table column is wide enough for on a phone.
UNBROKEN = 24


def _unbroken(value: object) -> bool:
    """Whether a cell holds a word longer than ``UNBROKEN`` letters (a pasted link, say)."""
    text = value.label if isinstance(value, Status) else str(value)
    return any(len(word) > UNBROKEN for word in text.split())


def _status_style(status: Status) -> str:
    return f"background-color: {status.colour}; color: {ink_on(status.colour)}"


def _inliner(charts: Mapping[Chart, ChartImages]) -> Callable[[Figure], Markup]:
    """Inline each figure's SVG with ids of its own, so two copies of a chart cannot clash."""
    numbers = count(1)

    def inline(figure: Figure) -> Markup:
        images = charts.get(figure.chart) or render_charts([figure.chart])[figure.chart]
        return inline_svg(images.svg, f"chart{next(numbers)}-", figure.caption, figure.alt)

    return inline


def inline_svg(svg: str, prefix: str, title: str, description: str) -> Markup:
    """A chart's SVG made fit for a page: no prologue, scalable, named for screen readers."""
    body = _METADATA.sub("", _PROLOGUE.sub("", svg, count=1), count=1)
    body = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', body)
    body = _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", body)
    opening, rest = body.split(">", 1)
    opening = _SIZE.sub("", opening)
    label = (
        f' class="chart" role="img" focusable="false" '
        f'aria-labelledby="{prefix}title {prefix}desc">'
        f'<title id="{prefix}title">{escape(title)}</title>'
        f'<desc id="{prefix}desc">{escape(description)}</desc>'
    )
    return Markup(opening + label + rest.strip())
