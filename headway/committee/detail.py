"""A report as its page shows it: header, sections and paragraphs with the numbers they will
print with, and its latest pack. Six queries however long the report is."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from headway.committee.compose.document import ContentSection, printed_numbers
from headway.committee.drafting import closed_since_drafted
from headway.committee.models import Pack, Report, ReportParagraph, ReportSection
from headway.committee.packs import latest_pack
from headway.strategy.models import Organisation


@dataclass(frozen=True)
class ParagraphRow:
    paragraph: ReportParagraph
    number: str | None
    is_first: bool
    is_last: bool
    # What the page calls it: "paragraph 1.2", "recommendation 1", "Legal implications ...".
    name: str

    @property
    def sentence_name(self) -> str:
        """The name at the start of a sentence: "Paragraph 1.2 has been saved."."""
        return self.name[:1].upper() + self.name[1:]


@dataclass(frozen=True)
class SectionRows:
    section: ReportSection
    number: str | None
    paragraphs: list[ParagraphRow]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.section.title}" if self.number else self.section.title


@dataclass(frozen=True)
class ReportDetail:
    report: Report
    sections: list[SectionRows]
    latest_pack: Pack | None
    content: list[ContentSection]
    # When the period closed after the draft's figures were frozen: they need refreshing.
    stale_since: datetime | None = None

    def find(self, paragraph_pk: int) -> tuple[SectionRows, ParagraphRow] | None:
        for section in self.sections:
            for row in section.paragraphs:
                if row.paragraph.pk == paragraph_pk:
                    return section, row
        return None

    def section(self, section_pk: int) -> SectionRows | None:
        return next((s for s in self.sections if s.section.pk == section_pk), None)

    def number_if_added(self, section: SectionRows, after: ParagraphRow | None) -> str | None:
        """The number a paragraph added after ``after`` (or at the end) would print with."""
        index = section.paragraphs.index(after) + 1 if after else len(section.paragraphs)
        where = self.sections.index(section)
        content = list(self.content)
        added = list(content[where].paragraphs)
        added.insert(index, ("", ""))
        content[where] = replace(content[where], paragraphs=tuple(added))
        return printed_numbers(content)[where].paragraphs[index]


def _name(section: ReportSection, paragraph: ReportParagraph, number: str | None, i: int) -> str:
    if section.numbered and number:
        return f"paragraph {number}"
    if section.key == "recommendations" and number:
        return f"recommendation {number}"
    if section.key == "appendices" and number:
        return f"appendix {number}"
    if paragraph.label:
        return paragraph.label
    return f"{section.title.lower()} paragraph {i}"


def report_of(organisation: Organisation, pk: int) -> Report | None:
    """The report if it goes to one of the organisation's committees, else None."""
    return (
        Report.objects.filter(pk=pk, meeting__committee__organisation=organisation)
        .select_related("meeting__committee", "period", "approved_by", "snapshot")
        .defer("snapshot__data")
        .first()
    )


def report_detail(organisation: Organisation, pk: int) -> ReportDetail | None:
    report = report_of(organisation, pk)
    if report is None:
        return None
    sections = list(report.sections.prefetch_related("paragraphs").order_by("position"))
    content = [
        ContentSection(
            s.key, s.title, s.numbered, tuple((p.label, p.text) for p in s.paragraphs.all())
        )
        for s in sections
    ]
    rows = []
    for section, numbers in zip(sections, printed_numbers(content), strict=True):
        paragraphs = list(zip(section.paragraphs.all(), numbers.paragraphs, strict=True))
        last = len(paragraphs) - 1
        rows.append(
            SectionRows(
                section,
                numbers.section,
                [
                    ParagraphRow(p, n, i == 0, i == last, _name(section, p, n, i + 1))
                    for i, (p, n) in enumerate(paragraphs)
                ],
            )
        )
    return ReportDetail(report, rows, latest_pack(report), content, closed_since_drafted(report))
