"""Read a past committee report's lines into its parts: the header block, SUMMARY,
RECOMMENDATIONS, the numbered sections and paragraphs, the implications and the appendices.

Lines are joined into paragraphs as a reader would: a sentence that runs over a blank line (a
page break, or a PDF's line spacing) carries on, and a paragraph number (1.1), a heading or an
implication's label starts a new one, bullet or not. What fits nowhere is kept as unplaced,
for the officer to assign or discard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from headway.committee.past.dates import find_dates
from headway.committee.past.reading import ReportFileRefused
from headway.lib.fy import Quarter

SUMMARY, RECOMMENDATIONS, DETAIL, IMPLICATIONS, APPENDICES = (
    "summary",
    "recommendations",
    "detail",
    "implications",
    "appendices",
)

_MARKUP = [
    (re.compile(r"\s*<sup>\s*(.*?)\s*</sup>", re.I), r"\1"),
    (re.compile(r"</?[a-z]+>", re.I), ""),
    (re.compile(r"\*\*|__"), ""),
    (re.compile(r"^\s*#{1,6}\s+"), ""),
]
_BULLET = re.compile(r"^[-*\u2022\u25aa\u25cf\u00b7\uf0b7\uf0a7\u2013\u2023\u25e6]\s*")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")

_HEADINGS = {
    "summary": SUMMARY,
    "recommendations": RECOMMENDATIONS,
    "recommendation": RECOMMENDATIONS,
    "report detail": DETAIL,
    "appendices": APPENDICES,
    "appendix": APPENDICES,
}
_HEADING = re.compile(
    r"^(summary|recommendations?|report detail|appendices|appendix)\s*:?\s*$", re.I
)
_PARAGRAPH = re.compile(r"^(?P<section>\d{1,2})\.(?P<number>\d{1,2})\.?\s+(?P<text>\S.*)$")
_ITEM = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<text>\S.*)$")
_IMPLICATION = re.compile(
    r"^(?P<label>[A-Z][A-Za-z ,&/-]{0,80}?implications(?: and risks)?)\s*:\s*(?P<text>.*)$", re.I
)
_HEADER_LABELS = {
    "subject": r"subject(?: heading)?",
    "author": r"report author(?: and contact details)?|author(?: and contact details)?",
    "financial_summary": r"financial summary",
    "meeting_date": r"(?:meeting )?date(?: of meeting)?",
    "committee": r"committee",
}
_HEADER_LABEL = re.compile(
    r"(?P<label>" + "|".join(f"(?:{p})" for p in _HEADER_LABELS.values()) + r")\s*:",
    re.I,
)
_ENDS_SENTENCE = re.compile(r"[.:;?!]['\u2019\")]?$")
_RUNS_ON = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
_CONTACT = re.compile(r"@|\b0\d[\d ]{8,}|\btel\b|\bphone\b", re.I)
_QUARTER = re.compile(r"\bQ(?P<q>[1-4])\b")
_YEAR = re.compile(r"\b(?P<first>20\d\d)\s*[-/\u2013]\s*(?P<second>\d\d)\b")


@dataclass
class Paragraph:
    text: str
    # The number the file gave it ("1.2", or "1" for a recommendation), if any.
    number: str = ""
    label: str = ""


@dataclass
class Section:
    key: str
    title: str
    number: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def numbered(self) -> bool:
        return bool(self.number)


@dataclass
class Unplaced:
    text: str
    # Where it was found, for the officer: "before the SUMMARY", "in section 2".
    where: str


@dataclass
class ParsedReport:
    committee: str = ""
    meeting_date: date | None = None
    subject: str = ""
    author_name: str = ""
    author_title: str = ""
    author_contact: str = ""
    financial_summary: str = ""
    sections: list[Section] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    quarter: Quarter | None = None

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def numbered_paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections if s.numbered for p in s.paragraphs]

    @property
    def missing(self) -> list[str]:
        """The header fields the file did not give, which the officer must."""
        wanted = {
            "committee": self.committee,
            "meeting date": self.meeting_date,
            "subject heading": self.subject,
            "report author": self.author_name,
        }
        return [name for name, value in wanted.items() if not value]


def clean_line(line: str) -> str:
    for pattern, replacement in _MARKUP:
        line = pattern.sub(replacement, line)
    return line.replace("\u00ad", "").rstrip()


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# Lines to blocks ---------------------------------------------------------------------------


def _starts_block(text: str) -> bool:
    """A line that begins something new even straight after another line."""
    bare = _BULLET.sub("", text)
    return bool(
        _HEADING.match(text)
        or _PARAGRAPH.match(bare)
        or _IMPLICATION.match(text)
        or (bare != text and _ITEM.match(bare))
    )


def blocks_of(lines: list[str]) -> list[str]:
    """Join the lines into paragraphs (one string each)."""
    blocks: list[str] = []
    current: list[str] = []
    gap = True

    def close() -> None:
        if current:
            blocks.append(_collapse(" ".join(current)))
            current.clear()

    for raw in lines:
        text = _collapse(clean_line(raw))
        if not text:
            gap = True
            continue
        ended = bool(current) and (
            _ENDS_SENTENCE.search(current[-1]) is not None or _is_heading_block(current)
        )
        if _starts_block(text) or (gap and (not current or ended)):
            close()
        if _starts_block(text) and (_HEADING.match(text) or _is_section_heading(text)):
            blocks.append(text)
            gap = True
            continue
        current.append(text)
        gap = False
    close()
    return blocks


def _is_heading_block(lines: list[str]) -> bool:
    return len(lines) == 1 and bool(_HEADING.match(lines[0]) or _is_section_heading(lines[0]))


def _is_section_heading(text: str) -> bool:
    """ "1. Background": a short numbered line that is not a sentence."""
    match = _ITEM.match(text)
    if not match or len(text) > 80 or _ENDS_SENTENCE.search(text):
        return False
    # A sentence wrapped at the end of its line ("... presented in") is not a heading.
    return text.rsplit(" ", 1)[-1].casefold() not in _RUNS_ON


# Blocks to a report --------------------------------------------------------------------------


def parse_report(filename: str, lines: list[str]) -> ParsedReport:
    report = ParsedReport()
    cleaned = [_collapse(clean_line(line)) for line in lines]
    first_heading = next((i for i, line in enumerate(cleaned) if _HEADING.match(line)), None)
    header = [line for line in cleaned[:first_heading] if line] if first_heading else []
    blocks = blocks_of(lines[first_heading or 0 :])
    _read_header(report, header)
    _read_body(report, blocks)
    _refuse_if_not_a_report(filename, report, blocks)
    report.quarter = _quarter_of(report)
    return report


def _key(block: str) -> str:
    return _collapse(block.rstrip(":")).casefold()


def _read_header(report: ParsedReport, lines: list[str]) -> None:
    """The header block: the committee and meeting date first, then labelled fields whose
    values may run over several lines (a table's cell, in a PDF)."""
    text = "\n".join(lines)
    labels = list(_HEADER_LABEL.finditer(text))
    values: dict[str, str] = {}
    for i, match in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        name = next(
            key
            for key, pattern in _HEADER_LABELS.items()
            if re.fullmatch(pattern, match.group("label"), re.I)
        )
        values.setdefault(name, " ".join(text[match.end() : end].split()))
    before = text[: labels[0].start()] if labels else text
    _read_committee_line(report, [line for line in before.split("\n") if line.strip()])
    if values.get("committee"):
        report.committee = values["committee"]
    if values.get("meeting_date"):
        found_dates = [d for d in find_dates(values["meeting_date"]) if not d.month_only]
        if found_dates:
            report.meeting_date = found_dates[0].day
    report.subject = values.get("subject", "")
    report.financial_summary = values.get("financial_summary", "")
    _read_author(report, values.get("author", ""))


def _read_committee_line(report: ParsedReport, lines: list[str]) -> None:
    """ "ONESOURCE JOINT COMMITTEE 11th March 2022", on one line or over several; any other
    line before the labelled fields is unplaced."""
    joined = " ".join(lines)
    dates = [d for d in find_dates(joined) if not d.month_only]
    found = dates[0] if dates else None
    if found is not None:
        report.meeting_date = found.day
    start = 0
    for line in lines:
        end = start + len(line)
        date_part = found is not None and found.start < end and start < found.end
        names_it = "committee" in line.casefold() and not report.committee
        if names_it:
            cut = found.start - start if found is not None and date_part else len(line)
            report.committee = _collapse(line[:cut]).strip(" ,:-\u2013")
            rest = line[found.end - start :] if found is not None and date_part else ""
        elif date_part and found is not None:
            rest = line[: max(found.start - start, 0)] + " " + line[found.end - start :]
        else:
            rest = line
        if _collapse(rest):
            report.unplaced.append(Unplaced(_collapse(rest), "in the header, before the SUMMARY"))
        start = end + 1
    if not report.committee and found is not None and found.start > 0:
        # No line says "committee": the words before the date name it.
        report.committee = _collapse(joined[: found.start]).strip(" ,:-\u2013")
        report.unplaced = [u for u in report.unplaced if u.text not in report.committee]


def _read_author(report: ParsedReport, text: str) -> None:
    """ "Liz Carswell, Assistant Director Performance, Policy and Programmes": the name, then
    the job title; an email address or telephone number is the contact."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    contact = [p for p in parts if _CONTACT.search(p)]
    rest = [p for p in parts if p not in contact]
    report.author_name = rest[0] if rest else ""
    report.author_title = ", ".join(rest[1:])
    report.author_contact = ", ".join(contact)


def _read_body(report: ParsedReport, blocks: list[str]) -> None:
    part = ""
    section: Section | None = None

    def open_section(key: str, title: str, number: str = "") -> Section:
        found = report.section(key)
        if found is None:
            found = Section(key, title, number)
            report.sections.append(found)
        return found

    for block in blocks:
        heading = _HEADING.match(block)
        if heading:
            part = _HEADINGS[_key(block)]
            if part == SUMMARY:
                section = open_section(SUMMARY, "Summary")
            elif part == RECOMMENDATIONS:
                section = open_section(RECOMMENDATIONS, "Recommendations")
            elif part == APPENDICES:
                section = open_section(APPENDICES, "Appendices")
            else:
                section = None
            continue
        implication = _IMPLICATION.match(block)
        if implication and part in (DETAIL, IMPLICATIONS, RECOMMENDATIONS, SUMMARY):
            part = IMPLICATIONS
            section = open_section(IMPLICATIONS, "Implications and risks")
            label = _collapse(implication.group("label"))
            section.paragraphs.append(Paragraph(implication.group("text").strip(), label=label))
            continue
        bare = _BULLET.sub("", block)
        paragraph = _PARAGRAPH.match(bare)
        item = _ITEM.match(bare)
        if part in (DETAIL, IMPLICATIONS) and item and _is_section_heading(bare):
            part = DETAIL
            number = item.group("number")
            section = open_section(f"section-{number}", _sentence_case(item.group("text")), number)
            continue
        if paragraph and part in (DETAIL, IMPLICATIONS):
            number = paragraph.group("section")
            if section is None or section.number != number:
                section = open_section(f"section-{number}", f"Section {number}", number)
            part = DETAIL
            section.paragraphs.append(
                Paragraph(
                    paragraph.group("text"),
                    number=f"{number}.{paragraph.group('number')}",
                )
            )
            continue
        if part in (RECOMMENDATIONS, APPENDICES) and section is not None:
            if item:
                section.paragraphs.append(
                    Paragraph(item.group("text"), number=item.group("number"))
                )
                continue
            if not section.paragraphs:
                section.paragraphs.append(Paragraph(bare, number="1"))
                continue
        if part == SUMMARY and section is not None:
            section.paragraphs.append(Paragraph(bare))
            continue
        report.unplaced.append(Unplaced(block, _where(part, section)))


def _where(part: str, section: Section | None) -> str:
    if section is not None and section.numbered:
        return f"in section {section.number}, {section.title}, without a paragraph number"
    if section is not None:
        return f"after the {section.title.lower()}"
    if part == DETAIL:
        return "in the report detail, before its first numbered section"
    return "outside the report's sections"


def _sentence_case(title: str) -> str:
    return title.strip().rstrip(":")


def _refuse_if_not_a_report(filename: str, report: ParsedReport, blocks: list[str]) -> None:
    headings = [s.title.upper() for s in report.sections if s.key in (SUMMARY, RECOMMENDATIONS)]
    numbered = len(report.numbered_paragraphs)
    if headings and numbered:
        return
    found = f"{len(blocks)} paragraph{'s' if len(blocks) != 1 else ''} of text"
    missing = []
    if not headings:
        missing.append("no SUMMARY or RECOMMENDATIONS heading")
    if not numbered:
        missing.append("no numbered paragraphs (1.1, 1.2 …)")
    raise ReportFileRefused(
        f"{filename} has {found} but {' and '.join(missing)}: it does not look like a "
        "committee report."
    )


def _quarter_of(report: ParsedReport) -> Quarter | None:
    """The quarter the report covers: as its subject, summary or recommendation says
    ("Q3 ... 2021-22"), or else the quarter before its meeting's."""
    texts = [report.subject] + [
        p.text
        for key in (RECOMMENDATIONS, SUMMARY)
        if (s := report.section(key))
        for p in s.paragraphs
    ]
    for text in texts:
        quarter, year = _QUARTER.search(text), _YEAR.search(text)
        if quarter and year and int(year.group("second")) == (int(year.group("first")) + 1) % 100:
            return Quarter(int(year.group("first")), int(quarter.group("q")))
    for text in texts:
        quarter = _QUARTER.search(text)
        if quarter and report.meeting_date:
            meeting = Quarter.of(report.meeting_date)
            candidate = Quarter(meeting.year, int(quarter.group("q")))
            return candidate if candidate < meeting else Quarter(meeting.year - 1, candidate.number)
    if report.meeting_date:
        return Quarter.of(report.meeting_date).previous()
    return None
