"""The Word template: Headway's default one, written in code, and what a committee's own needs.

Numbering belongs to the template's list definition, not to typed numbers: the "Numbered
Heading" style is level 1 of a multilevel list ("1.") and "Numbered Paragraph" is level 2
("1.1"), so an officer who adds a paragraph in Word gets the next number. A committee's uploaded
template keeps its own styles; only the styles Headway needs and does not find are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

# Twentieths of a point: the hanging indent of the report's numbers.
INDENT = 720

_REPORT_LEVELS = (("%1.", "NumberedHeading"), ("%1.%2", "NumberedParagraph"))


@dataclass(frozen=True, slots=True)
class WordNumbering:
    """The numbering definitions a rendered report points at."""

    report: int  # numId of the report's multilevel list
    ordered: int  # abstractNumId every ordered list restarts from
    bullets: int  # numId of the bullet list


def default_template() -> Any:
    """Headway's plain committee-report template: A4, Arial 12, black bold headings."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.54))
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _arial(run)
    run.find(qn("w:sz")).set(qn("w:val"), "24")
    run.find(qn("w:szCs")).set(qn("w:val"), "24")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "160")
    spacing.set(qn("w:line"), "264")
    for name, size in (("Title", 16), ("Heading 1", 12), ("Heading 2", 12), ("Heading 3", 12)):
        _plain_heading(document.styles[name], size)
    caption = document.styles["Caption"]
    _plain_heading(caption, 11)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.keep_with_next = True
    return document


def _arial(rpr: Any) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), "Arial")


def _plain_heading(style: Any, size: int) -> None:
    """Black, bold Arial: committee reports are printed and photocopied."""
    rpr = style.element.get_or_add_rPr()
    _arial(rpr)
    color = rpr.find(qn("w:color"))
    if color is not None:
        rpr.remove(color)
    style.font.bold = True
    style.font.size = Pt(size)
    style.paragraph_format.space_before = Pt(12)
    style.paragraph_format.space_after = Pt(6)


def set_language(document: Any, language: str) -> None:
    """Tell Word (and screen readers) the document's language, e.g. en-GB."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(qn("w:rPrDefault"))
    rpr = rpr.find(qn("w:rPr")) if rpr is not None else None
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def prepare(document: Any) -> WordNumbering:
    """Make sure the styles and numbering the renderer uses exist; return the numbering ids."""
    styles = document.styles
    numbering = document.part.numbering_part.element
    report = _style_num_id(styles, "Numbered Paragraph")
    if report is None:
        report = _add_list(numbering, _multilevel)
        paragraph = _paragraph_style(styles, "Numbered Paragraph", "Normal")
        paragraph.paragraph_format.space_after = Pt(12)
        _bind(paragraph, report, 1)
    if _style_num_id(styles, "Numbered Heading") is None:
        heading = _paragraph_style(styles, "Numbered Heading", "Heading 2")
        heading.paragraph_format.keep_with_next = True
        heading.next_paragraph_style = styles["Numbered Paragraph"]
        _bind(heading, report, 0)
    bullets = _style_num_id(styles, "List Bullet")
    if bullets is None:
        bullets = _add_list(numbering, _bulleted)
        _bind(_paragraph_style(styles, "List Bullet", "Normal"), bullets, 0)
    ordered = _style_num_id(styles, "List Number")
    if ordered is None:
        ordered = _add_list(numbering, _decimal)
        _bind(_paragraph_style(styles, "List Number", "Normal"), ordered, 0)
    for name in ("Caption", "Heading 1", "Heading 2", "Heading 3", "Title"):
        _paragraph_style(styles, name, "Normal")
    abstract = numbering.num_having_numId(ordered).abstractNumId.val
    return WordNumbering(report=report, ordered=abstract, bullets=bullets)


def restarted_list(document: Any, abstract: int) -> int:
    """A new numbering instance that starts again at 1, for the next ordered list."""
    numbering = document.part.numbering_part.element
    num = numbering.add_num(abstract)
    num.append(
        parse_xml(
            f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
        )
    )
    return int(num.numId)


def _style_num_id(styles: Any, name: str) -> int | None:
    if name not in styles:
        return None
    ppr = styles[name].element.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    return int(ppr.numPr.numId.val)


def _paragraph_style(styles: Any, name: str, based_on: str) -> Any:
    if name in styles:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on in styles:
        style.base_style = styles[based_on]
    style.quick_style = True
    return style


def _bind(style: Any, num_id: int, level: int) -> None:
    numpr = style.element.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def _add_list(numbering: Any, levels: Any) -> int:
    """Add an abstract list definition and an instance of it; return the instance's numId."""
    ids = [int(v) for v in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(ids, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels()}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return int(numbering.add_num(abstract_id).numId)


def _level(level: int, text: str, style: str = "", fmt: str = "decimal") -> str:
    """One level of a list: the number hangs in the margin and the text lines up after it."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    hanging = INDENT if fmt == "decimal" else INDENT // 2
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{INDENT}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


def _multilevel() -> str:
    return "".join(_level(n, text, style) for n, (text, style) in enumerate(_REPORT_LEVELS))


def _decimal() -> str:
    return _level(0, "%1.")


def _bulleted() -> str:
    return _level(0, "\u2022", fmt="bullet")
