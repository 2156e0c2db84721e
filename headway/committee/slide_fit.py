"""What fits on an appendix slide: table rows and bullets measured by the lines they wrap to.

PowerPoint grows a table row to fit its text, so slides paged by a count of rows ran off the
bottom once the cells were long (a road map row with three milestones, a priority map cell
naming eight initiatives). The composer pages its tables and bullets by this measure and the
PowerPoint renderer pages a picture's data table by it, on the slide geometry the renderer
draws with. These are estimates, not typesetting: Arial's characters are taken a little wider
than they average, so a page errs towards room to spare.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TypeVar, cast

from headway.committee.document import Cell, Figure, Slide, Status, Table, column_weights
from headway.committee.render.charts import BarChart, LineChart

# The slide (16:9) and the area under its title, in inches.
SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5
MARGIN = 0.6
CONTENT_TOP = 1.45
CONTENT_BOTTOM = SLIDE_HEIGHT - 0.4
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
ROOM = CONTENT_BOTTOM - CONTENT_TOP

# Tables: the size of their text, the least height of a row, the cells' margins (PowerPoint's
# own left and right ones; the top and bottom ones Headway sets).
TABLE_POINTS = 14
ROW_INCHES = 0.4
CELL_MARGIN_X, CELL_MARGIN_Y = 0.1, 0.04

# Bullets: the size of their text, their hanging indent and the space after each.
BODY_POINTS = 18
BULLET_INDENT = 0.45
BULLET_SPACE_POINTS = 8

# Arial averages a little under half an em a character (0.46 measured on the demo's tables in
# LibreOffice); half an em leaves room for bold row headings and capitals.
_EM_PER_CHARACTER = 0.5
_LINE_SPACING = 1.2

Row = TypeVar("Row", bound=Sequence[Cell])


def characters_per_line(width_inches: float, points: float) -> int:
    return max(1, int(width_inches * 72 / (points * _EM_PER_CHARACTER)))


def wrap(text: str, characters: int) -> list[tuple[str, str]]:
    """The text's lines when wrapped at word boundaries to that many characters, a word longer
    than a line broken where it must. Each line comes with what joined it to the line before
    ("" inside a broken word, " " between words, "\n" at a line break), so lines put back
    together give the text again."""
    lines: list[tuple[str, str]] = []
    for number, paragraph in enumerate(text.split("\n")):
        joint, line = ("\n" if number else ""), ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > characters:
                lines.append((joint, line))
                joint, line = " ", ""
            if line:
                line += " "
            while len(line) + len(word) > characters:
                cut = characters - len(line)
                lines.append((joint, line + word[:cut]))
                joint, line, word = "", "", word[cut:]
            line += word
        lines.append((joint, line))
    return lines


def _joined(lines: Sequence[tuple[str, str]]) -> str:
    """Lines put back together, less what joined the first to a line before it."""
    return lines[0][1] + "".join(joint + line for joint, line in lines[1:]) if lines else ""


@lru_cache(maxsize=8192)
def wrapped_lines(text: str, characters: int) -> int:
    """How many lines the text takes when wrapped at word boundaries to that many characters."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            length = len(word)
            if used and used + 1 + length > characters:
                lines += 1
                used = 0
            # A word longer than a line breaks where it must.
            while length > characters:
                lines += 1
                length -= characters
            used = used + 1 + length if used else length
    return lines


def _text(cell: Cell) -> str:
    return cell.label if isinstance(cell, Status) else cell


def _line_inches(points: float) -> float:
    return points * _LINE_SPACING / 72


def row_inches(cells: Sequence[Cell], widths: Sequence[float]) -> float:
    """How tall a table row will be: its longest cell's lines, or the least row height."""
    lines = max(
        wrapped_lines(_text(cell), characters_per_line(width - 2 * CELL_MARGIN_X, TABLE_POINTS))
        for cell, width in zip(cells, widths, strict=True)
    )
    return max(ROW_INCHES, lines * _line_inches(TABLE_POINTS) + 2 * CELL_MARGIN_Y)


def table_inches(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> float:
    """How tall the table will be, its columns shared out across the slide as Table does."""
    weights = column_weights(header, rows)
    widths = [CONTENT_WIDTH * weight / sum(weights) for weight in weights]
    return sum(row_inches(row, widths) for row in (header, *rows))


# A slide's title: its box under the top margin, and the sizes it may take.
TITLE_INCHES = 1.0
TITLE_POINTS = (30, 26, 22, 18, 16, 14)


def title_points(title: str) -> int:
    """The largest size at which the title fits its box: a long name (or an unbroken 250
    letters) takes a smaller size rather than running into the table below."""
    for points in TITLE_POINTS:
        lines = wrapped_lines(title, characters_per_line(CONTENT_WIDTH, points))
        if lines * _line_inches(points) <= TITLE_INCHES:
            return points
    return TITLE_POINTS[-1]


def split_row(header: Sequence[str], row: Row) -> list[Row]:
    """The row as it fits on slides: itself, or, if it is taller than a slide (a 3,000-letter
    word in a narrative), rows a slide tall each, its text carried on from one to the next and
    its first cell's name repeated "(continued)", so no text runs off the slide or hides its
    name."""
    if table_inches(header, [row]) <= ROOM:
        return [row]
    # Measured as the continued rows will be drawn, their first cell the longer by its note.
    first = row[0] if isinstance(row[0], Status) else f"{row[0]} (continued)"
    weights = column_weights(header, [(first, *row[1:])])
    widths = [CONTENT_WIDTH * weight / sum(weights) for weight in weights]
    room = ROOM - row_inches(header, widths) - 2 * CELL_MARGIN_Y
    # A line to spare: the measure is an estimate.
    most = max(1, int(room / _line_inches(TABLE_POINTS)) - 1)
    pieces: list[list[str]] = []
    for cell, width in zip(row, widths, strict=True):
        lines = wrap(_text(cell), characters_per_line(width - 2 * CELL_MARGIN_X, TABLE_POINTS))
        pieces.append([_joined(lines[at : at + most]) for at in range(0, len(lines), most)])
    rows = []
    for part in range(max(len(cell_pieces) for cell_pieces in pieces)):
        cells: list[Cell] = []
        for column, cell in enumerate(row):
            if isinstance(cell, Status):
                cells.append(cell)
            elif part < len(pieces[column]):
                cells.append(pieces[column][part])
            elif column == 0 and len(pieces[0]) == 1:
                cells.append(f"{pieces[0][0]} (continued)")
            else:
                cells.append("")
        rows.append(cast(Row, tuple(cells)))
    return rows


def table_pages(header: Sequence[str], rows: Sequence[Row], most: int) -> list[list[Row]]:
    """The rows in slide-sized pages of at most ``most``, each page measured as it will be
    drawn (its columns are shared out by its own rows). A row taller than a slide is split
    into rows that each fit one (``split_row``)."""
    pages: list[list[Row]] = []
    page: list[Row] = []
    for row in (piece for whole in rows for piece in split_row(header, whole)):
        if page and (len(page) == most or table_inches(header, [*page, row]) > ROOM):
            pages.append(page)
            page = []
        page.append(row)
    if page:
        pages.append(page)
    return pages


def without_lone_last(header: Sequence[str], pages: list[list[Row]]) -> list[list[Row]]:
    """The pages, the last one joined to the one before when it holds a single row that
    page has room for: a table never leaves one row alone on a slide of its own."""
    if len(pages) > 1 and len(pages[-1]) == 1:
        joined = pages[-2] + pages[-1]
        if table_inches(header, joined) <= ROOM:
            return [*pages[:-2], joined]
    return pages


def bullet_inches(text: str) -> float:
    characters = characters_per_line(CONTENT_WIDTH - BULLET_INDENT, BODY_POINTS)
    return wrapped_lines(text, characters) * _line_inches(BODY_POINTS) + BULLET_SPACE_POINTS / 72


# The renderer stacks a slide's blocks down the slide with this gap between them, and gives a
# text box this much room beyond its lines (its own margins), so a page of lists counts them.
BLOCK_GAP = 0.15
TEXT_BOX_PADDING = 0.2


def paragraph_inches(text: str, width: float = CONTENT_WIDTH) -> float:
    """A paragraph's box on a slide, as the renderer sizes it."""
    characters = max(20, int(width * 9))
    return TEXT_BOX_PADDING + 0.4 * max(1, -(-len(text) // characters))


def list_inches(items: Sequence[str]) -> float:
    """A bulleted list's box on a slide, as the renderer sizes it."""
    return TEXT_BOX_PADDING + sum(bullet_inches(item) for item in items)


def lead_in_inches(lead: str) -> float:
    """What a list costs before its first bullet: its lead-in paragraph, if any, and the
    list's own box, each followed by the gap to the next block."""
    lead_box = paragraph_inches(lead) + BLOCK_GAP if lead else 0.0
    return lead_box + TEXT_BOX_PADDING + BLOCK_GAP


def split_bullet(text: str) -> list[str]:
    """The bullet as it fits on slides: itself, or pieces a slide tall each."""
    if bullet_inches(text) <= ROOM:
        return [text]
    most = max(1, int((ROOM - BULLET_SPACE_POINTS / 72) / _line_inches(BODY_POINTS)) - 1)
    lines = wrap(text, characters_per_line(CONTENT_WIDTH - BULLET_INDENT, BODY_POINTS))
    return [_joined(lines[at : at + most]) for at in range(0, len(lines), most)]


def bullet_pages(lines: Sequence[str], most: int) -> list[list[str]]:
    """The bullets in slide-sized pages of at most ``most``; one taller than a slide is
    split (``split_bullet``)."""
    pages: list[list[str]] = []
    page: list[str] = []
    used = 0.0
    for line in (piece for whole in lines for piece in split_bullet(whole)):
        height = bullet_inches(line)
        if page and (len(page) == most or used + height > ROOM):
            pages.append(page)
            page, used = [], 0.0
        page.append(line)
        used += height
    if page:
        pages.append(page)
    return pages


# Rows of a picture's data table on one slide, at most (fewer when they are long).
DATA_ROWS_PER_SLIDE = 10


def deck_pages(slide: Slide) -> list[Slide]:
    """The deck's slides for one ``Slide``: itself, then a slide for each page of a picture's
    data table (native charts carry their data). The PowerPoint renderer draws these and the
    composer numbers the deck by them, so a slide's number is the same in every format."""
    pages = [slide]
    for block in slide.blocks:
        if isinstance(block, Figure) and not isinstance(block.chart, BarChart | LineChart):
            table = block.table
            chunks = without_lone_last(
                table.header, table_pages(table.header, table.rows, DATA_ROWS_PER_SLIDE)
            )
            for number, rows in enumerate(chunks, start=1):
                part = f" ({number} of {len(chunks)})" if len(chunks) > 1 else ""
                pages.append(
                    Slide(
                        f"{slide.title}: the data{part}",
                        (
                            Table(
                                f"{table.caption}{part}",
                                table.header,
                                tuple(rows),
                                table.align,
                                table.row_headers,
                            ),
                        ),
                        number=None if slide.number is None else slide.number + number,
                    )
                )
    return pages


def number_slides(slides: Sequence[Slide], first: int = 2) -> tuple[Slide, ...]:
    """The slides with their deck numbers: the title slide is 1, and each slide's data
    slides follow it."""
    numbered = []
    number = first
    for slide in slides:
        numbered.append(replace(slide, number=number))
        number += len(deck_pages(slide))
    return tuple(numbered)
