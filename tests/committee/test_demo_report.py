"""The demo's 2021-22 Q3 report reads like the reference report to the Joint Committee."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from django.core.management import call_command

from headway.committee.compose.document import compose_document, report_content
from headway.committee.document import number_paragraphs, number_sections
from headway.committee.models import Report
from headway.committee.packs import PACK_FILES, pack_files
from headway.demo import DemoSummary


@pytest.fixture
def q3_report(demo: DemoSummary) -> Report:
    return Report.objects.get(period__year=2021, period__quarter=3)


def test_it_has_the_reference_reports_headings_in_order(q3_report: Report) -> None:
    document = compose_document(report_content(q3_report))
    headings = [section.title for section in document.sections]
    assert headings == ["SUMMARY", "RECOMMENDATIONS", "REPORT DETAIL", "Appendices"]
    assert [title for _, title in ((n, s.title) for n, s in number_sections(document))] == [
        "Background",
        "one source strategy 2021-22 progress update for Q3",
    ]
    labels = [
        block.runs[0].text
        for block in document.sections[2].blocks
        if hasattr(block, "runs") and block.runs[0].bold
    ]
    assert labels == [
        "Legal implications and risks:",
        "Financial Implications and risks:",
        "HR Implications and risks:",
    ]


def test_its_paragraphs_are_numbered_by_section(q3_report: Report) -> None:
    numbers = [n for n, _ in number_paragraphs(compose_document(report_content(q3_report)))]
    background = [n for n in numbers if n.startswith("1.")]
    progress = [n for n in numbers if n.startswith("2.")]
    assert background == [f"1.{i}" for i in range(1, len(background) + 1)]
    assert progress == [f"2.{i}" for i in range(1, len(progress) + 1)]
    assert len(background) == 3 and len(progress) >= 5


def test_the_recommendation_names_the_quarter(q3_report: Report) -> None:
    recommendations = compose_document(report_content(q3_report)).sections[1]
    assert recommendations.blocks[0].items[0].text == (  # type: ignore[union-attr]
        "To note the one source strategy 2021-22 progress update for Q3 "
        "(October - December) presented in Appendix 1."
    )


def test_the_appendix_has_the_committees_slides(q3_report: Report) -> None:
    deck = compose_document(report_content(q3_report)).appendix
    assert deck is not None
    assert deck.title == "One Source Strategy 2021-22 progress \N{EN DASH} Q3"
    titles = [slide.title for slide in deck.slides]
    for expected in (
        "Our strategic priorities",
        "Progress at a glance",
        "Progress over the year",
        "Priority 1: Customer-focused services",
        "Key activities from services",
        "Key projects",
        "Road map 2021-22",
        "Priority map 2021-23",
        "Changes since the last quarter",
        "Focus for the coming months",
    ):
        assert any(title.startswith(expected) for title in titles), expected


def test_rendering_one_snapshot_twice_gives_the_same_files(q3_report: Report) -> None:
    first = pack_files(q3_report)
    again = pack_files(q3_report)
    for name in ("report.docx", "appendix.pptx", "report.html", "data.json"):
        assert first[name] == again[name], name


def test_headway_pack_writes_the_five_files(demo: DemoSummary, tmp_path: Path) -> None:
    call_command("pack", "--period", "2021-22-Q3", "--out", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(PACK_FILES)
    word = docx.Document(io.BytesIO((tmp_path / "report.docx").read_bytes()))
    styles = {p.style.name for p in word.paragraphs if p.style is not None}
    assert {"Heading 1", "Numbered Heading", "Numbered Paragraph"} <= styles
