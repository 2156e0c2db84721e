"""Shapes on a slide: text, tables, native charts and pictures, all in Arial with alt text."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.util import Emu, Inches, Pt

from headway.committee import slide_fit
from headway.committee.document import (
    BulletList,
    OrderedList,
    Paragraph,
    Run,
    SlideBlock,
    Status,
    Table,
)
from headway.committee.render.charts import BarChart, ChartImages, LineChart
from headway.committee.render.ooxml import ink_on
from headway.lib.text import is_right_to_left

FONT = "Arial"
INK = RGBColor.from_string("0B0C0C")
BODY_SIZE = Pt(slide_fit.BODY_POINTS)
TABLE_SIZE = Pt(slide_fit.TABLE_POINTS)
FOOTER_SIZE = Pt(10)
ROW_HEIGHT = Inches(slide_fit.ROW_INCHES)
CELL_MARGIN = Inches(slide_fit.CELL_MARGIN_Y)
_ALGN = {"left": "l", "centre": "ctr", "right": "r"}


def style_run(run: Any, size: Any, bold: bool = False, colour: RGBColor = INK) -> None:
    run.font.name = FONT
    run.font.size = size
    run.font.bold = bold or None
    run.font.color.rgb = colour
    run.font.language_id = MSO_LANGUAGE_ID.ENGLISH_UK


def set_direction(paragraph: Any, text: str) -> None:
    """A paragraph that starts in a right-to-left script (Arabic, Hebrew) reads right to left."""
    if is_right_to_left(text):
        paragraph._p.get_or_add_pPr().set("rtl", "1")


def write_runs(paragraph: Any, runs: tuple[Run, ...], size: Any) -> None:
    set_direction(paragraph, "".join(part.text for part in runs))
    for part in runs:
        run = paragraph.add_run()
        run.text = part.text
        style_run(run, size, bold=part.bold)
        if part.href:
            run.hyperlink.address = part.href


def set_alt_text(shape: Any, text: str) -> None:
    """python-pptx has no alt-text API: set ``descr`` on the shape's ``p:cNvPr``."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def estimate_height(block: SlideBlock, width: int) -> int:
    """Roughly how tall a block will be, to stack blocks down the slide."""
    if isinstance(block, Paragraph):
        return Inches(slide_fit.paragraph_inches(block.text, width / Inches(1)))
    if isinstance(block, BulletList | OrderedList):
        return Inches(slide_fit.list_inches([item.text for item in block.items]))
    if isinstance(block, Table):
        return Inches(slide_fit.table_inches(block.header, block.rows))
    return Inches(3)


def add_text(slide: Any, block: Paragraph | BulletList | OrderedList, box: tuple[int, ...]) -> None:
    left, top, width, height = box
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    items = block.items if isinstance(block, BulletList | OrderedList) else (block,)
    for index, item in enumerate(items):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(slide_fit.BULLET_SPACE_POINTS)
        if not isinstance(block, Paragraph):
            _bullet(paragraph, ordered=isinstance(block, OrderedList))
        write_runs(paragraph, item.runs, BODY_SIZE)


def _bullet(paragraph: Any, ordered: bool) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    indent = Inches(slide_fit.BULLET_INDENT)
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    if ordered:
        ppr.append(ppr.makeelement(qn("a:buAutoNum"), {"type": "arabicPeriod"}))
    else:
        ppr.append(ppr.makeelement(qn("a:buChar"), {"char": "\u2022"}))


def add_table(
    slide: Any, block: Table, box: tuple[int, ...], heading_fill: str = "#0b0c0c"
) -> None:
    left, top, width, _ = box
    shape = slide.shapes.add_table(1, len(block.header), left, top, width, ROW_HEIGHT)
    shape.name = block.caption
    set_alt_text(shape, block.caption)
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    weights = block.column_weights()
    for index, weight in enumerate(weights):
        table.columns[index].width = Emu(int(width * weight / sum(weights)))
    # The rows are written as XML and parsed once: python-pptx's cell API takes a
    # millisecond a cell, which a long portfolio's appendix feels.
    tbl = shape._element.graphic.graphicData.tbl
    for row in tbl.tr_lst:
        tbl.remove(row)
    rows = [_row(block.header, block, heading_fill)]
    rows += [_row(row, block, None) for row in block.rows]
    tbl.extend(parse_xml(f"<a:tbl {nsdecls('a')}>{''.join(rows)}</a:tbl>").tr_lst)
    shape.height = Emu(ROW_HEIGHT * len(rows))


def _row(values: tuple[str | Status, ...], block: Table, heading_fill: str | None) -> str:
    """A row of the table: its heading row if ``heading_fill`` is given, in that colour."""
    cells = []
    for column, value in enumerate(values):
        if heading_fill:
            fill, bold = heading_fill, True
        else:
            fill = value.colour if isinstance(value, Status) else "#ffffff"
            bold = block.row_headers and column == 0
        text = value.label if isinstance(value, Status) else value
        cells.append(_cell(text, fill, bold, block.alignment(column)))
    return f'<a:tr h="{ROW_HEIGHT}">{"".join(cells)}</a:tr>'


def _cell(text: str, fill: str, bold: bool, align: str) -> str:
    """A cell as python-pptx's cell API writes it: filled, middle, Arial in the ink for the fill."""
    ink = ink_on(fill)[1:].upper()
    weight = ' b="1"' if bold else ""
    rtl = ' rtl="1"' if is_right_to_left(text) else ""
    return (
        f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="{_ALGN[align]}"{rtl}/>'
        f'<a:r><a:rPr sz="{TABLE_SIZE.centipoints}"{weight} lang="en-GB">'
        f'<a:solidFill><a:srgbClr val="{ink}"/></a:solidFill><a:latin typeface="{FONT}"/>'
        f"</a:rPr><a:t>{escape(CT_RegularTextRun._escape_ctrl_chars(text))}</a:t></a:r></a:p>"
        f'</a:txBody><a:tcPr anchor="ctr" marT="{CELL_MARGIN}" marB="{CELL_MARGIN}">'
        f'<a:solidFill><a:srgbClr val="{fill[1:].upper()}"/></a:solidFill></a:tcPr></a:tc>'
    )


def add_native_chart(
    slide: Any, chart: BarChart | LineChart, alt: str, box: tuple[int, ...]
) -> None:
    """An editable PowerPoint chart: the committee's officers can restyle it or read its data."""
    data = CategoryChartData()
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    kind = XL_CHART_TYPE.BAR_STACKED if isinstance(chart, BarChart) else XL_CHART_TYPE.LINE_MARKERS
    frame = slide.shapes.add_chart(kind, *box, data)
    frame.name = chart.title
    set_alt_text(frame, alt)
    native = frame.chart
    native.font.name = FONT
    native.font.size = Pt(12)
    native.has_legend = True
    native.legend.position = XL_LEGEND_POSITION.BOTTOM
    native.legend.include_in_layout = False
    native.value_axis.has_major_gridlines = True
    for series, spec in zip(native.plots[0].series, chart.series, strict=True):
        colour = RGBColor.from_string(spec.colour[1:].upper())
        if isinstance(chart, BarChart):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
            labels = series.data_labels
            labels.show_value = True
            labels.number_format = "0;;;"
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.CENTER
            labels.font.color.rgb = RGBColor.from_string(ink_on(spec.colour)[1:].upper())
        elif spec.dashed:
            # A target: a dashed line without markers, as the pictures draw it.
            series.format.line.color.rgb = colour
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.NONE
        else:
            series.format.line.color.rgb = colour
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
    _axis_title(native.category_axis, chart.category_label)
    _axis_title(native.value_axis, chart.value_label)
    if isinstance(chart, BarChart):
        native.plots[0].gap_width = 60
        # First priority at the top, with the value axis still along the bottom.
        native.category_axis.reverse_order = True
        native.value_axis._element.xpath("./c:crosses")[0].set("val", "max")


def _axis_title(axis: Any, text: str) -> None:
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.text = text
    style_run(frame.paragraphs[0].runs[0], Pt(12), bold=True)


def add_rule(slide: Any, box: tuple[int, ...], colour: str) -> None:
    """A thin bar of the organisation's accent colour; decoration, so hidden from readers."""
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *box)
    rule.name = "Rule"
    rule.fill.solid()
    rule.fill.fore_color.rgb = RGBColor.from_string(colour[1:].upper())
    rule.line.fill.background()
    rule.shadow.inherit = False
    _decorative(rule)


def _decorative(shape: Any) -> None:
    """Marked decorative (Office's own extension), so a screen reader passes over it."""
    properties = shape._element.xpath("./*[1]/p:cNvPr")[0]
    properties.append(
        parse_xml(
            '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
            '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/'
            'decorative" val="1"/></a:ext></a:extLst>'
        )
    )


def add_logo(slide: Any, logo: bytes, box: tuple[int, ...]) -> None:
    """The organisation's logo, as large as fits the box, at its top left."""
    left, top, width, height = box
    picture = slide.shapes.add_picture(io.BytesIO(logo), left, top)
    scale = min(width / picture.width, height / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.name = "Logo"
    set_alt_text(picture, "Logo")


def add_footer_text(slide: Any, text: str, box: tuple[int, ...]) -> None:
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    set_direction(paragraph, text)
    run = paragraph.add_run()
    run.text = text
    style_run(run, FOOTER_SIZE)


def add_slide_number(slide: Any, number: int, box: tuple[int, ...]) -> None:
    """ "Slide 12" at the right of the footer: a slide-number field, so PowerPoint renumbers it
    if slides are moved, showing the deck's number until then."""
    shape = slide.shapes.add_textbox(*box)
    shape.name = "Slide number"
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT
    run = paragraph.add_run()
    run.text = "Slide "
    style_run(run, FOOTER_SIZE)
    field = parse_xml(
        f'<a:fld {nsdecls("a")} id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        f'<a:rPr lang="en-GB" sz="{FOOTER_SIZE.centipoints}"><a:solidFill>'
        f'<a:srgbClr val="{INK}"/></a:solidFill><a:latin typeface="{FONT}"/></a:rPr>'
        f"<a:t>{number}</a:t></a:fld>"
    )
    paragraph._p.append(field)


def add_picture(slide: Any, images: ChartImages, alt: str, box: tuple[int, ...]) -> None:
    left, top, width, height = box
    scale = min(width / Inches(images.width_inches), height / Inches(images.height_inches))
    picture_width = int(Inches(images.width_inches) * scale)
    picture = slide.shapes.add_picture(
        io.BytesIO(images.png),
        left + (width - picture_width) // 2,
        top,
        width=picture_width,
        height=int(Inches(images.height_inches) * scale),
    )
    set_alt_text(picture, alt)
