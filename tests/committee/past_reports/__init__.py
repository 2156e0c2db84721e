"""The two reference reports (oneSource Joint Committee, strategy progress for Q1 and Q3 of
2021-22: public documents) as text files, what Headway must read in them, and the same
reports saved as Word documents (python-docx) and PDFs (LibreOffice), made here.

The text files are the reports as they came: the Q1 one extracted from its PDF (no header
block, page breaks inside paragraphs), the Q3 one with its header, superscript ordinals
(<sup>th</sup>) and bullets that carry paragraph numbers.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).parent
Q1_FILE = HERE / "onesource-joint-committee-strategy-q1-2021-22.txt"
Q3_FILE = HERE / "onesource-joint-committee-2022-03-11-strategy-q3-2021-22.md"

NOT_APPLICABLE = [
    ("", "Legal implications and risks", "Not applicable"),
    ("", "Financial Implications and risks", "Not applicable"),
    ("", "HR Implications and risks", "Not applicable"),
]
SUMMARY_1 = (
    "The One Source Strategy 2020-2023, originally published in February 2020, set out the "
    "priorities for one source over the following three years, and identified the five "
    "strategic priorities for the organisation. These priorities are delivered in a number of "
    "ways, through service planning, through projects and activities, and via BAU."
)
PARAGRAPH_1_2 = (
    "The global pandemic put on hold the full progression of this plan in the original "
    "timescale envisioned, as one source focussed on supporting Newham and Havering to manage "
    "the pandemic and to provide critical support to the local communities."
)
AGREED = (
    "An update to the one source Strategy was therefore presented and agreed at Joint "
    "Committee on 30th April 2021."
)
FURTHER = (
    "It was further agreed that quarterly updates on progress would be presented to the "
    "Committee going forward."
)
PARAGRAPH_2_1 = (
    "The one source strategy 2021-22 progress update for {q} outlines the key activities and "
    "actions that one source has undertaken in the previous three months that contribute to "
    "delivering the one source strategy and the five one source strategic priorities."
)
PRESENTED = (
    "Our one source strategy 2020-2023, which was presented to the Joint Committee on 7th "
    "February 2020 and publically launched to staff later that month, built on the "
    "achievements and lessons learnt as a partnership."
)
VISION = "It set out our vision and priorities for the future, and how we would achieve them."
DEPARTURE = (
    "However, we also recognise that one source has seen a lot of change over the last few "
    "months, including the departure of the Executive Director and an interim reporting "
    "structure in place."
)
REVIEW = (
    "In the longer term a review of the one source arrangement will take place which will "
    "allow a relook at the one source model, considering what works, what doesn't and how the "
    "model might be changed going forward to make the organisation more responsive to the "
    "Councils' priorities."
)


@dataclass(frozen=True)
class Expected:
    """What Headway must read in a reference report."""

    committee: str
    meeting_date: date | None
    subject: str
    author_name: str
    author_title: str
    financial_summary: str
    quarter: str
    # (key, title, number, [(paragraph number, label, text)])
    sections: list[tuple[str, str, str, list[tuple[str, str, str]]]]
    # (target, kind, date or None, where, the sentence's start)
    events: list[tuple[str, str, date | None, str, str]]
    # Paragraphs the Word version sets as bullets (the number stays in the text).
    bulleted: set[str] = field(default_factory=set)


Q1 = Expected(
    committee="",
    meeting_date=None,
    subject="",
    author_name="",
    author_title="",
    financial_summary="",
    quarter="2021-22 Q1",
    sections=[
        (
            "summary",
            "Summary",
            "",
            [
                ("", "", SUMMARY_1),
                (
                    "",
                    "",
                    "This report, and the presentation attached in Appendix 1, provides an update "
                    "on progress over Q1 (April \u2013 June) 2021-22 and outlines the key actions "
                    "that have contributed to delivering the one source strategy. This includes "
                    "key activities from services, as well as updates on some of our major "
                    "projects. The report also presents the road map for delivery of priorities "
                    "over the course of 2021-22 and the focus for the coming months.",
                ),
            ],
        ),
        (
            "recommendations",
            "Recommendations",
            "",
            [
                (
                    "1",
                    "",
                    "To note the one source strategy 2021-22 progress update for Q1 (April "
                    "\u2013 June) presented in Appendix 1.",
                )
            ],
        ),
        (
            "section-1",
            "Background",
            "1",
            [
                (
                    "1.1",
                    "",
                    f"{PRESENTED} {VISION} It also outlined the strategic framework that will "
                    "guide the way we work; the changes we will make to realise our potential as "
                    "a business, and as individuals; and how we will be held to account.",
                ),
                ("1.2", "", PARAGRAPH_1_2),
                (
                    "1.3",
                    "",
                    "In reviewing the strategy a year after its launch, we remained confident "
                    "that the basics of the one source Strategy were solid, although a revised "
                    "and updated plan and timetable for progressing the strategy was required. "
                    f"{AGREED} {FURTHER}",
                ),
            ],
        ),
        (
            "section-2",
            "one source strategy 2021-22 progress update for Q1",
            "2",
            [
                ("2.1", "", PARAGRAPH_2_1.format(q="Q1")),
                (
                    "2.2",
                    "",
                    "This progress report includes key activities from services, as well as "
                    "updates on some of our major projects.",
                ),
                (
                    "2.3",
                    "",
                    "The report also presents a refreshed priority map for next two years "
                    "(2021-23) and a revised road map for delivery of these priorities over the "
                    "course of this year (2021-22), to ensure that the Joint Committee is sighted "
                    "on the focus for the upcoming months.",
                ),
                (
                    "2.4",
                    "",
                    "Going forward it is recognised that these maps need to be dynamic rather "
                    "than static to ensure that, as new priorities emerge, they can be folded "
                    "into the one source programme. This also recognises the reality that "
                    "activities may need to be reprioritised or deprioritised as time moves on "
                    "and new and competing priorities appear. This will be done in consultation "
                    "with the partner boroughs, and any new projects identified will be reported "
                    "via the one source strategy update.",
                ),
                (
                    "2.5",
                    "",
                    "Progress with the one source strategy for the period of April\u2013 June "
                    "2021 is now attached at Appendix 1.",
                ),
            ],
        ),
        ("implications", "Implications and risks", "", NOT_APPLICABLE),
        (
            "appendices",
            "Appendices",
            "",
            [("1", "", "One Source Strategy 2021-22 progress \u2013 Q1")],
        ),
    ],
    events=[
        ("strategy", "published", date(2020, 2, 29), "summary, paragraph 1", "The One Source"),
        ("strategy", "presented", date(2020, 2, 7), "paragraph 1.1", "Our one source"),
        ("strategy", "launched", date(2020, 2, 29), "paragraph 1.1", "Our one source"),
        ("strategy", "paused", None, "paragraph 1.2", "The global pandemic"),
        ("strategy", "reviewed", None, "paragraph 1.3", "In reviewing the strategy a year"),
        ("strategy", "agreed", date(2021, 4, 30), "paragraph 1.3", "An update to"),
    ],
)

Q3 = Expected(
    committee="ONESOURCE JOINT COMMITTEE",
    meeting_date=date(2022, 3, 11),
    subject="One Source Strategy 2020-23 Progress Report for Q3",
    author_name="Liz Carswell",
    author_title="Assistant Director Performance, Policy and Programmes",
    financial_summary="Not applicable",
    quarter="2021-22 Q3",
    sections=[
        (
            "summary",
            "Summary",
            "",
            [
                ("", "", SUMMARY_1),
                (
                    "",
                    "",
                    "This report, and the presentation attached in Appendix 1, provides an update "
                    "on progress over Q3 2021-22. This includes key activities from services, as "
                    "well as an overview of the key projects that delivery this strategy. The "
                    "report also discusses the changes that have taken place in one source over "
                    "the last few months and addresses the plan for the organisation going "
                    "forward.",
                ),
            ],
        ),
        (
            "recommendations",
            "Recommendations",
            "",
            [
                (
                    "1",
                    "",
                    "To note the one source strategy 2021-22 progress update for Q3 (October - "
                    "December) presented in Appendix 1.",
                )
            ],
        ),
        (
            "section-1",
            "Background",
            "1",
            [
                ("1.1", "", f"{PRESENTED} {VISION}"),
                ("1.2", "", PARAGRAPH_1_2),
                (
                    "1.3",
                    "",
                    "In reviewing the strategy in March/April 2021, we remained confident that "
                    "the basics of the one source Strategy were solid, although a revised and "
                    f"updated plan and timetable for progressing the strategy was required. "
                    f"{AGREED} {FURTHER}",
                ),
            ],
        ),
        (
            "section-2",
            "one source strategy 2021-22 progress update for Q3",
            "2",
            [
                ("2.1", "", PARAGRAPH_2_1.format(q="Q3")),
                (
                    "2.2",
                    "",
                    "This progress report includes key activities from services, as well as an "
                    "overview of the key projects that deliver on this strategy.",
                ),
                (
                    "2.3",
                    "",
                    "Going forward, the one source strategy remains in place and we continue to "
                    "deliver the activities and projects that support this. These are outlined "
                    "in the presentation.",
                ),
                (
                    "2.4",
                    "",
                    f"{DEPARTURE} {REVIEW} A key part of this will be conversations with the "
                    "Members of the Joint Committee to hear their views on the current "
                    "arrangements and to consider what it might look like in the future.",
                ),
                (
                    "2.5",
                    "",
                    "Following this review we recognise it may be necessary to relook at the one "
                    "source strategy earlier than originally planned, to ensure that it reflects "
                    "the future direction of the organisation. This will be kept under review "
                    "and any changes reported back to the Joint Committee.",
                ),
            ],
        ),
        ("implications", "Implications and risks", "", NOT_APPLICABLE),
        (
            "appendices",
            "Appendices",
            "",
            [("1", "", "One Source Strategy 2021-22 progress \u2013 Q3")],
        ),
    ],
    events=[
        ("strategy", "published", date(2020, 2, 29), "summary, paragraph 1", "The One Source"),
        ("strategy", "presented", date(2020, 2, 7), "paragraph 1.1", "Our one source"),
        ("strategy", "launched", date(2020, 2, 29), "paragraph 1.1", "Our one source"),
        ("strategy", "paused", None, "paragraph 1.2", "The global pandemic"),
        (
            "strategy",
            "reviewed",
            date(2021, 4, 30),
            "paragraph 1.3",
            "In reviewing the strategy in",
        ),
        ("strategy", "agreed", date(2021, 4, 30), "paragraph 1.3", "An update to"),
        ("organisation", "leadership", None, "paragraph 2.4", "However, we also recognise"),
        ("organisation", "review", None, "paragraph 2.4", "In the longer term"),
    ],
    bulleted={"1.2", "1.3", "2.2", "2.3", "2.4"},
)

REPORTS = {"q1": (Q1_FILE, Q1), "q3": (Q3_FILE, Q3)}

# Superscript ordinals in Word: "7th" is "7" then a superscript "th".
_ORDINAL = re.compile(r"(\d{1,2})(st|nd|rd|th)(?= [A-Z][a-z]+ \d{4})")


def _add_text(paragraph: object, text: str, page_break_after: str | None = None) -> None:
    """Add the text, its ordinals superscript; a page break after the words given."""
    for i, piece in enumerate(_ORDINAL.split(text)):
        if i % 3 == 2:
            paragraph.add_run(piece).font.superscript = True  # type: ignore[attr-defined]
            continue
        if page_break_after and page_break_after in piece:
            before, after = piece.split(page_break_after, 1)
            paragraph.add_run(before + page_break_after).add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]
            paragraph.add_run(after)  # type: ignore[attr-defined]
        else:
            paragraph.add_run(piece)  # type: ignore[attr-defined]


def _page_number_field(paragraph: object) -> None:
    element = paragraph._p  # type: ignore[attr-defined]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    shown = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    shown.append(text)
    field.append(shown)
    element.append(field)


def as_docx(expected: Expected) -> bytes:
    """The report as a Word document: its header in a table, headings, numbered paragraphs
    (some as bullets), superscript ordinals, a page break inside paragraph 1.1, and a
    running header and page-numbered footer."""
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "oneSource Joint Committee: strategy progress"
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _page_number_field(footer)
    if expected.committee:
        table = document.add_table(rows=4, cols=2)
        table.cell(0, 0).text = expected.committee
        assert expected.meeting_date is not None
        day = expected.meeting_date
        _add_text(table.cell(0, 1).paragraphs[0], f"{day.day}th {day:%B %Y}")
        rows = [
            ("Subject heading:", expected.subject),
            (
                "Report author and contact details:",
                f"{expected.author_name}, {expected.author_title}",
            ),
            ("Financial summary:", expected.financial_summary),
        ]
        for i, (label, value) in enumerate(rows, start=1):
            table.cell(i, 0).text = label
            table.cell(i, 1).text = value
    for key, title, number, paragraphs in expected.sections:
        if key == "summary":
            document.add_heading("SUMMARY", level=2)
        elif key == "recommendations":
            document.add_heading("RECOMMENDATIONS", level=2)
        elif key == "appendices":
            document.add_paragraph().add_run("Appendices:").bold = True
        elif number:
            if number == "1":
                document.add_paragraph().add_run("REPORT DETAIL").bold = True
            document.add_heading(f"{number}. {title}", level=2)
        for paragraph_number, label, text in paragraphs:
            style = "List Bullet" if paragraph_number in expected.bulleted else None
            paragraph = document.add_paragraph(style=style)
            if label:
                paragraph.add_run(f"{label}: {text}")
                continue
            lead = f"{paragraph_number}. " if key in ("recommendations", "appendices") else ""
            lead = f"{paragraph_number} " if number else lead
            _add_text(
                paragraph,
                lead + text,
                page_break_after="and how we" if paragraph_number == "1.1" else None,
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    reason = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def as_pdf(docx: bytes, folder: Path, name: str) -> bytes:
    """The Word document saved as PDF by LibreOffice."""
    source = folder / f"{name}.docx"
    source.write_bytes(docx)
    done = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = folder / "out" / f"{name}.pdf"
    assert done.returncode == 0 and converted.exists(), done.stderr
    return converted.read_bytes()
