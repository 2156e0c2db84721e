"""Any text lays out: a pack of hostile text (a 3,000-letter word, emoji, right-to-left names,
markup, control characters) keeps every word on its page or slide, inside the content area,
clear of every other word, and whole.

The Word and PowerPoint files are printed by LibreOffice and the web page by Chromium; the
words' positions come from the PDFs (``pdftotext -bbox``).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from lxml import etree

from headway.committee import slide_fit
from headway.committee.document import Document, outline, walk
from headway.committee.render.docx import render_docx
from headway.committee.render.html import render_html
from headway.committee.render.pptx import render_pptx
from headway.lib.text import is_right_to_left
from tests.committee.hostile_pack import (
    ARABIC,
    EMOJI,
    HEBREW,
    MARKUP,
    NEIGHBOURS,
    hostile_document,
)
from tests.committee.test_libreoffice_opens_pack import _soffice
from tests.factories import OrganisationFactory, ServiceFactory

# Points a word may stray past an edge: the PDFs' rounding, and glyphs' side bearings.
SLACK = 1.5
_PAGE = "{http://www.w3.org/1999/xhtml}page"
_WORD = "{http://www.w3.org/1999/xhtml}word"

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Printed:
    """A printed file: its pages' sizes (points) and its words with their boxes."""

    sizes: list[tuple[float, float]]
    words: list[Word]
    text: str


@pytest.fixture(scope="module")
def hostile(django_db_setup: None, django_db_blocker: Any) -> Iterator[Document]:
    with django_db_blocker.unblock(), transaction.atomic():
        org = OrganisationFactory.create(name="Hostile Text Service", slug="hostile")
        service = ServiceFactory.create(organisation=org, name="Finance")
        document = hostile_document(org, service)
        transaction.set_rollback(True)
    yield document


def _read(pdf: Path) -> Printed:
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=120
    ).stdout
    root = etree.fromstring(boxes, etree.XMLParser(recover=True, resolve_entities=False))
    sizes, words = [], []
    for number, page in enumerate(root.iter(_PAGE), start=1):
        sizes.append((float(page.get("width")), float(page.get("height"))))
        for word in page.iter(_WORD):
            box = [float(word.get(edge)) for edge in ("xMin", "yMin", "xMax", "yMax")]
            words.append(Word(number, word.text or "", *box))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=120
    ).stdout.decode()
    return Printed(sizes, words, text)


def _libreoffice(source: Path) -> Path:
    soffice = _soffice()
    out = source.parent / "pdf"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(source.parent / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out / f"{source.stem}.pdf"


@pytest.fixture(scope="module")
def pptx_file(hostile: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("pptx") / "appendix.pptx"
    source.write_bytes(render_pptx(hostile))
    return source


@pytest.fixture(scope="module")
def docx_file(hostile: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("docx") / "report.docx"
    source.write_bytes(render_docx(hostile))
    return source


@pytest.fixture(scope="module")
def slides(pptx_file: Path) -> Printed:
    return _read(_libreoffice(pptx_file))


@pytest.fixture(scope="module")
def pages(docx_file: Path) -> Printed:
    return _read(_libreoffice(docx_file))


@pytest.fixture(scope="module")
def web_page(hostile: Document, browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    pdf = tmp_path_factory.mktemp("html") / "report.pdf"
    page = browser.new_page()
    try:
        page.set_content(render_html(hostile), wait_until="load")
        page.pdf(path=str(pdf), format="A4", print_background=True)
    finally:
        page.close()
    return _read(pdf)


def _outside(printed: Printed, left: float = 0, right: float = 0) -> list[Word]:
    """Words that leave their page, or the band ``left`` and ``right`` points in from its sides."""
    strays = []
    for word in printed.words:
        width, height = printed.sizes[word.page - 1]
        if (
            word.left < left - SLACK
            or word.right > width - right + SLACK
            or word.top < -SLACK
            or word.bottom > height + SLACK
        ):
            strays.append(word)
    return strays


def _overlapping(printed: Printed) -> list[tuple[Word, Word]]:
    """Pairs of words drawn over each other (a third of the smaller's box or more), each box
    taken as the middle half of its height: an emoji's box reaches far above and below its
    line, into the next one's, where its picture does not."""
    clashes = []
    by_page: dict[int, list[Word]] = {}
    for word in printed.words:
        by_page.setdefault(word.page, []).append(word)
    for words in by_page.values():
        words = [_middle(word) for word in words]
        words.sort(key=lambda w: w.top)
        for index, one in enumerate(words):
            for other in words[index + 1 :]:
                if other.top >= one.bottom:
                    break
                across = min(one.right, other.right) - max(one.left, other.left)
                down = min(one.bottom, other.bottom) - max(one.top, other.top)
                smaller = min(
                    (one.right - one.left) * (one.bottom - one.top),
                    (other.right - other.left) * (other.bottom - other.top),
                )
                if across > 0 and down > 0 and across * down > smaller / 3:
                    clashes.append((one, other))
    return clashes


def _middle(word: Word) -> Word:
    quarter = (word.bottom - word.top) / 4
    return Word(
        word.page, word.text, word.left, word.top + quarter, word.right, word.bottom - quarter
    )


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_no_word_leaves_its_slide_or_the_slide_s_margins(slides: Printed) -> None:
    margin = slide_fit.MARGIN * 72
    assert len(slides.sizes) > 10
    assert _outside(slides, left=margin, right=margin) == []


def test_no_word_leaves_its_word_page(pages: Printed) -> None:
    assert _outside(pages, left=72 * 0.9, right=72 * 0.9) == []


def test_no_word_leaves_its_printed_web_page(web_page: Printed) -> None:
    assert _outside(web_page) == []


@pytest.mark.parametrize("printed", ["slides", "pages", "web_page"])
def test_no_word_is_drawn_over_another(printed: str, request: pytest.FixtureRequest) -> None:
    assert _overlapping(request.getfixturevalue(printed)) == []


@pytest.mark.parametrize("printed", ["slides", "pages", "web_page"])
def test_every_name_beside_the_long_word_is_printed_whole(
    printed: str, hostile: Document, request: pytest.FixtureRequest
) -> None:
    text = request.getfixturevalue(printed).text
    # The Word report holds the cover, which names only some initiatives.
    named = _cover_text(hostile) if printed == "pages" else " ".join((*NEIGHBOURS, MARKUP))
    assert "Replace payroll" in named
    for name in NEIGHBOURS:
        if name in named:
            assert _flat(name) in _flat(text)
    # The control characters went at the snapshot; the markup is printed as typed.
    assert "_x000" not in text
    if "<script>" in named:
        assert "<script>alert('x')</script>" in text


def test_the_long_word_carries_on_across_slides_under_its_name(slides: Printed) -> None:
    assert "Replace payroll (continued)" in slides.text
    assert _flat(slides.text).count("Supercalifragilistic") >= 150


@pytest.mark.parametrize("printed", ["slides", "pages"])
def test_emoji_symbols_and_right_to_left_words_keep_their_characters(
    printed: str, request: pytest.FixtureRequest
) -> None:
    text = _flat(request.getfixturevalue(printed).text)
    assert _flat(EMOJI) in text
    if printed == "slides":
        for word in (*ARABIC.split(), *HEBREW.split()):
            # pdftotext gives right-to-left words in the order it finds their letters.
            assert word in text or word[::-1] in text


def _cover_text(document: Document) -> str:
    return " ".join(
        getattr(placed.block, "text", "") or getattr(placed.block, "title", "")
        for placed in walk(outline(document))
    )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _paragraphs(office_file: Path, prefix: str) -> list[tuple[str, bool]]:
    """Each paragraph's text, and whether it is set right to left."""
    found = []
    with zipfile.ZipFile(office_file) as archive:
        for name in archive.namelist():
            if not (name.startswith(prefix) and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for paragraph in root.iter(f"{_W}p", f"{_A}p"):
                text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t", f"{_A}t"))
                if paragraph.tag == f"{_W}p":
                    rtl = paragraph.find(f"{_W}pPr/{_W}bidi") is not None
                else:
                    properties = paragraph.find(f"{_A}pPr")
                    rtl = properties is not None and properties.get("rtl") == "1"
                # Numbered paragraphs and list items keep the report's direction.
                numbered = paragraph.find(f"{_W}pPr/{_W}numPr") is not None or (
                    paragraph.find(f"{_W}pPr/{_W}pStyle") is not None
                    and "List" in paragraph.find(f"{_W}pPr/{_W}pStyle").get(f"{_W}val", "")
                )
                if text.strip() and not numbered:
                    found.append((text, rtl))
    return found


@pytest.mark.parametrize(("name", "prefix"), [("pptx_file", "ppt/slides/"), ("docx_file", "word/")])
def test_right_to_left_paragraphs_and_only_they_read_right_to_left_in_office_files(
    name: str, prefix: str, request: pytest.FixtureRequest
) -> None:
    paragraphs = _paragraphs(request.getfixturevalue(name), prefix)
    assert [text for text, rtl in paragraphs if rtl != is_right_to_left(text)] == []
    assert any(rtl for _, rtl in paragraphs)


def test_the_web_page_isolates_each_paragraph_and_cell_s_direction(hostile: Document) -> None:
    page = render_html(hostile)
    assert re.search(r'<td dir="auto"[^>]*>' + re.escape(ARABIC), page)
    assert "<bdi>" in page
    # The markup is text, never elements of the page.
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_only_cells_with_a_word_too_long_for_a_column_break_it_anywhere(
    hostile: Document,
) -> None:
    page = render_html(hostile)
    cells = re.findall(r'<t[dh][^>]*class="([^"]*)"[^>]*>([^<]*)', page)
    breaking = [text for classes, text in cells if "breaks" in classes.split()]
    assert any("Supercalifragilistic" * 2 in text for text in breaking)
    assert all(max(len(word) for word in unescape(text).split()) > 24 for text in breaking)
    assert not any("breaks" in classes for classes, text in cells if text in ("Amber", "Finance"))


def test_measures_with_hostile_names_and_notes_get_their_exception_reports(
    slides: Printed, hostile: Document
) -> None:
    text = _flat(slides.text)
    # Each measure off target has its report, its long note carried on across slides.
    for reference in ("HOST-PI-01", "HOST-PI-02", "HOST-PI-03"):
        assert f"Exceptionreport:{reference}" in text
    assert "Exceptionreport:HOST-PI-04" not in text
    assert _flat("Exception report: HOST-PI-01 Invoices paid on time") in text
    notes = [
        slide
        for slide in hostile.appendix.slides  # type: ignore[union-attr]
        if slide.title.startswith("Exception report: HOST-PI-01")
    ]
    assert len(notes) > 2  # the chart's slide, then the note's 3,000 letters over several
    page = render_html(hostile)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
