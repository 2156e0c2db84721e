"""Shapes on a slide: text, tables, native charts and pictures, all in Arial with alt text."""

from __future__ import annotations

import io
from functools import lru_cache
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
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.oxml.text import CT_RegularTextRun
from pptx.util import Inches, Pt

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
    """A text box of the block's paragraph or items, written as one piece of XML."""
    items = block.items if isinstance(block, BulletList | OrderedList) else (block,)
    margins, bullet = "", ""
    if not isinstance(block, Paragraph):
        indent = Inches(slide_fit.BULLET_INDENT)
        margins = f' marL="{indent}" indent="{-indent}"'
        ordered = isinstance(block, OrderedList)
        bullet = '<a:buAutoNum type="arabicPeriod"/>' if ordered else '<a:buChar char="\u2022"/>'
    points = Pt(slide_fit.BULLET_SPACE_POINTS).centipoints
    space = f'<a:spcAft><a:spcPts val="{points}"/></a:spcAft>'
    paragraphs = "".join(
        f"<a:p><a:pPr{margins}{_rtl(item.runs)}>{space}{bullet}</a:pPr>"
        f"{runs_xml(slide, item.runs, BODY_SIZE)}</a:p>"
        for item in items
    )
    add_shapes(slide, textbox_xml(next_shape_id(slide), box, paragraphs))


# Writing a shape as XML and parsing it once: python-pptx's text API looks each element up
# again for every property it sets, and every slide has a dozen runs, a rule and a footer.
_SHAPES = f"<p:spTree {nsdecls('a', 'p', 'r')}>%s</p:spTree>"


def add_shapes(slide: Any, xml: str) -> list[Any]:
    """Append shapes written as XML (``p:sp`` or ``p:graphicFrame``) to the slide, in order."""
    tree = slide.shapes._spTree
    added = list(parse_xml(_SHAPES % xml))
    for element in added:
        tree.insert_element_before(element, "p:extLst")
    return added


def next_shape_id(slide: Any) -> int:
    """The id python-pptx would give the slide's next shape (one more than the highest; from
    a counter once the slide's shapes are in turbo-add mode)."""
    return int(slide.shapes._next_shape_id)


def text_xml(text: str) -> str:
    """Text for an ``a:t``, as python-pptx writes it: control characters as ``_xHHHH_``."""
    return escape(CT_RegularTextRun._escape_ctrl_chars(text))


def run_xml(
    text: str, size: Any, bold: bool = False, ink: str = "0B0C0C", link: str | None = None
) -> str:
    """A run as ``style_run`` formats it: Arial, in the ink, British English."""
    weight = ' b="1"' if bold else ""
    click = f'<a:hlinkClick r:id="{link}"/>' if link else ""
    return (
        f'<a:r><a:rPr sz="{size.centipoints}"{weight} lang="en-GB"><a:solidFill>'
        f'<a:srgbClr val="{ink}"/></a:solidFill><a:latin typeface="{FONT}"/>{click}</a:rPr>'
        f"<a:t>{text_xml(text)}</a:t></a:r>"
    )


def runs_xml(slide: Any, runs: tuple[Run, ...], size: Any) -> str:
    """The runs of a paragraph; a link's address is related to the slide as python-pptx does."""
    return "".join(
        run_xml(
            part.text,
            size,
            bold=part.bold,
            link=slide.part.relate_to(part.href, RT.HYPERLINK, is_external=True)
            if part.href
            else None,
        )
        for part in runs
    )


def _rtl(runs: tuple[Run, ...] | str) -> str:
    text = runs if isinstance(runs, str) else "".join(part.text for part in runs)
    return ' rtl="1"' if is_right_to_left(text) else ""


def textbox_xml(
    shape_id: int, box: tuple[int, ...], paragraphs: str, wrap: str = "square", name: str = ""
) -> str:
    """A text box as python-pptx's ``add_textbox`` makes it, holding ``paragraphs``."""
    left, top, width, height = (int(one) for one in box)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name or f"TextBox {shape_id - 1}"}"/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm>'
        f'<a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="{wrap}"><a:spAutoFit/></a:bodyPr><a:lstStyle/>'
        f"{paragraphs}</p:txBody></p:sp>"
    )


def set_title(
    shape: Any, box: tuple[int, ...], text: str, size: Any, bold: bool, ink: str, align: str
) -> None:
    """Place a title placeholder and write its one run, as one piece of XML."""
    left, top, width, height = (int(one) for one in box)
    written = parse_xml(
        f'<p:sp {nsdecls("a", "p")}><p:spPr><a:xfrm><a:off x="{left}" y="{top}"/>'
        f'<a:ext cx="{width}" cy="{height}"/></a:xfrm></p:spPr><p:txBody>'
        f'<a:p><a:pPr{_rtl(text)} algn="{align}"/>{run_xml(text, size, bold, ink)}</a:p>'
        "</p:txBody></p:sp>"
    )
    properties, text_body = list(written)
    element = shape._element
    element.replace(element.spPr, properties)
    body = element.txBody
    for paragraph in body.p_lst:
        body.remove(paragraph)
    body.append(text_body[0])


def add_table(
    slide: Any, block: Table, box: tuple[int, ...], heading_fill: str = "#0b0c0c"
) -> None:
    """The table as python-pptx's ``add_table`` and cell API would make it, written as XML and
    parsed once: the cell API takes a millisecond a cell, which a long portfolio's appendix
    feels."""
    left, top, width, _ = (int(one) for one in box)
    weights = block.column_weights()
    widths = [int(width * weight / sum(weights)) for weight in weights]
    rows = [_row(block.header, block, heading_fill)]
    rows += [_row(row, block, None) for row in block.rows]
    shape_id = next_shape_id(slide)
    columns = "".join(f'<a:gridCol w="{one}"/>' for one in widths)
    (frame,) = add_shapes(
        slide,
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name=""/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
        f'</p:nvGraphicFramePr><p:xfrm><a:off x="{left}" y="{top}"/>'
        f'<a:ext cx="{sum(widths)}" cy="{ROW_HEIGHT * len(rows)}"/></p:xfrm><a:graphic>'
        f'<a:graphicData uri="{_TABLE_URI}"><a:tbl><a:tblPr firstRow="1">'
        f"<a:tableStyleId>{_TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>{columns}"
        f"</a:tblGrid>{''.join(rows)}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>",
    )
    # Set, not written: lxml refuses a caption XML cannot hold, as python-pptx's setter did.
    properties = frame[0][0]
    properties.set("name", block.caption)
    properties.set("descr", block.caption)


_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # python-pptx's default


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
    before, middle, after = _cell_parts(fill, bold, align)
    rtl = ' rtl="1"' if is_right_to_left(text) else ""
    return f"{before}{rtl}{middle}{text_xml(text)}{after}"


@lru_cache(maxsize=256)
def _cell_parts(fill: str, bold: bool, align: str) -> tuple[str, str, str]:
    """A cell's XML around its direction and its text: the same for every cell of a look."""
    ink = ink_on(fill)[1:].upper()
    weight = ' b="1"' if bold else ""
    return (
        f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="{_ALGN[align]}"',
        f'/><a:r><a:rPr sz="{TABLE_SIZE.centipoints}"{weight} lang="en-GB">'
        f'<a:solidFill><a:srgbClr val="{ink}"/></a:solidFill><a:latin typeface="{FONT}"/>'
        "</a:rPr><a:t>",
        f'</a:t></a:r></a:p></a:txBody><a:tcPr anchor="ctr" marT="{CELL_MARGIN}" '
        f'marB="{CELL_MARGIN}"><a:solidFill><a:srgbClr val="{fill[1:].upper()}"/></a:solidFill>'
        "</a:tcPr></a:tc>",
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
    add_shapes(slide, rule_xml(next_shape_id(slide), box, colour))


def rule_xml(shape_id: int, box: tuple[int, ...], colour: str) -> str:
    """The rule as python-pptx's rectangle with a solid fill, no line and no shadow, marked
    decorative (Office's own extension) so a screen reader passes over it."""
    left, top, width, height = (int(one) for one in box)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Rule"><a:extLst>'
        '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
        '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/'
        'decorative" val="1"/></a:ext></a:extLst></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
        f'<a:srgbClr val="{colour[1:].upper()}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        '<a:effectLst/></p:spPr><p:style><a:lnRef idx="1"><a:schemeClr val="accent1"/>'
        '</a:lnRef><a:fillRef idx="3"><a:schemeClr val="accent1"/></a:fillRef>'
        '<a:effectRef idx="2"><a:schemeClr val="accent1"/></a:effectRef><a:fontRef idx="minor">'
        '<a:schemeClr val="lt1"/></a:fontRef></p:style><p:txBody><a:bodyPr rtlCol="0" '
        'anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p></p:txBody></p:sp>'
    )


def add_logo(slide: Any, logo: bytes, box: tuple[int, ...]) -> None:
    """The organisation's logo, as large as fits the box, at its top left."""
    left, top, width, height = box
    picture = slide.shapes.add_picture(io.BytesIO(logo), left, top)
    scale = min(width / picture.width, height / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.name = "Logo"
    set_alt_text(picture, "Logo")


def add_footer(
    slide: Any, text: str, number: int, colour: str, boxes: tuple[tuple[int, ...], ...]
) -> None:
    """The rule, the footer's text and "Slide 12" at the right: a slide-number field, so
    PowerPoint renumbers it if slides are moved, showing the deck's number until then."""
    rule, words, numbered = boxes
    first, second, third = (next_shape_id(slide) for _ in boxes)
    direction = f"<a:pPr{_rtl(text)}/>" if _rtl(text) else ""
    paragraph = f"<a:p>{direction}{run_xml(text, FOOTER_SIZE)}</a:p>"
    field = (
        '<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
        f'<a:rPr lang="en-GB" sz="{FOOTER_SIZE.centipoints}"><a:solidFill>'
        f'<a:srgbClr val="{INK}"/></a:solidFill><a:latin typeface="{FONT}"/></a:rPr>'
        f"<a:t>{number}</a:t></a:fld>"
    )
    number_paragraph = f'<a:p><a:pPr algn="r"/>{run_xml("Slide ", FOOTER_SIZE)}{field}</a:p>'
    add_shapes(
        slide,
        rule_xml(first, rule, colour)
        + textbox_xml(second, words, paragraph)
        + textbox_xml(third, numbered, number_paragraph, wrap="none", name="Slide number"),
    )


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
