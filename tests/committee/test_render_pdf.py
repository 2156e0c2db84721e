"""The PDF is tagged PDF/UA-1, typeset by Typst from the document model: checked through its
structure (tags, language, metadata, alternative text, artifacts, fonts) and its text."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest
from lxml import html as lxml_html
from pypdf.generic import ArrayObject, DictionaryObject

from headway.committee.document import (
    Document,
    Figure,
    NumberedParagraph,
    Paragraph,
    Run,
    Section,
    Status,
    Table,
    column_weights,
    unbroken,
)
from headway.committee.render.charts import Chart, ChartImages
from headway.committee.render.fonts import MissingFont, locate_fonts
from headway.committee.render.pdf import render_pdf, typst_source


def _root(data: bytes) -> Any:
    return pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]


def _elements(node: Any) -> list[DictionaryObject]:
    """Every structure element under a node, depth first."""
    node = node.get_object()
    found: list[DictionaryObject] = []
    kids = node.get("/K")
    if kids is None:
        return found
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    for kid in kids:
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            found.append(kid)
            found.extend(_elements(kid))
    return found


def _kinds(data: bytes) -> list[str]:
    return [str(element["/S"]) for element in _elements(_root(data)["/StructTreeRoot"])]


def _pdftotext(data: bytes, *options: str) -> str:
    done = subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()


def test_it_is_tagged_with_a_structure_tree_and_a_language(pdf_bytes: bytes) -> None:
    root = _root(pdf_bytes)
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_it_declares_pdf_ua_1(pdf_bytes: bytes) -> None:
    metadata = _root(pdf_bytes)["/Metadata"].get_object().get_data()
    assert re.search(rb"pdfuaid:part(>|=\")1", metadata)


def test_it_carries_the_title_author_and_the_snapshot_date(
    pdf_bytes: bytes, sample: Document
) -> None:
    info = pypdf.PdfReader(io.BytesIO(pdf_bytes)).metadata
    assert info is not None
    assert info.title == sample.title
    assert info.author == sample.author
    stamp = sample.generated_at.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    assert info.get("/CreationDate", "").startswith(f"D:{stamp}")


def test_its_headings_go_down_one_level_at_a_time(pdf_bytes: bytes) -> None:
    headings = [int(kind[2]) for kind in _kinds(pdf_bytes) if re.fullmatch(r"/H[1-6]", kind)]
    assert headings[0] == 1 and headings.count(1) == 1
    assert {1, 2, 3} <= set(headings)
    for before, after in itertools.pairwise(headings):
        assert after <= before + 1, f"H{before} is followed by H{after}"


def test_its_headings_are_the_bookmarks(pdf_bytes: bytes, sample: Document) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))

    def titles(items: list[Any]) -> list[str]:
        found: list[str] = []
        for item in items:
            found.extend(titles(item) if isinstance(item, list) else [item.title])
        return found

    marks = titles(reader.outline)
    assert marks[0] == sample.title
    assert "1. Background" in [" ".join(mark.split()) for mark in marks]


def test_every_table_has_header_cells(pdf_bytes: bytes) -> None:
    elements = _elements(_root(pdf_bytes)["/StructTreeRoot"])
    tables = [e for e in elements if e["/S"] == "/Table"]
    assert len(tables) >= 10
    for table in tables:
        assert "/TH" in [str(e["/S"]) for e in _elements(table)]


def test_every_figure_says_what_its_chart_shows(pdf_bytes: bytes, sample: Document) -> None:
    elements = _elements(_root(pdf_bytes)["/StructTreeRoot"])
    alts = [str(e.get("/Alt", "")) for e in elements if e["/S"] == "/Figure"]
    assert alts == [figure.alt for figure in sample.figures()]
    for alt, figure in zip(alts, sample.figures(), strict=True):
        assert len(alt) > len(figure.caption)  # more than the chart's title


def test_nothing_is_wrapped_in_nonstruct(pdf_bytes: bytes) -> None:
    assert "/NonStruct" not in _kinds(pdf_bytes)


def test_the_page_footers_are_artifacts(pdf_bytes: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    page = reader.pages[0]
    marks: list[str] = []
    shown: list[tuple[str, bool]] = []

    def operator(op: bytes, args: Any, *_: Any) -> None:
        if op in (b"BDC", b"BMC"):
            marks.append(str(args[0]))
        elif op == b"EMC" and marks:
            marks.pop()

    def text(value: str, *_: Any) -> None:
        if value.strip():
            shown.append((value, "/Artifact" in marks))

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    artifacts = " ".join(" ".join(value for value, artifact in shown if artifact).split())
    content = " ".join(" ".join(value for value, artifact in shown if not artifact).split())
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in artifacts
    assert "Page 1 of" not in content
    assert "Background" in content  # the report itself is content


def test_every_font_is_embedded(pdf_bytes: bytes) -> None:
    listing = subprocess.run(
        ["pdffonts", "-"], input=pdf_bytes, capture_output=True, check=False
    ).stdout.decode()
    rows = listing.splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\byes\s+(yes|no)\s+yes\b", row), row  # embedded, with Unicode


def test_it_reads_in_the_order_of_the_web_page(pdf_bytes: bytes, html: str) -> None:
    """Every heading, paragraph, list item and caption of the web page, in its order."""
    tree = lxml_html.document_fromstring(html)
    wanted = [
        " ".join(element.text_content().split())
        for element in tree.iter("h1", "h2", "h3", "h4", "p", "li", "figcaption", "caption")
        if "visually-hidden" not in (element.get("class") or "")
    ]
    printed = " ".join(_pdftotext(pdf_bytes).split())
    position = 0
    for text in filter(None, wanted):
        found = printed.find(text, position)
        assert found >= 0, f"{text!r} is missing or out of order"
        position = found + len(text)


def test_the_same_document_gives_the_same_pdf(
    pdf_bytes: bytes, sample: Document, charts: dict[Chart, ChartImages]
) -> None:
    assert render_pdf(sample, charts) == pdf_bytes


# What an officer may type ---------------------------------------------------------------------

# Every character with a meaning in Typst's markup or code, and the sequences that have one.
TYPST_SYNTAX = (
    "\\ # * _ ` $ < > @ = - + / [ ] { } ( ) ~ ' \" : ; , . ! ? % & | ^ "
    '// /* */ -- --- ... -? \\u{41} #"x" "] #let x = 1 <label> @ref $x^2$ '
    "https://example.org/a_b*c* = Heading + item - item 1. item / term: x"
)


def _small(sample: Document, *blocks: Any, title: str = "Report") -> Document:
    return replace(
        sample,
        title=title,
        sections=(Section("Section", tuple(blocks)),),
        appendix=None,
        header_fields=(("Committee", "Date"),),
    )


def test_every_character_of_typst_syntax_is_printed_as_typed(sample: Document) -> None:
    document = _small(
        sample,
        Paragraph.of(TYPST_SYNTAX, Run(TYPST_SYNTAX, bold=True)),
        Table(
            caption=TYPST_SYNTAX,
            header=(TYPST_SYNTAX, "Status"),
            rows=((TYPST_SYNTAX, Status(TYPST_SYNTAX, "#f47738")),),
        ),
        title=TYPST_SYNTAX,
    )
    pdf = render_pdf(document)
    printed = " ".join(_pdftotext(pdf).split())
    # The heading and both runs, whole; the table's cells are narrower than a line.
    assert printed.count(" ".join(TYPST_SYNTAX.split())) >= 3
    assert _kinds(pdf).count("/TH") == 2 + 2 and _kinds(pdf).count("/TD") == 2  # + header block
    assert pypdf.PdfReader(io.BytesIO(pdf)).metadata.title == TYPST_SYNTAX  # type: ignore[union-attr]
    assert _kinds(pdf).count("/H1") == 1  # "= Heading" made no heading


HOSTILE = (
    "Emoji 🎉 👍🏽 👨‍👩‍👧 🇬🇧, Arabic مرحبا بالعالم, Hebrew שלום עולם, "
    "bidi \u202eevil\u202c \u2067isolated\u2069 \u200f, *markup* #strong[x] $1$, "
    "controls \x00\x07\x1b\x7f\x9b, a line\nbreak, CJK 中文, private \ue000."
)


def test_hostile_text_is_printed_and_stays_on_the_page(sample: Document) -> None:
    word = "W" * 3000
    document = _small(
        sample,
        Paragraph.of(HOSTILE),
        Paragraph.of(word),
        Table(
            caption="Hostile cells",
            header=("Initiative", "Status", "Narrative"),
            rows=((word, Status("Amber", "#f47738"), HOSTILE),),
        ),
    )
    pdf = render_pdf(document)
    text = _pdftotext(pdf)
    for words in ("🎉", "بالعالم", "עולם", "markup", "#strong[x]", "a line break"):
        assert words in " ".join(text.split()) or words[::-1] in text, words
    # The long word wraps inside its cell and the page: no word reaches past the margins.
    boxes = _pdftotext(pdf, "-bbox")
    width = float(re.search(r'<page width="([\d.]+)"', boxes)[1])  # type: ignore[index]
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
    assert right <= width - 2.2 / 2.54 * 72 + 1
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "DejaVuSans" in fonts and "Type 3" in fonts  # the colour emoji are Type 3 glyphs


def test_a_long_word_in_a_figure_s_alternative_text_is_kept_whole(sample: Document) -> None:
    # The hostile pack's road map names a priority "<script>alert('x')</script> ...": a word
    # long enough to be set in breakable pieces in the text, which Typst refused as alt text.
    figure = next(sample.figures())
    alt = f"{figure.alt} <script>alert('x')</script> {'W' * 3000}"
    document = _small(sample, replace(figure, alt=alt))
    elements = _elements(_root(render_pdf(document))["/StructTreeRoot"])
    assert [str(e["/Alt"]) for e in elements if e["/S"] == "/Figure"] == [alt]


def test_numbered_paragraphs_and_links_keep_their_numbers_and_targets(sample: Document) -> None:
    document = replace(
        _small(sample),
        sections=(
            Section(
                "Background",
                (
                    NumberedParagraph.of("See ", Run("the summary", href="#section-1"), "."),
                    NumberedParagraph.of(Run("Headway", href="https://example.org/?a=1&b=2")),
                ),
                numbered=True,
            ),
        ),
    )
    source = typst_source(document)
    assert 'link(label("section-1"))' in source
    assert 'link("https://example.org/?a=1&b=2")' in source
    assert "1.1 See the summary." in " ".join(_pdftotext(render_pdf(document)).split())


def test_a_figure_on_a_slide_named_by_its_heading_has_no_second_caption(
    sample: Document,
) -> None:
    figure = next(sample.figures())
    assert isinstance(figure, Figure)
    document = _small(sample, figure)
    assert f"Figure 1: {figure.caption}" in " ".join(_pdftotext(render_pdf(document)).split())


def test_a_missing_font_is_named_with_its_package(tmp_path: Path) -> None:
    with pytest.raises(MissingFont, match=r"fonts-liberation.*fonts-dejavu-core"):
        locate_fonts((tmp_path,))


def test_the_machine_has_every_font(sample: Document) -> None:
    assert len(locate_fonts()) == 8


def test_the_timestamp_is_the_snapshot_s(sample: Document) -> None:
    later = replace(_small(sample), generated_at=datetime(2023, 5, 6, 7, 8, 9, tzinfo=UTC))
    info = pypdf.PdfReader(io.BytesIO(render_pdf(later))).metadata
    assert info is not None and info.get("/CreationDate", "").startswith("D:20230506070809")


def test_a_long_word_that_fits_its_line_is_never_broken(sample: Document) -> None:
    address = "(performance.directorate@example.org)"
    document = replace(
        _small(sample),
        header_fields=(
            ("Committee", "Date"),
            ("Report author:", f"Head of Finance, Performance and Resources {address}"),
        ),
    )
    lines = [" ".join(line.split()) for line in _pdftotext(render_pdf(document)).splitlines()]
    # The address goes to the next line whole, rather than filling this one and breaking.
    assert address in lines


def test_slides_carry_the_decks_own_numbers(sample: Document) -> None:
    """The PDF cites each slide by the number PowerPoint gives it (a title slide, data slides),
    as the web page and the Word report do, and says what the figures cover."""
    assert sample.appendix is not None
    slides = tuple(
        replace(slide, number=2 * index + 5)
        for index, slide in enumerate(sample.appendix.slides[:2])
    )
    deck = replace(sample.appendix, slides=slides, coverage="Covers 3 of 4.")
    source = typst_source(replace(_small(sample), appendix=deck))
    assert '"Slide 5."' in source and '"Slide 7."' in source and '"Covers 3 of 4."' in source


def test_a_short_table_moves_whole_to_the_next_page(sample: Document) -> None:
    """A short table (an exception note's few rows) never leaves its caption and first row
    alone at the foot of a page: wherever the page ends, it is all on one page."""
    table = Table(
        caption="Exception note",
        header=("Council", "Why it is off target"),
        rows=tuple((f"Council {n}", f"Reason {n}, in a sentence or two.") for n in range(3)),
    )
    pages_of_caption_and_last_row = set()
    for lines in range(24, 32):
        filler = tuple(Paragraph.of(f"Line {n}.") for n in range(lines))
        pages = _pdftotext(render_pdf(_small(sample, *filler, table))).split("\f")
        caption = next(i for i, page in enumerate(pages) if "Exception note" in page)
        last = next(i for i, page in enumerate(pages) if "Council 2" in page)
        pages_of_caption_and_last_row.add((caption, last))
    # The filler pushes the table onto the second page at some length, and it is always whole.
    assert pages_of_caption_and_last_row == {(0, 0), (1, 1)}


def test_a_long_table_still_runs_on_over_pages(sample: Document) -> None:
    rows = tuple((f"Initiative {n}", "On track") for n in range(80))
    table = Table(caption="Initiatives", header=("Initiative", "Progress"), rows=rows)
    pages = _pdftotext(render_pdf(_small(sample, Paragraph.of("Before."), table))).split("\f")
    assert "Initiatives" in pages[0] and "Initiative 79" in pages[1]


def test_a_figure_with_its_unit_a_quarter_and_a_marked_word_stay_on_one_line(
    sample: Document,
) -> None:
    # The indicators' summary table, whose narrow Value and Target columns put "days" under
    # "8.1", and a chart's data table, whose quarters wrapped after the year.
    summary = Table(
        caption="Performance indicators for priority 4",
        header=("Measure", "Council", "Value", "Target", "Status", "Since last quarter", "Year"),
        rows=(
            (
                "HR-PI-01 Working days lost to sickness per employee",
                "Whole service",
                "8.1 days",
                "18.0 days",
                Status("! Within tolerance", "#ffdd00"),
                "▼ Getting worse",
                "\u2013 Not comparable",
            ),
        ),
    )
    quarters = Table(
        caption="Data for the chart",
        header=("Quarter", *(f"Target for council {n}" for n in range(6))),
        rows=tuple((f"2021-22 Q{q}", *["2,260,000"] * 6) for q in range(1, 4)),
    )
    lines = [
        " ".join(line.split())
        for line in _pdftotext(render_pdf(_small(sample, summary, quarters))).splitlines()
    ]
    for phrase in ("8.1 days", "18.0 days", "▼ Getting", "\u2013 Not", "2021-22 Q1", "2021-22 Q3"):
        assert any(phrase in line for line in lines), phrase


def test_the_phrases_kept_on_one_line_are_sized_as_one_word() -> None:
    assert unbroken("8.1 days and £2,940 each, 2021-22 Q3: ▲ Improving", "_") == (
        "8.1_days and £2,940 each, 2021-22 Q3: ▲_Improving"
    )
    assert unbroken("costs rose 5, in part", "_") == "costs rose 5, in part"
    # "8.1 days" counts as one word of eight characters, half as wide again.
    assert column_weights(("V",), [("8.1 days",)]) == (12 + 6,)
