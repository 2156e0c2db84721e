"""Build the document model for a report: its edited paragraphs plus its snapshot's figures.

``report_content`` is the one place that reads the database; ``compose_document`` is pure,
so the renderers downstream never query anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from headway.committee.compose.appendix import compose_appendix
from headway.committee.document import (
    Document,
    NumberedParagraph,
    OrderedList,
    Paragraph,
    Run,
    Section,
    outline_sections,
    walk,
)
from headway.committee.models import Report

Data = dict[str, Any]


@dataclass(frozen=True)
class ContentSection:
    key: str
    title: str
    numbered: bool
    paragraphs: tuple[tuple[str, str], ...]  # (label, text)


@dataclass(frozen=True)
class ReportContent:
    subject_heading: str
    organisation: str
    committee: str
    meeting_date: date
    author_name: str
    author_title: str
    author_contact: str
    financial_summary: str
    sections: tuple[ContentSection, ...]
    snapshot: Data


def report_content(report: Report) -> ReportContent:
    """Everything the document needs, read from the database in a fixed number of queries."""
    report = Report.objects.select_related("meeting__committee__organisation", "snapshot").get(
        pk=report.pk
    )
    if report.snapshot is None:
        raise ValueError(f"{report} has not been drafted yet: draft it first.")
    sections = tuple(
        ContentSection(
            key=section.key,
            title=section.title,
            numbered=section.numbered,
            paragraphs=tuple((p.label, p.text) for p in section.paragraphs.all()),
        )
        for section in report.sections.prefetch_related("paragraphs").order_by("position")
    )
    committee = report.meeting.committee
    return ReportContent(
        subject_heading=report.subject_heading,
        organisation=committee.organisation.name,
        committee=committee.name,
        meeting_date=report.meeting.date,
        author_name=report.author_name,
        author_title=report.author_title,
        author_contact=report.author_contact,
        financial_summary=report.financial_summary,
        sections=sections,
        snapshot=report.snapshot.data,
    )


def _section(content: ContentSection) -> Section:
    if content.key == "recommendations":
        blocks: tuple[Any, ...] = (OrderedList.of(*(text for _, text in content.paragraphs)),)
    elif content.key == "appendices":
        blocks = (OrderedList.of(*(text for _, text in content.paragraphs)),)
    elif content.numbered:
        blocks = tuple(NumberedParagraph.of(text) for _, text in content.paragraphs)
    else:
        blocks = tuple(_labelled(label, text) for label, text in content.paragraphs)
    title = (
        content.title.upper() if content.key in ("summary", "recommendations") else content.title
    )
    return Section(title, blocks, numbered=content.numbered)


def _labelled(label: str, text: str) -> Paragraph:
    if not label:
        return Paragraph.of(text)
    return Paragraph.of(Run(f"{label}:", bold=True), f" {text}")


def cover_sections(content: Sequence[ContentSection]) -> tuple[Section, ...]:
    """The cover report in the committee's order: summary, recommendations, report detail
    (the numbered sections, then the implications) and the appendices."""
    by_key = {s.key: _section(s) for s in content}
    numbered = tuple(_section(s) for s in content if s.numbered)
    implications = by_key.get("implications")
    detail_blocks: tuple[Any, ...] = numbered + (implications.blocks if implications else ())
    sections = [by_key[key] for key in ("summary", "recommendations") if key in by_key]
    sections.append(Section("REPORT DETAIL", detail_blocks))
    if "appendices" in by_key:
        sections.append(by_key["appendices"])
    return tuple(sections)


@dataclass(frozen=True)
class PrintedNumbers:
    """The number a section prints with ("2") and each of its paragraphs' ("2.1", or "1"
    for an item of the recommendations' list); None where nothing is printed."""

    section: str | None
    paragraphs: tuple[str | None, ...]


def printed_numbers(content: Sequence[ContentSection]) -> list[PrintedNumbers]:
    """The numbers of each section and paragraph, in the order given, as the document
    model's ``outline`` numbers them: officers see the numbers the report will print."""
    placed = list(walk(outline_sections(cover_sections(content))))
    sections = iter([p.number for p in placed if isinstance(p.block, Section) and p.number])
    paragraphs = iter([p.number for p in placed if isinstance(p.block, NumberedParagraph)])
    result = []
    for section in content:
        blocks = _section(section).blocks
        if section.numbered:
            numbers = PrintedNumbers(
                next(sections), tuple(next(paragraphs) for _ in section.paragraphs)
            )
        elif len(blocks) == 1 and isinstance(blocks[0], OrderedList):
            numbers = PrintedNumbers(
                None, tuple(str(i) for i in range(1, len(blocks[0].items) + 1))
            )
        else:
            numbers = PrintedNumbers(None, (None,) * len(section.paragraphs))
        result.append(numbers)
    return result


def compose_document(content: ReportContent) -> Document:
    data = content.snapshot
    sections = cover_sections(content.sections)
    return Document(
        title=content.subject_heading,
        organisation=content.organisation,
        committee=content.committee,
        meeting_date=content.meeting_date,
        author=content.author_name,
        author_title=content.author_title,
        author_contact=content.author_contact,
        financial_summary=content.financial_summary,
        generated_at=datetime.fromisoformat(data["taken_at"]),
        sections=sections,
        appendix=compose_appendix(data, content.committee, content.meeting_date),
    )
