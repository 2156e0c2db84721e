"""The Word report: real headings, real numbering from the template, alt text, same bytes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import datetime

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm

from headway.committee.document import Document, number_paragraphs, number_sections
from headway.committee.render.docx import render_docx
from headway.committee.render.docx_template import default_template

W_VAL = qn("w:val")


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _numbering(word) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """numId -> abstractNumId, and abstractNumId -> {ilvl: lvlText}."""
    root = word.part.numbering_part.element
    nums = {
        num.get(qn("w:numId")): num.find(qn("w:abstractNumId")).get(W_VAL)
        for num in root.findall(qn("w:num"))
    }
    levels = {
        abstract.get(qn("w:abstractNumId")): {
            lvl.get(qn("w:ilvl")): lvl.find(qn("w:lvlText")).get(W_VAL)
            for lvl in abstract.findall(qn("w:lvl"))
        }
        for abstract in root.findall(qn("w:abstractNum"))
    }
    return nums, levels


def _list_text(paragraph, nums, levels) -> str:
    numpr = paragraph._p.pPr.numPr
    return levels[nums[str(numpr.numId.val)]][str(numpr.ilvl.val)]


def test_it_uses_word_heading_styles(docx_bytes: bytes) -> None:
    headings = [
        (p.style.name, p.text) for p in _open(docx_bytes).paragraphs if "Heading" in p.style.name
    ]
    assert headings == [
        ("Heading 1", "SUMMARY"),
        ("Heading 1", "RECOMMENDATIONS"),
        ("Heading 1", "REPORT DETAIL"),
        ("Numbered Heading", "Background"),
        ("Numbered Heading", "one source strategy 2021-22 progress update for Q3"),
        ("Heading 1", "Appendices"),
    ]
    word = _open(docx_bytes)
    assert word.styles["Numbered Heading"].base_style.name == "Heading 2"


def test_numbered_paragraphs_take_their_numbers_from_the_list_definition(
    docx_bytes: bytes, sample: Document
) -> None:
    word = _open(docx_bytes)
    nums, levels = _numbering(word)
    numbered = [p for p in word.paragraphs if p.style.name == "Numbered Paragraph"]
    assert [p.text for p in numbered] == [p.text for _, p in number_paragraphs(sample)]
    for paragraph in numbered:
        assert paragraph._p.pPr.numPr is not None, paragraph.text
        assert _list_text(paragraph, nums, levels) == "%1.%2"
        # The number is Word's, not typed into the text.
        assert not paragraph.text[:1].isdigit()
    headings = [p for p in word.paragraphs if p.style.name == "Numbered Heading"]
    assert len(headings) == len(number_sections(sample))
    for heading in headings:
        assert _list_text(heading, nums, levels) == "%1."
    # Headings and paragraphs share one list, so paragraphs restart at x.1 under each heading.
    ids = {str(p._p.pPr.numPr.numId.val) for p in [*numbered, *headings]}
    assert len(ids) == 1


def test_the_numbered_styles_are_bound_to_the_list(docx_bytes: bytes) -> None:
    word = _open(docx_bytes)
    style = word.styles["Numbered Paragraph"].element
    numpr = style.pPr.numPr
    assert numpr is not None and numpr.ilvl.val == 1
    assert b"w:numPr" in zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/styles.xml")


def test_each_ordered_list_starts_at_one(docx_bytes: bytes) -> None:
    word = _open(docx_bytes)
    lists = [p for p in word.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in lists] == [
        "To note the one source strategy 2021-22 progress update for Q3 "
        "(October - December) presented in Appendix 1.",
        "One Source Strategy 2021-22 progress \u2013 Q3",
    ]
    root = word.part.numbering_part.element
    for paragraph in lists:
        num_id = paragraph._p.pPr.numPr.numId.val
        num = root.num_having_numId(num_id)
        assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(W_VAL) == "1"


def test_the_header_block_is_a_two_column_table_like_the_reference(docx_bytes: bytes) -> None:
    header = _open(docx_bytes).tables[0]
    rows = [[cell.text for cell in row.cells] for row in header.rows]
    assert rows[0] == ["ONESOURCE JOINT COMMITTEE", "11 March 2022"]
    assert [row[0] for row in rows[1:]] == [
        "Subject heading:",
        "Report author and contact details:",
        "Financial summary:",
    ]


def test_every_picture_has_alt_text_and_a_data_table(docx_bytes: bytes, sample: Document) -> None:
    word = _open(docx_bytes)
    pictures = word.element.body.xpath(".//wp:docPr")
    assert len(pictures) == 1
    assert pictures[0].get("descr").startswith("Stacked bar chart of 40 initiatives")
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions == [
        "Figure 1: Initiatives by status and priority, 2021-22 Q3",
        "Data for the chart: Initiatives by status and priority, 2021-22 Q3",
    ]
    data = word.tables[1]
    assert [c.text for c in data.rows[0].cells] == [
        "Priority",
        "Blue",
        "Green",
        "Amber",
        "Red",
        "Total",
    ]
    assert data.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_it_records_the_snapshot_time_not_the_time_of_rendering(
    docx_bytes: bytes, sample: Document
) -> None:
    properties = _open(docx_bytes).core_properties
    expected = sample.generated_at.replace(tzinfo=None)
    assert properties.created == sample.generated_at == properties.modified
    assert properties.title == sample.title
    assert properties.language == "en-GB"
    for entry in zipfile.ZipFile(io.BytesIO(docx_bytes)).infolist():
        assert datetime(*entry.date_time) == expected


def test_the_same_document_gives_the_same_bytes(docx_bytes: bytes, sample: Document) -> None:
    assert render_docx(sample) == docx_bytes


def test_a_different_document_gives_different_bytes(docx_bytes: bytes, sample: Document) -> None:
    assert render_docx(replace(sample, title="Another title")) != docx_bytes


def _committee_template() -> bytes:
    word = default_template()
    section = word.sections[0]
    section.left_margin = Cm(1.5)
    section.header.paragraphs[0].text = "OFFICIAL - oneSource Joint Committee"
    word.add_paragraph("Replace this text with the report.")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_it_renders_into_a_committees_template(sample: Document) -> None:
    word = _open(render_docx(sample, template=_committee_template()))
    assert abs(word.sections[0].left_margin - Cm(1.5)) < Cm(0.01)
    assert word.sections[0].header.paragraphs[0].text == "OFFICIAL - oneSource Joint Committee"
    texts = [p.text for p in word.paragraphs]
    assert "Replace this text with the report." not in texts
    assert "SUMMARY" in texts


def test_it_uses_the_numbering_a_committees_template_defines(sample: Document) -> None:
    template = default_template()
    style = template.styles.add_style("Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH)
    numpr = style.element.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 1
    numpr.get_or_add_numId().val = 3
    template.add_paragraph("Template text")
    out = io.BytesIO()
    template.save(out)

    word = _open(render_docx(sample, template=out.getvalue()))
    numbered = [p for p in word.paragraphs if p.style.name == "Numbered Paragraph"]
    assert numbered
    assert {p._p.pPr.numPr.numId.val for p in numbered} == {3}
