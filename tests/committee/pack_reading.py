"""Read a rendered pack back: the numbers and slide references each file shows, found the way
a reader finds them (prose, charts' data, tables), whatever wrote the file."""

from __future__ import annotations

import io
import json
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import lxml.html
from pptx import Presentation

from headway.lib.words import number_in_words

WORDS = {number_in_words(n): n for n in range(0, 1000)} | {"no": 0}
STATUS_PART = re.compile(r"(\w[\w-]*) (?:is |are )?[a-z ,]+? \((\w+)\)")
FIGURES = re.compile(r"Of the (\d+) initiatives [^,]+, (.+?\))\.")
ONE_FIGURE = re.compile(r"The one initiative [^.]*? is [a-z ]+ \((\w+)\)\.")
COVERAGE = re.compile(r"cover (?:the (\d+) of (\d+) initiatives|all (\d+) initiatives)")
ENTRIES = re.compile(r"(\d+) entries for (\d+) initiatives")
SLIDE_REFERENCE = re.compile(r"\bSlide (\d+)\.?\s+(\S[^\n]*)")


def flat(text: str) -> str:
    return " ".join(text.split())


def number(word: str) -> int:
    return int(word) if word.isdigit() else WORDS[word.lower()]


@dataclass
class Reading:
    """What one file says: the figures sentence's counts by status label, what the figures
    cover, the priority slides' entries, and each chart's or table's rows."""

    name: str
    reported: int | None = None
    by_status: dict[str, int] = field(default_factory=dict)
    coverage: tuple[int, int] | None = None
    entries: tuple[int, int] | None = None
    # Each table with its header row, by "caption#index" (HTML) or "slide N" (PowerPoint).
    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    charts: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    slide_titles: dict[int, str] = field(default_factory=dict)
    text: str = ""


def read_prose(name: str, text: str) -> Reading:
    reading = Reading(name, text=flat(text))
    prose = reading.text
    match = FIGURES.search(prose)
    if match:
        reading.reported = int(match.group(1))
        for part in re.split(r", | and ", match.group(2)):
            found = STATUS_PART.fullmatch(part.strip())
            assert found, f"{name}: cannot read {part!r} in the figures sentence"
            reading.by_status[found.group(2)] = number(found.group(1))
    elif one := ONE_FIGURE.search(prose):
        reading.reported = 1
        reading.by_status[one.group(1)] = 1
    cover = COVERAGE.search(prose)
    if cover:
        if cover.group(3):
            reading.coverage = (int(cover.group(3)), int(cover.group(3)))
        else:
            reading.coverage = (int(cover.group(1)), int(cover.group(2)))
    entries = ENTRIES.search(prose)
    if entries:
        reading.entries = (int(entries.group(1)), int(entries.group(2)))
    return reading


def read_html(html: str) -> Reading:
    tree = lxml.html.fromstring(html)
    reading = read_prose("report.html", tree.text_content())
    for index, table in enumerate(tree.iter("table")):
        caption = flat(table.findtext("caption") or "")
        rows = [
            [flat(cell.text_content()) for cell in row.xpath("th|td")]
            for row in table.xpath(".//tr")
        ]
        reading.tables[f"{caption}#{index}"] = rows
    for heading in tree.xpath("//h3[starts-with(@id, 'slide-')]"):
        text = flat(heading.text_content())
        found = re.match(r"Slide (\d+)\. (.*)", text)
        assert found, text
        reading.slide_titles[int(found.group(1))] = found.group(2)
    return reading


def read_pptx(data: bytes) -> Reading:
    deck = Presentation(io.BytesIO(data))
    texts: list[str] = []
    reading = Reading("appendix.pptx")
    for number_, slide in enumerate(deck.slides, start=1):
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        reading.slide_titles[number_] = flat(title)
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                rows = [[flat(cell.text) for cell in row.cells] for row in shape.table.rows]
                reading.tables.setdefault(f"slide {number_}", []).extend(rows)
            if getattr(shape, "has_chart", False) and shape.has_chart:
                plot = shape.chart.plots[0]
                reading.charts[flat(title)] = {
                    str(series.name): [float(v or 0) for v in series.values]
                    for series in plot.series
                }
    prose = read_prose("appendix.pptx", "\n".join(texts))
    reading.text, reading.entries, reading.coverage = prose.text, prose.entries, prose.coverage
    return reading


def read_docx(data: bytes) -> Reading:
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    reading = read_prose("report.docx", text)
    for index, table in enumerate(document.tables):
        rows = [[flat(cell.text) for cell in row.cells] for row in table.rows]
        reading.tables[f"table {index}"] = rows
    return reading


def pdf_text(data: bytes, layout: bool = True) -> str:
    """The PDF's text as pdftotext gives it, whichever program printed the PDF: laid out as
    printed, or (``layout=False``) in the order it was written, a table's cells row by row."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(data)
        return subprocess.run(
            ["pdftotext", "-layout" if layout else "-raw", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def read_pdf(data: bytes) -> Reading:
    text = pdf_text(data)
    reading = read_prose("report.pdf", text)
    # Slide headings start a line: "Slide 21. Road map 2021-22 (2 of 4)".
    for line in text.splitlines():
        found = re.match(r"\s*Slide (\d+)\. (.+)", line)
        if found:
            reading.slide_titles[int(found.group(1))] = flat(found.group(2))
    return reading


def read_json(data: bytes) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(data)
    return loaded
