"""Render a report as a Word document, laid out like the committee's own cover reports.

Headings use Word's heading styles, numbered sections and paragraphs take their numbers from the
template's list definition (``w:numPr``), every picture has alternative text and is followed by
its data table. The same document always gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from datetime import UTC
from functools import cache
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt

from headway.committee.document import (
    BulletList,
    Document,
    Figure,
    NumberedParagraph,
    OrderedList,
    Paragraph,
    Placed,
    Run,
    Section,
    Status,
    Table,
    outline,
    walk,
)
from headway.committee.render.branding import PLAIN, Branding
from headway.committee.render.charts import Chart, ChartImages, render_charts
from headway.committee.render.docx_template import (
    WordNumbering,
    default_template,
    prepare,
    restarted_list,
    set_language,
)
from headway.committee.render.ooxml import drop_thumbnail, ink_on, save_fixed
from headway.lib.text import is_right_to_left

# The width of A4 less 2.54 cm margins, in inches.
TEXT_WIDTH = 6.2
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
# Elements of w:tblPr that must come after w:tblBorders.
_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")


def render_docx(
    document: Document,
    template: bytes | None = None,
    charts: Mapping[Chart, ChartImages] | None = None,
    branding: Branding = PLAIN,
) -> bytes:
    """The cover report as .docx, in Headway's template or in ``template`` (a committee's)."""
    if template:
        word = docx.Document(io.BytesIO(template))
        numbering = prepare(word)
    else:
        prepared, numbering = _prepared_default()
        word = docx.Document(io.BytesIO(prepared))
    _clear_body(word)
    _page_header(word, document.organisation, branding)
    writer = _Writer(word, numbering, charts if charts is not None else render_charts(document))
    set_language(word, document.language)
    writer.header(document)
    for placed in outline(document):
        writer.block(placed)
    page_numbers(word)
    _properties(word, document)
    drop_thumbnail(word.part.package)
    return save_fixed(word.part.package, document.generated_at)


def pictured_charts(document: Document) -> Iterator[Chart]:
    """The charts the Word report shows (as their PNGs): the cover report's figures."""
    for placed in walk(outline(document)):
        if isinstance(placed.block, Figure):
            yield placed.block.chart


@cache
def _prepared_default() -> tuple[bytes, WordNumbering]:
    """Headway's template with the styles and lists the renderer uses, made once and kept as a
    file: making it searched every style of the template by name a dozen times a report."""
    word = default_template()
    numbering = prepare(word)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), numbering


def page_numbers(word: Any) -> None:
    """ "Page X of Y" at the foot of every page, unless the template's footer already numbers
    its pages."""
    for section in word.sections:
        footer = section.footer
        if any(
            "PAGE" in (instr.text or "") for instr in footer._element.iter(qn("w:instrText"))
        ) or any(
            "PAGE" in (f.get(qn("w:instr")) or "") for f in footer._element.iter(qn("w:fldSimple"))
        ):
            continue
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        if paragraph.text.strip():
            paragraph = footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run("Page ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(" of ")
        _field(paragraph, "NUMPAGES", "1")


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A field Word (and LibreOffice) fills in as it lays out the pages."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} \\* MERGEFORMAT "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = shown
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, text, end):
        run._r.append(element)


def _clear_body(word: Any) -> None:
    """Empty a template's body but keep its page set-up (the last ``w:sectPr``)."""
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _page_header(word: Any, organisation: str, branding: Branding) -> None:
    """The organisation's name (and logo, if it has one) at the head of every page, unless
    the committee's template has a header of its own."""
    for section in word.sections:
        header = section.header
        if any(paragraph.text.strip() for paragraph in header.paragraphs):
            continue
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if branding.logo:
            logo = paragraph.add_run()
            logo.add_picture(io.BytesIO(branding.logo), height=Inches(0.45))
            for properties in logo._r.xpath(".//wp:docPr"):
                properties.set("descr", f"{organisation} logo")
            paragraph.add_run("  ")
        name = paragraph.add_run(organisation)
        name.bold = True
        name.font.size = Pt(10)
        _direction(paragraph, organisation)


def _properties(word: Any, document: Document) -> None:
    properties = word.core_properties
    when = document.generated_at.astimezone(UTC).replace(tzinfo=None)
    properties.title = document.title
    properties.subject = f"{document.committee}, {document.meeting_date:%d %B %Y}"
    properties.author = document.author
    properties.last_modified_by = "Headway"
    properties.language = document.language
    properties.keywords = document.organisation
    properties.comments = ""
    properties.category = "Committee report"
    properties.revision = 1
    properties.created = when
    properties.modified = when
    properties.last_printed = when


class _Writer:
    def __init__(
        self, word: Any, numbering: WordNumbering, charts: Mapping[Chart, ChartImages]
    ) -> None:
        self.word = word
        self.numbering = numbering
        self.charts = charts
        self.styles = word.styles
        self.style_ids: dict[str, str | None] = {}

    def paragraph(self, text: str = "", style: str = "") -> Any:
        """``add_paragraph(text, style)``, with each style's id looked up once: python-docx
        searches every style of the template for the name each time it is given."""
        if style not in self.style_ids:
            self.style_ids[style] = self.word.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        paragraph = self.word.add_paragraph(text)
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def header(self, document: Document) -> None:
        rows = document.header_rows()
        table = self.word.add_table(rows=len(rows), cols=2)
        _borders(table)
        _caption(table, "Report details")
        for index, (label, value) in enumerate(rows):
            left, right = table.rows[index].cells
            left.width, right.width = Inches(2.4), Inches(3.8)
            left.paragraphs[0].add_run(label).bold = True
            right.paragraphs[0].add_run(value).bold = index == 0
            _direction(right.paragraphs[0], value)
        self.word.add_paragraph()

    def block(self, placed: Placed) -> None:
        block = placed.block
        if isinstance(block, Section):
            self.section(block, placed)
        elif isinstance(block, NumberedParagraph):
            paragraph = self.paragraph(style="Numbered Paragraph")
            _number(paragraph, self.numbering.report, 1)
            _runs(paragraph, block.runs)
        elif isinstance(block, Paragraph):
            paragraph = self.word.add_paragraph()
            _direction(paragraph, block.text)
            _runs(paragraph, block.runs)
        elif isinstance(block, BulletList):
            for item in block.items:
                _runs(self.paragraph(style="List Bullet"), item.runs)
        elif isinstance(block, OrderedList):
            num_id = restarted_list(self.word, self.numbering.ordered)
            for item in block.items:
                paragraph = self.paragraph(style="List Number")
                _number(paragraph, num_id, 0)
                _runs(paragraph, item.runs)
        elif isinstance(block, Table):
            self.table(block)
        else:
            self.figure(block, placed.number)

    def section(self, section: Section, placed: Placed) -> None:
        if section.numbered:
            heading = self.paragraph(section.title, style="Numbered Heading")
            _number(heading, self.numbering.report, 0)
        else:
            heading = self.paragraph(section.title, style=f"Heading {min(placed.depth, 3)}")
            _direction(heading, section.title)
        for child in placed.children:
            self.block(child)

    def table(self, block: Table) -> None:
        self.paragraph(block.caption, style="Caption")
        table = self.word.add_table(rows=len(block.rows) + 1, cols=len(block.header))
        _borders(table)
        _caption(table, block.caption)
        _widths(table, block)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for column, text in enumerate(block.header):
            _cell(header.cells[column], text, bold=True, align=block.alignment(column))
        for row_index, row in enumerate(block.rows, start=1):
            cells = table.rows[row_index].cells
            for column, value in enumerate(row):
                bold = block.row_headers and column == 0
                _cell(cells[column], value, bold=bold, align=block.alignment(column))
        self.word.add_paragraph()

    def figure(self, block: Figure, number: str | None) -> None:
        images = self.charts.get(block.chart) or render_charts([block.chart])[block.chart]
        label = f"Figure {number}: {block.caption}" if number else block.caption
        self.paragraph(label, style="Caption")
        paragraph = self.word.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(images.png), width=Inches(min(TEXT_WIDTH, images.width_inches)))
        for properties in run._r.xpath(".//wp:docPr"):
            properties.set("descr", block.alt)
            properties.set("title", block.caption)
        self.table(block.table)


def _widths(table: Any, block: Table) -> None:
    """Share the page width by how much each column holds, so no column is squeezed."""
    columns = list(zip(block.header, *block.rows, strict=True))
    weights = [
        min(40, max(len(c.label if isinstance(c, Status) else c) for c in cells)) + 4
        for cells in columns
    ]
    total = sum(weights)
    for index, weight in enumerate(weights):
        width = Inches(TEXT_WIDTH * weight / total)
        table.columns[index].width = width
        for cell in table.columns[index].cells:
            cell.width = width


def _number(paragraph: Any, num_id: int, level: int) -> None:
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


# What follows w:bidi in a w:pPr, by the schema's order.
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def _direction(paragraph: Any, text: str) -> None:
    """A paragraph that starts in Arabic, Hebrew or another right-to-left script reads right to
    left (``w:bidi``), so its words and punctuation come in the order they were written."""
    if is_right_to_left(text):
        ppr = paragraph._p.get_or_add_pPr()
        ppr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)


def _runs(paragraph: Any, runs: tuple[Run, ...]) -> None:
    # Numbered paragraphs and list items keep the report's direction, their numbers and
    # bullets in its margin, as the web page keeps them (their words isolated there).
    for run in runs:
        if run.href:
            _link(paragraph, run)
        else:
            paragraph.add_run(run.text).bold = run.bold or None


def _link(paragraph: Any, run: Run) -> None:
    assert run.href is not None
    r_id = paragraph.part.relate_to(run.href, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    bold = "<w:b/>" if run.bold else ""
    element = parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr>{bold}<w:color w:val="1D70B8"/><w:u w:val="single"/>'
        "</w:rPr><w:t xml:space='preserve'></w:t></w:r>"
    )
    element.find(qn("w:t")).text = run.text
    link.append(element)
    paragraph._p.append(link)


def _cell(cell: Any, value: str | Status, bold: bool, align: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.alignment = _ALIGN[align]
    text = value.label if isinstance(value, Status) else value
    _direction(paragraph, text)
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.size = Pt(10)
    if isinstance(value, Status):
        fill = value.colour.lstrip("#").upper()
        cell._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
        )
        run.font.color.rgb = docx.shared.RGBColor.from_string(ink_on(value.colour)[1:].upper())


def _insert(tblpr: Any, element: Any) -> None:
    for successor in _AFTER_BORDERS:
        found = tblpr.find(qn(successor))
        if found is not None:
            found.addprevious(element)
            return
    tblpr.append(element)


def _borders(table: Any) -> None:
    """Single black borders, whatever table styles a committee's template has."""
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    _insert(table._tbl.tblPr, parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"))


def _caption(table: Any, caption: str) -> None:
    """The table's title for assistive technology (Word's Alt Text for tables)."""
    element = parse_xml(f'<w:tblCaption {nsdecls("w")} w:val=""/>')
    element.set(qn("w:val"), caption)
    table._tbl.tblPr.append(element)
