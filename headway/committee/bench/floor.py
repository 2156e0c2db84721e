"""The benchmark's floor: the pack's libraries writing the pack's words, rows and charts as
plainly as they can, with no composing, no styling and no document model.

``floor_content`` lifts the text, tables and charts out of a composed document beforehand (it
is not timed); ``write_floor`` is what is timed. What the floor writes matches the pack's
files: the cover report and every figure's data table in Word, HTML and PDF (by Typst); a slide
per slide in PowerPoint, with native charts for bars and lines and the road map as a picture
followed by its data; every chart written once as a plain SVG of its bars or lines and
their labels, and rasterised to PNG by Typst.
"""

from __future__ import annotations

import html
import io
import json
from dataclasses import dataclass
from typing import Any

from headway.committee.document import (
    BulletList,
    Document,
    Figure,
    NumberedParagraph,
    OrderedList,
    Paragraph,
    Section,
    Status,
    Table,
    outline,
    walk,
)
from headway.committee.render.charts import BarChart, Chart, GanttChart, LineChart

Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]
    rows: Rows


@dataclass(frozen=True)
class Picture:
    chart: Chart


Part = Text | Heading | Grid | Picture


@dataclass(frozen=True)
class FloorSlide:
    title: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class FloorContent:
    title: str
    cover: tuple[Part, ...]
    slides: tuple[FloorSlide, ...]
    charts: tuple[Chart, ...]
    data: dict[str, Any]


def _cells(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(cell.label if isinstance(cell, Status) else cell for cell in row)


def _grid(table: Table) -> Grid:
    return Grid(table.header, tuple(_cells(row) for row in table.rows))


def _parts(block: Any, depth: int) -> list[Part]:
    if isinstance(block, Section):
        return [Heading(block.title, min(depth, 3))]
    if isinstance(block, Paragraph | NumberedParagraph):
        return [Text(block.text)]
    if isinstance(block, BulletList | OrderedList):
        return [Text(item.text) for item in block.items]
    if isinstance(block, Table):
        return [_grid(block)]
    if isinstance(block, Figure):
        return [Picture(block.chart), _grid(block.table)]
    raise TypeError(f"No floor for {type(block).__name__}.")


def floor_content(document: Document, data: dict[str, Any]) -> FloorContent:
    """What the floor writes, taken from a composed document."""
    cover: list[Part] = [Grid(("", ""), document.header_rows())]
    for placed in walk(outline(document)):
        cover += _parts(placed.block, placed.depth)
    slides = []
    for slide in document.appendix.slides if document.appendix else ():
        parts = [part for block in slide.blocks for part in _parts(block, 1)]
        # Native charts carry their own data, so the deck shows only the pictures' tables.
        shown = [
            part
            for index, part in enumerate(parts)
            if not (
                isinstance(part, Grid)
                and index
                and isinstance(parts[index - 1], Picture)
                and not isinstance(parts[index - 1].chart, GanttChart)  # type: ignore[union-attr]
            )
        ]
        slides.append(FloorSlide(slide.title, tuple(shown)))
    return FloorContent(document.title, tuple(cover), tuple(slides), document.charts(), data)


def _svg(chart: Chart) -> tuple[str, float, float]:
    """The chart's bars or lines and their labels as a plain SVG, placed by fixed steps with no
    measuring, fitting or axes: the least a chart can be written as, and its size in points."""
    from xml.sax.saxutils import escape

    shapes: list[str] = []
    if isinstance(chart, GanttChart):
        width, height = 648.0, 21.6 * (len(chart.rows) + len(chart.groups())) + 115
        days = max((chart.end - chart.start).days, 1)
        for y, row in enumerate(chart.rows):
            x = 324 + 300 * (row.start - chart.start).days / days
            length = 300 * ((row.end - row.start).days + 1) / days
            shapes.append(
                f'<rect x="{x:.2f}" y="{43 + 21.6 * y:.2f}" width="{length:.2f}" height="13" '
                f'fill="{row.colour}"/><text x="320" y="{53 + 21.6 * y:.2f}" '
                f'text-anchor="end">{escape(row.label)}</text>'
            )
            shapes += [
                f'<rect x="{324 + 300 * (m.day - chart.start).days / days:.2f}" '
                f'y="{46 + 21.6 * y:.2f}" width="6" height="6" fill="#0b0c0c"/>'
                for m in row.milestones
            ]
    else:
        width, height = 504.0, 72 * (1.4 + 0.55 * len(chart.categories))
        totals = [sum(s.numbers[i] for s in chart.series) for i in range(len(chart.categories))]
        highest = max(totals, default=1)
        scale = 300 / (highest or 1)
        for y, category in enumerate(chart.categories):
            shapes.append(
                f'<text x="150" y="{30 + 40 * y}" text-anchor="end">{escape(category)}</text>'
            )
        lefts = [0.0] * len(chart.categories)
        for series in chart.series:
            if isinstance(chart, BarChart):
                for y, value in enumerate(series.numbers):
                    shapes.append(
                        f'<rect x="{154 + lefts[y] * scale:.2f}" y="{20 + 40 * y}" '
                        f'width="{value * scale:.2f}" height="30" fill="{series.colour}"/>'
                    )
                lefts = [a + b for a, b in zip(lefts, series.numbers, strict=True)]
            else:
                points = " ".join(
                    f"{154 + 100 * x},{height - 60 - value * scale:.2f}"
                    for x, value in enumerate(series.numbers)
                )
                shapes.append(f'<polyline points="{points}" fill="none" stroke="{series.colour}"/>')
            shapes.append(f'<text x="10" y="{height - 10:.2f}">{escape(series.name)}</text>')
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.2f}pt" height="{height:.2f}pt" '
        f'viewBox="0 0 {width:.2f} {height:.2f}" font-family="Liberation Sans" font-size="10">'
        + "".join(shapes)
        + "</svg>"
    )
    return svg, width, height


def _draw(charts: tuple[Chart, ...]) -> dict[Chart, tuple[str, bytes]]:
    """Each chart's SVG, and its PNG rasterised from it by Typst at 150 ppi, all in one run."""
    import typst

    from headway.committee.render.fonts import typst_fonts

    drawn = [_svg(chart) for chart in charts]
    source = "#pagebreak()\n".join(
        f"#set page(width: {width:.2f}pt, height: {height:.2f}pt, margin: 0pt)\n"
        f'#image(bytes(sys.inputs.at("svg{index}")), format: "svg", width: 100%)\n'
        for index, (_, width, height) in enumerate(drawn)
    )
    pngs: Any = (
        typst.compile(
            source.encode(),
            format="png",
            ppi=150,
            font_paths=typst_fonts(),
            ignore_system_fonts=True,
            sys_inputs={f"svg{index}": svg for index, (svg, _, _) in enumerate(drawn)},
        )
        if charts
        else []
    )
    pngs = [pngs] if isinstance(pngs, bytes) else pngs
    return {chart: (svg, png) for chart, (svg, _, _), png in zip(charts, drawn, pngs, strict=True)}


def _docx(content: FloorContent, pictures: dict[Chart, tuple[str, bytes]]) -> bytes:
    import docx
    from docx.shared import Inches

    out = docx.Document()
    out.add_heading(content.title, 0)
    for part in content.cover:
        if isinstance(part, Heading):
            out.add_heading(part.text, part.level)
        elif isinstance(part, Text):
            out.add_paragraph(part.text)
        elif isinstance(part, Grid):
            table = out.add_table(rows=len(part.rows) + 1, cols=len(part.header))
            for r, row in enumerate((part.header, *part.rows)):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        else:
            out.add_picture(io.BytesIO(pictures[part.chart][1]), width=Inches(6))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _pptx(content: FloorContent, pictures: dict[Chart, tuple[str, bytes]]) -> bytes:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    out = Presentation()
    out.slides.add_slide(out.slide_layouts[0]).shapes.title.text = content.title
    box = (Inches(0.5), Inches(1.5), Inches(9), Inches(5))
    for spec in content.slides:
        slide = out.slides.add_slide(out.slide_layouts[5])
        slide.shapes.title.text = spec.title
        for part in spec.parts:
            if isinstance(part, Text):
                slide.shapes.add_textbox(*box).text_frame.text = part.text
            elif isinstance(part, Grid):
                rows = (part.header, *part.rows)
                table = slide.shapes.add_table(len(rows), len(part.header), *box).table
                for r, row in enumerate(rows):
                    for c, text in enumerate(row):
                        table.cell(r, c).text = text
            elif not isinstance(part, Picture):
                continue  # the deck has no headings of its own but the slides' titles
            elif isinstance(part.chart, BarChart | LineChart) and part.chart.categories:
                data = CategoryChartData()
                data.categories = part.chart.categories
                for series in part.chart.series:
                    data.add_series(series.name, series.values)
                kind = (
                    XL_CHART_TYPE.BAR_STACKED
                    if isinstance(part.chart, BarChart)
                    else XL_CHART_TYPE.LINE_MARKERS
                )
                slide.shapes.add_chart(kind, *box, data)
            else:
                slide.shapes.add_picture(io.BytesIO(pictures[part.chart][1]), *box[:2])
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _html(content: FloorContent, pictures: dict[Chart, tuple[str, bytes]]) -> str:
    body = [f"<h1>{html.escape(content.title)}</h1>"]
    parts = [*content.cover] + [
        part for slide in content.slides for part in (Heading(slide.title, 2), *slide.parts)
    ]
    for part in parts:
        if isinstance(part, Heading):
            body.append(f"<h{part.level + 1}>{html.escape(part.text)}</h{part.level + 1}>")
        elif isinstance(part, Text):
            body.append(f"<p>{html.escape(part.text)}</p>")
        elif isinstance(part, Grid):
            cells = [
                "<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in row) + "</tr>"
                for row in (part.header, *part.rows)
            ]
            body.append(f"<table>{''.join(cells)}</table>")
        else:
            svg = pictures[part.chart][0]
            body.append(svg[svg.index("<svg") :])
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{html.escape(content.title)}</title></head><body>{''.join(body)}</body></html>"
    )


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _typst(content: FloorContent, pictures: dict[Chart, tuple[str, bytes]]) -> bytes:
    """The cover report and the slides' words, rows and charts, typeset by Typst as plainly
    as it will: no styles, no numbering, but tagged PDF/UA-1 as the pack's is."""
    import typst

    from headway.committee.render.fonts import FAMILY_NAMES, typst_fonts

    fonts = ", ".join(_literal(name) for name in FAMILY_NAMES)
    body = [
        f"#set document(title: {_literal(content.title)})",
        f'#set text(font: ({fonts},), lang: "en", region: "gb")',
        f"#heading(level: 1, {_literal(content.title)})",
    ]
    parts = [*content.cover] + [
        part for slide in content.slides for part in (Heading(slide.title, 2), *slide.parts)
    ]
    for part in parts:
        if isinstance(part, Heading):
            body.append(f"#heading(level: {part.level + 1}, {_literal(part.text)})")
        elif isinstance(part, Text):
            body.append(f"#par({_literal(part.text)})")
        elif isinstance(part, Grid):
            cells = [f"table.header({', '.join(_literal(text) for text in part.header)})"]
            cells += [_literal(text) for row in part.rows for text in row]
            body.append(f"#table(columns: {len(part.header)}, {', '.join(cells)})")
        else:
            svg = pictures[part.chart][0]
            body.append(
                f'#image(bytes({_literal(svg[svg.index("<svg") :])}), format: "svg", '
                f"alt: {_literal(part.chart.title)}, width: 100%)"
            )
    pdf = typst.compile(
        "\n".join(body).encode(),
        font_paths=typst_fonts(),
        ignore_system_fonts=True,
        pdf_standards=["ua-1"],
    )
    assert isinstance(pdf, bytes)
    return pdf


def write_floor(content: FloorContent) -> dict[str, bytes]:
    """The floor's five files."""
    pictures = _draw(content.charts)
    page = _html(content, pictures)
    return {
        "report.docx": _docx(content, pictures),
        "appendix.pptx": _pptx(content, pictures),
        "report.html": page.encode(),
        "report.pdf": _typst(content, pictures),
        "data.json": json.dumps(content.data, indent=2, sort_keys=True).encode(),
    }
