"""Typeset the report as a tagged PDF/UA-1 file with Typst.

Like the other renderers, this walks the document model: it writes Typst markup for the same
sections, in the same order, as the HTML page, and compiles it in-process with the ``typst``
package. Typst tags the structure (headings, which also make the bookmarks, paragraphs, lists,
tables with their header cells, figures with their alternative text), marks the page footers as
artifacts and checks the PDF/UA-1 rules as it compiles. The snapshot's time is the file's
timestamp, so the same document always gives the same bytes. Its small objects are then packed
into object streams (``pdf_objects``), which halves the file.

Every string from the document reaches Typst as a string literal (``#"..."``), never as markup,
so nothing an officer types (``*``, ``#``, ``$``, ``<``, ``//``, ``=`` at the start of a line)
can change the report's structure; ``printable`` first makes it drawable with the PDF's fonts.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC
from functools import cache
from itertools import pairwise
from pathlib import Path

import typst

from headway.committee.document import (
    BulletList,
    Cell,
    Document,
    Figure,
    NumberedParagraph,
    OrderedList,
    Paragraph,
    Placed,
    Run,
    Section,
    Slide,
    SlideBlock,
    Status,
    Table,
    long_date,
    outline,
    unbroken,
)
from headway.committee.render.charts import Chart, ChartImages, render_charts
from headway.committee.render.fonts import FAMILY_NAMES, printable, typst_fonts, typst_lock
from headway.committee.render.ooxml import ink_on
from headway.committee.render.pdf_objects import NotPackable, pack_objects

logger = logging.getLogger(__name__)

STYLE = Path(__file__).parent / "templates" / "committee" / "report.typ"
# A word longer than this may break between any two of its characters, as a last resort.
LONG_WORD = 24
_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# A table of at most this many rows and words is kept on one page (``keeps_together``).
SHORT_TABLE_ROWS = 6
SHORT_TABLE_WORDS = 160
# Joins the words of a phrase a table's cell keeps on one line (``unbroken``).
NO_BREAK = "\u00a0"
_ALIGN = {"left": "left", "centre": "center", "right": "right"}


def text(value: str) -> str:
    """``value`` as a Typst expression: a string literal, printable with the PDF's fonts.

    A long word goes in whole where it fits the line's width, and otherwise as one box per
    character, which Typst may break between as a last resort: a pasted link or reference
    wraps inside its table cell instead of running off the page, and its text is still read
    and copied as one word.
    """
    value = printable(value)
    if not _WORD.search(value):
        return text_raw(value)
    parts: list[str] = []
    start = 0
    for match in _WORD.finditer(value):
        if match.start() > start:
            parts.append(f"#{text_raw(value[start : match.start()])}")
        word = match.group(0)
        pieces = "".join(f"#box({text_raw(cluster)})" for cluster in _clusters(word))
        parts.append(f"#long-word({text_raw(word)}, [{pieces}])")
        start = match.end()
    if start < len(value):
        parts.append(f"#{text_raw(value[start:])}")
    return "[" + "".join(parts) + "]"


def _clusters(word: str) -> list[str]:
    """The word's characters as drawn: an accent, a joined emoji or a flag stays whole."""
    clusters = [word[0]]
    for before, character in pairwise(word):
        if _joins(before, character):
            clusters[-1] += character
        else:
            clusters.append(character)
    return clusters


def _joins(before: str, character: str) -> bool:
    code = ord(character)
    return (
        before == "\u200d"
        or character == "\u200d"
        or unicodedata.category(character) in ("Mn", "Me", "Mc", "Cf")
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or (0x1F1E6 <= code <= 0x1F1FF and 0x1F1E6 <= ord(before) <= 0x1F1FF)  # flags
        or 0xE0020 <= code <= 0xE007F  # tag sequences
    )


def content(value: str) -> str:
    """Document text in markup: an embedded string, which Typst shows as it is."""
    return f"#{text(value)}"


class _Writer:
    """Writes one document's body, keeping the labels it has placed for internal links."""

    def __init__(self, document: Document, charts: Mapping[Chart, ChartImages]) -> None:
        self.document = document
        self.charts = charts
        self.out: list[str] = []
        self.labels = {f"section-{number}" for number in _numbers(outline(document))}

    def write(self) -> str:
        document = self.document
        self.line(f"#heading(level: 1)[{content(document.title)}]")
        self.header_block()
        for placed in outline(document):
            self.block(placed)
        if document.appendix is not None:
            self.appendix()
        self.footer()
        return "\n".join(self.out) + "\n"

    def line(self, markup: str) -> None:
        self.out.append(markup)

    # The report ------------------------------------------------------------------------------

    def header_block(self) -> None:
        rows = self.document.header_rows()
        if not rows:
            return
        # The first row (the committee and the meeting's date) heads the table, as it does
        # the printed reports; the others are label and value.
        first, *rest = rows
        cells = [
            f"table.header(repeat: false, [#strong({text(first[0])})], [#strong({text(first[1])})])"
        ]
        for label, value in rest:
            cells.append(f"[#strong({text(label)})]")
            cells.append(f"[{content(value)}]")
        self.line(f"#details({', '.join(cells)})")

    def head(self, value: str) -> str:
        return f"head[{content(value)}]"

    def block(self, placed: Placed) -> None:
        item = placed.block
        if isinstance(item, Section):
            level = min(placed.depth + 1, 6)
            # The number hangs in the margin, as the paragraphs' numbers do; the space keeps
            # the bookmark and what a screen reader says "1. Background".
            number = (
                f"#box(width: number-width - 0.28em, {text(placed.number + '.')}) "
                if placed.number
                else ""
            )
            label = f" <section-{placed.number}>" if placed.number else ""
            self.line(f"#heading(level: {level})[{number}{content(item.title)}]{label}")
            for child in placed.children:
                self.block(child)
        elif isinstance(item, NumberedParagraph):
            number = placed.number or ""
            label = f"paragraph-{number}"
            self.labels.add(label)
            self.line(f"#numbered({text(number)}, [{self.runs(item.runs)}]) <{label}>")
            self.line("")
        elif isinstance(item, Figure):
            self.figure(item, number=placed.number)
        else:
            self.slide_block(item)

    def slide_block(self, item: SlideBlock, heading: str | None = None) -> None:
        if isinstance(item, Paragraph):
            self.line(f"#par[{self.runs(item.runs)}]")
        elif isinstance(item, BulletList | OrderedList):
            kind = "enum" if isinstance(item, OrderedList) else "list"
            entries = ", ".join(f"[{self.runs(entry.runs)}]" for entry in item.items)
            self.line(f"#{kind}({entries})")
        elif isinstance(item, Table):
            self.table(item)
        elif isinstance(item, Figure):
            self.figure(item, heading=heading)

    def runs(self, runs: tuple[Run, ...]) -> str:
        parts = []
        for run in runs:
            part = content(run.text)
            if run.bold:
                part = f"#strong({text(run.text)})"
            if run.href:
                part = f"#link({self.target(run.href)})[{part}]"
            parts.append(part)
        return "".join(parts)

    def target(self, href: str) -> str:
        """A link's destination: a place in the report, or an address outside it."""
        if href.startswith("#") and href[1:] in self.labels:
            return f"label({text_raw(href[1:])})"
        return text_raw(href)

    def table(self, table: Table) -> None:
        widths = table.column_weights()
        statuses = [
            any(isinstance(row[c], Status) for row in table.rows) for c in range(len(widths))
        ]
        # A column of statuses is as wide as its longest status, so a badge never spills into
        # the next column; the others share the rest by the length of their text.
        columns = ", ".join(
            "auto" if status else f"{weight}fr"
            for weight, status in zip(widths, statuses, strict=True)
        )
        aligns = ", ".join(_ALIGN[table.alignment(c)] for c in range(len(widths)))
        cells = ["table.header(" + ", ".join(self.head(heading) for heading in table.header) + ")"]
        for row in table.rows:
            cells.extend(self.cell(cell) for cell in row)
        body = ", ".join(cells)
        figure = (
            f"figure(kind: table, caption: [{content(table.caption)}], "
            f"table(columns: ({columns},), align: ({aligns},), {body}))"
        )
        if keeps_together(table):
            # A short table moves whole to the next page, with the heading above it, rather
            # than leaving its first row alone at the foot of a page.
            self.line(f"#block(breakable: false, {figure})")
        else:
            self.line(f"#{figure}")

    def cell(self, cell: Cell) -> str:
        if isinstance(cell, Status):
            colour = cell.colour if _COLOUR.match(cell.colour) else "#ffffff"
            return f"status({text(cell.label)}, {text(colour)}, {text(ink_on(colour))})"
        return f"[{content(unbroken(cell, NO_BREAK))}]"

    def figure(self, figure: Figure, number: str | None = None, heading: str | None = None) -> None:
        images = self.charts.get(figure.chart) or render_charts([figure.chart])[figure.chart]
        image = (
            f'image(bytes({text_raw(_svg(images.svg))}), format: "svg", '
            # A string, never markup: Typst refuses content as an image's alternative text, so a
            # long word in it (which ``text`` would set in breakable pieces) must stay plain.
            f"alt: {_plain(figure.alt)}, width: 100%)"
        )
        if heading == figure.caption:
            # The slide's heading already names the chart, as on the web page.
            self.line(f"#figure({image})")
        else:
            caption = f"Figure {number}: {figure.caption}" if number else figure.caption
            self.line(f"#figure({image}, caption: [{content(caption)}])")
        self.table(figure.table)

    # The appendix ----------------------------------------------------------------------------

    def appendix(self) -> None:
        deck = self.document.appendix
        assert deck is not None
        self.line("#slide-break")
        self.line(f"#heading(level: 2)[{content('Appendix 1: ' + deck.title)}] <appendix-1>")
        self.line(f"#par(strong({text(deck.subtitle)}))")
        # What the figures cover, when not every return was in.
        if deck.coverage:
            self.line(f"#par({text(deck.coverage)})")
        for index, slide in enumerate(deck.slides):
            self.slide(slide, first=index == 0)

    def slide(self, slide: Slide, first: bool) -> None:
        if not first and not slide.continues:
            self.line("#slide-break")
        # The PowerPoint deck's own number, as the web page and the Word report cite it.
        number = slide.number
        label = f"slide-{number}"
        self.labels.add(label)
        self.line(
            f"#heading(level: 3)[{content(f'Slide {number}.')} {content(slide.title)}] <{label}>"
        )
        for item in slide.blocks:
            self.slide_block(item, heading=slide.title)
        if slide.notes:
            self.line(f"#note({text(slide.notes)})")

    def footer(self) -> None:
        document = self.document
        frozen = document.generated_at
        words = (
            f"{document.organisation}. Report prepared with Headway from the figures frozen at "
            f"{frozen:%H:%M} on {long_date(frozen.date())}."
        )
        self.line(f"#line(length: 100%, stroke: 0.5pt + rule)\n#par({text(words)})")


def keeps_together(table: Table) -> bool:
    """Whether a table is short enough to keep on one page: a few rows of a few words each,
    so that even in the narrowest columns it is far shorter than a page."""
    if len(table.rows) > SHORT_TABLE_ROWS:
        return False
    words = sum(len(_words(cell)) for row in table.rows for cell in row)
    return words <= SHORT_TABLE_WORDS


def _words(cell: Cell) -> list[str]:
    return (cell.label if isinstance(cell, Status) else cell).split()


def text_raw(value: str) -> str:
    """A Typst string literal of ``value`` exactly as it is (for an SVG, not for reading)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)


def _svg(svg: str) -> str:
    return _PROLOGUE.sub("", svg, count=1)


def _numbers(placed: tuple[Placed, ...]) -> set[str]:
    found: set[str] = set()
    for one in placed:
        if isinstance(one.block, Section) and one.number:
            found.add(one.number)
        found |= _numbers(one.children)
    return found


@cache
def _style() -> str:
    fonts = ", ".join(f'"{name}"' for name in FAMILY_NAMES)
    return f"#let fonts = ({fonts},)\n" + STYLE.read_text()


def typst_source(document: Document, charts: Mapping[Chart, ChartImages] | None = None) -> str:
    """The report as Typst markup: the committee's style, the document's metadata, its body."""
    charts = charts if charts is not None else render_charts(document)
    metadata = (
        f"#set document(title: {_plain(document.title)}, author: {_plain(document.author)}, "
        f"description: {_plain(_description(document))})\n"
    )
    return _style() + metadata + _Writer(document, charts).write()


def _plain(value: str) -> str:
    return text_raw(printable(value))


def _description(document: Document) -> str:
    return f"Report to the {document.committee} meeting of {long_date(document.meeting_date)}."


def render_pdf(document: Document, charts: Mapping[Chart, ChartImages] | None = None) -> bytes:
    """A tagged PDF/UA-1 file of the report; the same document gives the same bytes."""
    source = typst_source(document, charts)
    with typst_lock:
        pdf = typst.compile(
            source.encode(),
            font_paths=typst_fonts(),
            ignore_system_fonts=True,
            pdf_standards=["ua-1"],
            timestamp=document.generated_at.astimezone(UTC),
        )
    assert isinstance(pdf, bytes)
    try:
        return pack_objects(pdf)
    except NotPackable:
        # A later Typst may lay its files out otherwise: a larger file is still a right one.
        logger.warning("The PDF's objects were left unpacked: Typst wrote an unexpected layout")
        return pdf
