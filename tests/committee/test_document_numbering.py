"""Paragraph numbers come from position: adding, removing or moving a paragraph renumbers."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.committee.document import (
    Document,
    Figure,
    NumberedParagraph,
    OrderedList,
    Paragraph,
    Run,
    Section,
    number_paragraphs,
    number_sections,
    outline,
    walk,
)
from headway.committee.render.charts import BarChart, Series


def _report(*sections: Section) -> Document:
    return Document(
        title="Progress Report for Q3",
        organisation="oneSource",
        committee="oneSource Joint Committee",
        meeting_date=date(2022, 3, 11),
        author="Head of Performance (demo)",
        author_title="Performance, Policy and Programmes",
        generated_at=datetime(2022, 1, 21, 9, 30, tzinfo=UTC),
        sections=sections,
    )


def _numbered(title: str, *texts: str) -> Section:
    return Section(title, tuple(NumberedParagraph.of(text) for text in texts), numbered=True)


def _detail(*blocks: Section | Paragraph) -> Section:
    return Section("REPORT DETAIL", blocks)


def _numbers(document: Document) -> list[tuple[str, str]]:
    return [(number, paragraph.text) for number, paragraph in number_paragraphs(document)]


def test_it_numbers_the_reference_structure(sample: Document) -> None:
    assert [s.title for s in sample.sections] == [
        "SUMMARY",
        "RECOMMENDATIONS",
        "REPORT DETAIL",
        "Appendices",
    ]
    assert [(n, s.title) for n, s in number_sections(sample)] == [
        ("1", "Background"),
        ("2", "one source strategy 2021-22 progress update for Q3"),
    ]
    assert [n for n, _ in number_paragraphs(sample)] == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "2.5",
    ]
    recommendations = sample.sections[1].blocks[0]
    assert isinstance(recommendations, OrderedList)
    assert recommendations.items[0].text.startswith("To note the one source strategy")


def test_it_renumbers_when_a_paragraph_moves() -> None:
    background = _numbered("Background", "first", "second", "third")
    progress = _numbered("Progress", "fourth")
    before = _report(_detail(background, progress))
    assert _numbers(before) == [
        ("1.1", "first"),
        ("1.2", "second"),
        ("1.3", "third"),
        ("2.1", "fourth"),
    ]

    moved = _report(
        _detail(
            replace(background, blocks=background.blocks[1:]),
            replace(progress, blocks=(background.blocks[0], *progress.blocks)),
        )
    )
    assert _numbers(moved) == [
        ("1.1", "second"),
        ("1.2", "third"),
        ("2.1", "first"),
        ("2.2", "fourth"),
    ]


def test_it_renumbers_when_a_paragraph_is_added_or_removed() -> None:
    section = _numbered("Background", "a", "b", "c")
    added = replace(section, blocks=(NumberedParagraph.of("new"), *section.blocks))
    removed = replace(section, blocks=section.blocks[1:])
    assert _numbers(_report(added)) == [("1.1", "new"), ("1.2", "a"), ("1.3", "b"), ("1.4", "c")]
    assert _numbers(_report(removed)) == [("1.1", "b"), ("1.2", "c")]


def test_it_renumbers_sections_when_one_is_removed() -> None:
    document = _report(_detail(_numbered("One", "a"), _numbered("Two", "b")))
    shorter = _report(_detail(_numbered("Two", "b")))
    assert [n for n, _ in number_sections(document)] == ["1", "2"]
    assert _numbers(shorter) == [("1.1", "b")]


def test_unnumbered_paragraphs_and_sections_take_no_number() -> None:
    document = _report(
        Section("SUMMARY", (Paragraph.of("Plain"),)),
        _detail(
            Section("Background", (Paragraph.of("aside"), NumberedParagraph.of("a")), True),
            Paragraph.of(Run("Legal implications and risks:", bold=True), " Not applicable"),
        ),
    )
    assert _numbers(document) == [("1.1", "a")]
    plain = [p for p in walk(outline(document)) if isinstance(p.block, Paragraph)]
    assert all(p.number is None for p in plain)


@given(st.lists(st.integers(min_value=0, max_value=6), max_size=6))
def test_numbers_always_follow_position(paragraph_counts: list[int]) -> None:
    sections = [
        _numbered(f"Section {s}", *(f"{s}-{p}" for p in range(count)))
        for s, count in enumerate(paragraph_counts)
    ]
    expected = [
        (f"{s + 1}.{p + 1}", f"{s}-{p}")
        for s, count in enumerate(paragraph_counts)
        for p in range(count)
    ]
    assert _numbers(_report(_detail(*sections))) == expected


def test_it_numbers_figures_in_reading_order() -> None:
    chart = BarChart("Status", ("One",), (Series("Green", "#00703c", (1.0,)),))
    document = _report(
        _detail(
            Section("A", (NumberedParagraph.of("a"), Figure(chart, alt="A chart")), True),
            Section("B", (Figure(chart, alt="The same chart again"),), True),
        )
    )
    figures = [p.number for p in walk(outline(document)) if isinstance(p.block, Figure)]
    assert figures == ["1", "2"]
    assert document.charts() == (chart,)


def test_it_refuses_a_numbered_paragraph_in_an_unnumbered_section() -> None:
    with pytest.raises(ValueError, match=r"SUMMARY.*is not numbered"):
        Section("SUMMARY", (NumberedParagraph.of("Oops"),))


def test_it_refuses_a_numbered_section_inside_another() -> None:
    with pytest.raises(ValueError, match="two levels"):
        Section("Outer", (_numbered("Inner", "a"),), numbered=True)


def test_it_refuses_links_that_are_not_web_or_mail_links() -> None:
    with pytest.raises(ValueError, match="must start with https://"):
        Run("click", href="javascript:alert(1)")
    assert Run("mail", href="mailto:clerk@example.org").href


def test_it_needs_a_time_zone_on_the_snapshot_time() -> None:
    with pytest.raises(ValueError, match="time zone"):
        replace(_report(), generated_at=datetime(2022, 1, 21, 9, 30))


def test_the_header_block_follows_the_reference(sample: Document) -> None:
    assert sample.header_rows() == (
        ("ONESOURCE JOINT COMMITTEE", "11 March 2022"),
        ("Subject heading:", "One Source Strategy 2020-23 Progress Report for Q3"),
        (
            "Report author and contact details:",
            "Assistant Director (demo), Performance, Policy and Programmes "
            "(performance@onesource.example)",
        ),
        ("Financial summary:", "Not applicable"),
    )
    custom = replace(sample, header_fields=(("Wards affected:", "All"),))
    assert custom.header_rows() == (("Wards affected:", "All"),)
