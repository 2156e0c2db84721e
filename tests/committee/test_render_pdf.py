"""The PDF is tagged PDF/UA-1: structure tree, marked content, language, alt text on figures."""

from __future__ import annotations

import io
import re
import zlib
from typing import Any

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject

from headway.committee.render.pdf import FLATE_LEVEL, render_pdf


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


def test_it_is_tagged_with_a_structure_tree_and_a_language(pdf_bytes: bytes) -> None:
    root = _root(pdf_bytes)
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_it_declares_pdf_ua_1(pdf_bytes: bytes) -> None:
    metadata = _root(pdf_bytes)["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in metadata
    assert b"1" in metadata.split(b"pdfuaid:part")[1][:20]


def test_its_structure_has_the_reports_headings_lists_tables_and_figures(
    pdf_bytes: bytes,
) -> None:
    tree = _root(pdf_bytes)["/StructTreeRoot"]
    kinds = [str(element["/S"]) for element in _elements(tree)]
    for kind in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure"):
        assert kind in kinds, kind
    assert kinds.count("/H1") == 1


def test_every_figure_has_alternative_text(pdf_bytes: bytes) -> None:
    tree = _root(pdf_bytes)["/StructTreeRoot"]
    figures = [e for e in _elements(tree) if e["/S"] == "/Figure"]
    assert len(figures) == 4
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures)


def test_it_carries_the_title_and_the_snapshot_date(pdf_bytes: bytes) -> None:
    info = pypdf.PdfReader(io.BytesIO(pdf_bytes)).metadata
    assert info is not None
    assert info.title is not None and info.title.startswith("One Source Strategy 2020-23")
    assert info.get("/CreationDate", "").startswith("D:20220121093000")


def test_the_same_page_gives_the_same_pdf(pdf_bytes: bytes, html: str) -> None:
    assert render_pdf(html) == pdf_bytes


def test_it_fetches_nothing_from_outside_the_page(html: str) -> None:
    page = html.replace("</main>", '<img src="https://example.org/tracker.png" alt="x"></main>')
    # Rendering succeeds without the network: the image is simply left out.
    assert pypdf.PdfReader(io.BytesIO(render_pdf(page))).pages


def test_the_report_details_are_printed_with_their_values(pdf_bytes: bytes) -> None:
    first_page = pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages[0].extract_text()
    for text in ("Subject heading:", "Assistant Director (demo)", "Financial summary:"):
        assert text in first_page, text


def test_list_items_keep_their_markers() -> None:
    # The default styles are narrowed to draw markers on list items only; they still do.
    page = (
        '<!DOCTYPE html><html lang="en-GB"><head><title>Lists</title></head><body>'
        "<ol><li>First point</li><li>Second point</li></ol><ul><li>A bullet</li></ul>"
        "</body></html>"
    )
    text = pypdf.PdfReader(io.BytesIO(render_pdf(page))).pages[0].extract_text()
    # Markers are drawn as artifacts, so they are read after the items' text.
    assert text.split() == ["First", "point", "Second", "point", "A", "bullet", "1.", "2.", "•"]


def test_its_streams_are_compressed_at_the_chosen_level(pdf_bytes: bytes) -> None:
    streams = re.finditer(rb"<</Filter /FlateDecode/Length (\d+)>>\nstream\n", pdf_bytes)
    checked = 0
    for stream in streams:
        data = pdf_bytes[stream.end() : stream.end() + int(stream[1])]
        # zlib's header names the level's family (fastest, fast, default, best) ...
        assert data[1] >> 6 == 2, "streams are compressed at zlib's default level, not its best"
        # ... and the bytes are what that level makes of the content.
        assert zlib.compress(zlib.decompress(data), FLATE_LEVEL) == data
        checked += 1
    assert checked > 10


def test_weasyprint_understands_every_print_style(html: str, caplog: Any) -> None:
    """A style WeasyPrint cannot read is dropped with a warning in every pack's log."""
    with caplog.at_level("WARNING", logger="weasyprint"):
        render_pdf(html)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
