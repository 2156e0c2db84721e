"""The one document model between the report composer and the four renderers.

A committee report is a tree of frozen values: sections holding paragraphs, numbered paragraphs,
lists, tables, figures and subsections, plus an appendix slide deck. Nothing in the tree holds a
paragraph number: numbers come from position (``outline``), so moving a paragraph renumbers the
report, and Word numbers its own copy from the template's list definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar, Literal

from headway.committee.render.charts import Chart

Align = Literal["left", "centre", "right"]
_LINK_SCHEMES = ("https://", "http://", "mailto:", "#")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text: plain, bold, or a link."""

    text: str
    bold: bool = False
    href: str | None = None

    def __post_init__(self) -> None:
        # Links end up in Word, PowerPoint, HTML and PDF: only ordinary web and mail links.
        if self.href is not None and not self.href.startswith(_LINK_SCHEMES):
            raise ValueError(
                f"The link {self.href!r} must start with https://, http://, mailto: or #."
            )


def _runs(parts: tuple[str | Run, ...]) -> tuple[Run, ...]:
    return tuple(part if isinstance(part, Run) else Run(part) for part in parts)


def _check_runs(kind: str, runs: tuple[Run, ...]) -> None:
    if not all(isinstance(run, Run) for run in runs):
        raise TypeError(f"A {kind} holds Run values: build it with {kind}.of('text', ...).")


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...]
    kind: ClassVar[str] = "paragraph"

    def __post_init__(self) -> None:
        _check_runs("Paragraph", self.runs)

    @classmethod
    def of(cls, *parts: str | Run) -> Paragraph:
        return cls(_runs(parts))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True, slots=True)
class NumberedParagraph:
    """A paragraph of a numbered section: 1.1, 1.2 ... by its position, never stored."""

    runs: tuple[Run, ...]
    kind: ClassVar[str] = "numbered_paragraph"

    def __post_init__(self) -> None:
        _check_runs("NumberedParagraph", self.runs)

    @classmethod
    def of(cls, *parts: str | Run) -> NumberedParagraph:
        return cls(_runs(parts))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def _items(items: tuple[str | Paragraph, ...]) -> tuple[Paragraph, ...]:
    return tuple(item if isinstance(item, Paragraph) else Paragraph.of(item) for item in items)


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Paragraph, ...]
    kind: ClassVar[str] = "bullet_list"

    @classmethod
    def of(cls, *items: str | Paragraph) -> BulletList:
        return cls(_items(items))


@dataclass(frozen=True, slots=True)
class OrderedList:
    """A list whose order matters, such as the recommendations: "1. To note ..."."""

    items: tuple[Paragraph, ...]
    kind: ClassVar[str] = "ordered_list"

    @classmethod
    def of(cls, *items: str | Paragraph) -> OrderedList:
        return cls(_items(items))


@dataclass(frozen=True, slots=True)
class Status:
    """A table cell that names a status and carries its colour: the name is always shown."""

    label: str
    colour: str


Cell = str | Status


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[Align, ...] = ()
    row_headers: bool = False
    kind: ClassVar[str] = "table"

    def __post_init__(self) -> None:
        width = len(self.header)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise ValueError(
                    f"Table {self.caption!r}: row {number} has {len(row)} cells "
                    f"for {width} columns; give one cell per column."
                )
        if self.align and len(self.align) != width:
            raise ValueError(f"Table {self.caption!r}: give one alignment per column, or none.")

    def alignment(self, column: int) -> Align:
        return self.align[column] if self.align else "left"

    def column_weights(self) -> tuple[int, ...]:
        return column_weights(self.header, self.rows)


# What a table's cell keeps on one line: a figure with its unit ("8.1 days"), a quarter
# ("2021-22 Q3") and a symbol with the word it marks ("▲ Improving"). Every renderer sizes the
# columns as if each were one word, and the PDF joins them with a no-break space (``unbroken``).
UNBROKEN = re.compile(
    r"(?<!\S)(?:"
    r"[-+\u2212]?[£$€]?\d(?:[\d.,]*\d)?%? [A-Za-z]{1,8}"
    r"|\d{4}-\d{2} Q[1-4]"
    r"|[^\w\s] \w+"
    r")(?!\S)"
)
_UNBROKEN_OR_WORD = re.compile(rf"{UNBROKEN.pattern}|\S+")


def unbroken(text: str, space: str) -> str:
    """The text with ``space`` inside each of its ``UNBROKEN`` phrases."""
    return UNBROKEN.sub(lambda phrase: phrase[0].replace(" ", space), text)


def column_weights(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> tuple[int, ...]:
    """How wide each column of a table should be, relative to the others: by its longest text,
    up to a point, so a status column stays narrow and a narrative one takes the room."""
    columns = zip(header, *rows, strict=True)
    return tuple(
        _column_weight([c.label if isinstance(c, Status) else c for c in cells]) + 6
        for cells in columns
    )


def _column_weight(texts: Sequence[str]) -> int:
    """A column's share: its longest text, and room for its longest word, which cannot wrap.

    An ``UNBROKEN`` phrase ("8.1 days") is one word: the renderers keep it on one line.
    A word counts half as wide again as its letters (figures and capitals are wider than the
    average letter the lengths stand for), so "£6,830,000" keeps to one line in a table whose
    other columns hold sentences.
    """
    longest = max(len(text) for text in texts)
    word = max((len(part) for text in texts for part in _UNBROKEN_OR_WORD.findall(text)), default=0)
    return min(40, max(longest, -(-word * 3 // 2)))


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart with its short text alternative; its data table is printed beside it."""

    chart: Chart
    alt: str
    kind: ClassVar[str] = "figure"

    def __post_init__(self) -> None:
        if not self.alt.strip():
            raise ValueError(f"Figure {self.chart.title!r} needs alternative text.")

    @property
    def caption(self) -> str:
        return self.chart.title

    @property
    def table(self) -> Table:
        header, rows = self.chart.data_table()
        # Figures read better right-aligned, so counts line up under their heading.
        numeric = bool(rows) and all(_is_number(cell) for row in rows for cell in row[1:])
        first: Align = "left"
        rest: Align = "right"
        align = (first, *([rest] * (len(header) - 1))) if numeric else ()
        return Table(
            caption=f"Data for the chart: {self.chart.title}",
            header=header,
            rows=rows,
            align=align,
            row_headers=True,
        )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Section:
    """A headed part of the report. A numbered section's heading reads "1. Background"."""

    title: str
    blocks: tuple[Block, ...]
    numbered: bool = False
    kind: ClassVar[str] = "section"

    def __post_init__(self) -> None:
        for block in self.blocks:
            if isinstance(block, NumberedParagraph) and not self.numbered:
                raise ValueError(
                    f"Section {self.title!r} is not numbered, so it cannot hold the numbered "
                    f"paragraph {block.text[:40]!r}: number the section or use a Paragraph."
                )
            if isinstance(block, Section) and block.numbered and self.numbered:
                raise ValueError(
                    f"Numbered section {block.title!r} sits inside numbered section "
                    f"{self.title!r}: numbering has two levels, sections and paragraphs."
                )


Block = Paragraph | NumberedParagraph | BulletList | OrderedList | Table | Figure | Section
SlideBlock = Paragraph | BulletList | OrderedList | Table | Figure


@dataclass(frozen=True, slots=True)
class Slide:
    title: str
    blocks: tuple[SlideBlock, ...]
    notes: str | None = None
    # Carries on the slide before it ("2 of 5"): print runs it on where there is room.
    continues: bool = False
    # Its number in the PowerPoint deck (the title slide is 1, and a picture's data slides
    # take numbers of their own), so every format shows and cites the same number.
    number: int | None = None


@dataclass(frozen=True, slots=True)
class SlideDeck:
    """The appendix presentation: a title slide, then one slide per ``Slide``."""

    title: str
    subtitle: str
    slides: tuple[Slide, ...]
    # What the figures cover, when not every return was in (shown on the title slide).
    coverage: str = ""

    def __post_init__(self) -> None:
        # Every deck carries its slides' PowerPoint numbers, however it was built, so no
        # renderer has to count (and none can count differently).
        if any(slide.number is None for slide in self.slides):
            from headway.committee.slide_fit import number_slides

            object.__setattr__(self, "slides", number_slides(self.slides))

    def slide_titled(self, number: int) -> Slide | None:
        """The slide the deck numbers ``number``, if one starts there."""
        return next((slide for slide in self.slides if slide.number == number), None)


@dataclass(frozen=True, slots=True)
class Document:
    """A committee report: its meeting, author, header block, sections and appendix.

    ``generated_at`` comes from the snapshot the report was composed from, so rendering the same
    document again gives the same bytes.
    """

    title: str
    organisation: str
    committee: str
    meeting_date: date
    author: str
    author_title: str
    generated_at: datetime
    sections: tuple[Section, ...]
    author_contact: str = ""
    financial_summary: str = "Not applicable"
    language: str = "en-GB"
    header_fields: tuple[tuple[str, str], ...] = ()
    appendix: SlideDeck | None = None

    def __post_init__(self) -> None:
        if self.generated_at.tzinfo is None:
            raise ValueError("generated_at needs a time zone, e.g. datetime(..., tzinfo=UTC).")

    def header_rows(self) -> tuple[tuple[str, str], ...]:
        """The rows of the header block; the committee's standard rows unless given."""
        if self.header_fields:
            return self.header_fields
        author = ", ".join(part for part in (self.author, self.author_title) if part)
        if self.author_contact:
            author = f"{author} ({self.author_contact})"
        return (
            (self.committee.upper(), long_date(self.meeting_date)),
            ("Subject heading:", self.title),
            ("Report author and contact details:", author),
            ("Financial summary:", self.financial_summary),
        )

    def figures(self) -> Iterator[Figure]:
        for placed in walk(outline(self)):
            if isinstance(placed.block, Figure):
                yield placed.block
        if self.appendix:
            for slide in self.appendix.slides:
                yield from (block for block in slide.blocks if isinstance(block, Figure))

    def charts(self) -> tuple[Chart, ...]:
        """Every chart once, in the order it first appears."""
        return tuple(dict.fromkeys(figure.chart for figure in self.figures()))


def long_date(day: date) -> str:
    """``11 March 2022``: the style that reads best aloud."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class Placed:
    """A block in its place, with its depth (1 = a top section) and the number its position gives
    it: "2" for the second numbered section, "2.1" for its first numbered paragraph, "1" for
    the first figure (Figure 1). Other blocks have no number."""

    block: Block
    number: str | None
    depth: int
    children: tuple[Placed, ...] = ()


def outline(document: Document) -> tuple[Placed, ...]:
    """Number the report by position: sections 1, 2 ... and their paragraphs 1.1, 1.2 ..."""
    return outline_sections(document.sections)


def outline_sections(top: tuple[Section, ...]) -> tuple[Placed, ...]:
    """``outline`` for the sections alone, e.g. a report's cover without its appendix."""
    sections = figures = 0

    def place(block: Block, depth: int) -> Placed:
        nonlocal sections, figures
        if isinstance(block, Figure):
            figures += 1
            return Placed(block, str(figures), depth)
        if not isinstance(block, Section):
            return Placed(block, None, depth)
        number = None
        if block.numbered:
            sections += 1
            number = str(sections)
        children = []
        paragraph = 0
        for child in block.blocks:
            if isinstance(child, NumberedParagraph):
                paragraph += 1
                children.append(Placed(child, f"{number}.{paragraph}", depth + 1))
            else:
                children.append(place(child, depth + 1))
        return Placed(block, number, depth, tuple(children))

    return tuple(place(section, 1) for section in top)


def walk(placed: tuple[Placed, ...]) -> Iterator[Placed]:
    """Every placed block in reading order."""
    for one in placed:
        yield one
        yield from walk(one.children)


def number_paragraphs(document: Document) -> list[tuple[str, NumberedParagraph]]:
    return [
        (one.number, one.block)
        for one in walk(outline(document))
        if isinstance(one.block, NumberedParagraph) and one.number
    ]


def number_sections(document: Document) -> list[tuple[str, Section]]:
    return [
        (one.number, one.block)
        for one in walk(outline(document))
        if isinstance(one.block, Section) and one.number
    ]
