"""The pack benchmark's parts: larger portfolios told as the demo's story, and a floor that
writes the same words, rows and charts as the pack (so the comparison means something)."""

from __future__ import annotations

import io

import docx
import pytest
from pptx import Presentation

from headway.committee.bench.floor import floor_content, write_floor
from headway.committee.bench.portfolios import scaled_catalogue
from headway.committee.document import Document, number_paragraphs
from headway.demo.catalogue import CATALOGUE
from headway.demo.maps import ADDED_BY_A_CHANGE


def test_a_scaled_catalogue_holds_the_demo_then_copies_with_references_of_their_own() -> None:
    specs = scaled_catalogue(150)
    assert len(specs) == 150
    assert specs[: len(CATALOGUE)] == CATALOGUE
    assert len({spec.reference for spec in specs}) == 150
    copy = specs[len(CATALOGUE)]
    assert copy.reference == f"{CATALOGUE[0].reference}-2"
    assert copy.service_code == CATALOGUE[0].service_code
    assert copy.title.endswith("(copy 2)")


def test_the_project_the_map_history_adds_is_never_copied() -> None:
    references = [spec.reference for spec in scaled_catalogue(300)]
    assert [r for r in references if r.startswith(ADDED_BY_A_CHANGE)] == [ADDED_BY_A_CHANGE]


def test_a_catalogue_smaller_than_the_demo_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        scaled_catalogue(len(CATALOGUE) - 1)


def test_the_floor_writes_the_five_files_with_the_packs_words_and_slides(
    sample: Document,
) -> None:
    files = write_floor(floor_content(sample, {"figures": [1, 2]}))
    assert set(files) == {"report.docx", "appendix.pptx", "report.html", "report.pdf", "data.json"}
    words = "\n".join(p.text for p in docx.Document(io.BytesIO(files["report.docx"])).paragraphs)
    for _, paragraph in number_paragraphs(sample):
        assert paragraph.text in words
    assert sample.appendix is not None
    deck = Presentation(io.BytesIO(files["appendix.pptx"]))
    assert len(deck.slides) == len(sample.appendix.slides) + 1
    assert files["report.pdf"].startswith(b"%PDF")
