"""Headway reads the two reference reports, as their text, as Word documents and as PDFs, into
the same header, sections, paragraph numbers and proposed history events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from headway.committee.past.dates import find_dates, parse_date
from headway.committee.past.events import propose_events
from headway.committee.past.parsing import ParsedReport, blocks_of, clean_line, parse_report
from headway.committee.past.reading import read_lines
from tests.committee.past_reports import REPORTS, Expected, as_docx, as_pdf


def read(filename: str, data: bytes) -> ParsedReport:
    return parse_report(filename, read_lines(filename, data))


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], Any]]:
    """Each report as text, .docx and .pdf: (report, format) -> (filename, bytes)."""
    folder = tmp_path_factory.mktemp("past-reports")
    made: dict[tuple[str, str], Any] = {}
    for name, (path, expected) in REPORTS.items():
        docx = as_docx(expected)
        made[(name, "text")] = (path.name, path.read_bytes())
        made[(name, "docx")] = (f"{name}.docx", docx)
        made[(name, "pdf")] = (f"{name}.pdf", as_pdf(docx, folder, name))
    yield made


def check_against(parsed: ParsedReport, expected: Expected) -> None:
    assert parsed.committee == expected.committee
    assert parsed.meeting_date == expected.meeting_date
    assert parsed.subject == expected.subject
    assert parsed.author_name == expected.author_name
    assert parsed.author_title == expected.author_title
    assert parsed.author_contact == ""
    assert parsed.financial_summary == expected.financial_summary
    assert parsed.quarter is not None and parsed.quarter.label == expected.quarter
    got = [
        (s.key, s.title, s.number, [(p.number, p.label, p.text) for p in s.paragraphs])
        for s in parsed.sections
    ]
    for got_section, want_section in zip(got, expected.sections, strict=True):
        assert got_section == want_section
    assert parsed.unplaced == []
    events = propose_events(parsed)
    assert [(e.target, e.kind, e.day, e.where) for e in events] == [
        want[:4] for want in expected.events
    ]
    for event, want in zip(events, expected.events, strict=True):
        assert event.sentence.startswith(want[4])


@pytest.mark.parametrize("form", ["text", "docx", "pdf"])
@pytest.mark.parametrize("name", ["q1", "q3"])
def test_each_reference_report_reads_the_same_in_every_format(
    name: str, form: str, files: dict[tuple[str, str], Any]
) -> None:
    filename, data = files[(name, form)]
    check_against(read(filename, data), REPORTS[name][1])


def test_the_q3_report_proposes_the_events_of_its_background_with_their_sentences() -> None:
    parsed = read(REPORTS["q3"][0].name, REPORTS["q3"][0].read_bytes())
    events = {(e.kind, e.where): e for e in propose_events(parsed)}
    presented = events[("presented", "paragraph 1.1")]
    assert "presented to the Joint Committee on 7th February 2020" in presented.sentence
    launched = events[("launched", "paragraph 1.1")]
    assert "later that month" in launched.date_note
    agreed = events[("agreed", "paragraph 1.3")]
    assert agreed.sentence == (
        "An update to the one source Strategy was therefore presented and agreed at Joint "
        "Committee on 30th April 2021."
    )
    assert agreed.date_note == ""
    paused = events[("paused", "paragraph 1.2")]
    assert paused.day is None and "no date" in paused.date_note
    assert "pandemic" in paused.sentence
    departure = events[("leadership", "paragraph 2.4")]
    assert "departure of the Executive Director" in departure.sentence
    assert departure.target == "organisation"


def test_it_does_not_propose_what_is_only_planned() -> None:
    # "would be presented to the Committee going forward": no date, not an event yet.
    parsed = read(REPORTS["q1"][0].name, REPORTS["q1"][0].read_bytes())
    assert not any("going forward" in e.sentence for e in propose_events(parsed))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("on 7th February 2020 and", "2020-02-07"),
        ("on 30th April 2021.", "2021-04-30"),
        ("on 7 th February 2020", "2020-02-07"),  # a PDF's superscript on its own
        ("on 1st Sept 2021", "2021-09-01"),
        ("2022-03-11", "2022-03-11"),
        ("11/03/2022", "2022-03-11"),
        ("31st February 2022", None),
    ],
)
def test_it_reads_dates_as_reports_write_them(text: str, day: str | None) -> None:
    found = parse_date(text)
    assert (found.isoformat() if found else None) == day


def test_a_superscript_in_markup_joins_its_number() -> None:
    assert clean_line("ONESOURCE JOINT COMMITTEE\t11 <sup>th</sup> March 2022") == (
        "ONESOURCE JOINT COMMITTEE\t11th March 2022"
    )
    assert clean_line("## **1. Background**") == "1. Background"


def test_a_month_and_year_is_the_months_last_day() -> None:
    (found,) = find_dates("In reviewing the strategy in March/April 2021, we")
    assert found.month_only and found.day.isoformat() == "2021-04-30"


def test_a_superscript_on_a_line_of_its_own_joins_its_date() -> None:
    lines = [
        "SUMMARY",
        "",
        "A summary.",
        "",
        "RECOMMENDATIONS",
        "1. To note it.",
        "",
        "REPORT DETAIL",
        "1. Background",
        "1.1 The strategy was presented to the Joint Committee on 7",
        "th",
        "February 2020 and launched.",
    ]
    parsed = parse_report("report.pdf", lines)
    (paragraph,) = parsed.numbered_paragraphs
    assert "on 7 th February 2020" in paragraph.text
    first = propose_events(parsed)[0]
    assert (first.kind, str(first.day)) == ("presented", "2020-02-07")


def test_a_sentence_runs_over_a_page_break_and_a_new_number_starts_a_paragraph() -> None:
    blocks = blocks_of(
        [
            "1.1 Our strategy, which was presented on 7th",
            "",
            "",
            "February 2020, built on what we learnt.",
            "\u2022 1.2 The pandemic put it on hold.",
            "- 1.3 We reviewed it.",
        ]
    )
    assert blocks == [
        "1.1 Our strategy, which was presented on 7th February 2020, built on what we learnt.",
        "\u2022 1.2 The pandemic put it on hold.",
        "- 1.3 We reviewed it.",
    ]


def test_text_it_cannot_place_is_listed_with_where_it_was_found() -> None:
    text = (
        b"ONESOURCE JOINT COMMITTEE 11th March 2022\nPART A: NOT EXEMPT\n"
        b"Subject heading: Progress\nReport author and contact details: A Officer, Head of "
        b"Performance, a.officer@example.org\n\nSUMMARY\n\nThe summary.\n\nRECOMMENDATIONS\n\n"
        b"1. To note it.\n\nREPORT DETAIL\n\n1. Background\n\n1.1 The first paragraph.\n\n"
        b"A paragraph without its number.\n"
    )
    parsed = read("report.txt", text)
    assert parsed.author_name == "A Officer"
    assert parsed.author_title == "Head of Performance"
    assert parsed.author_contact == "a.officer@example.org"
    assert [(u.text, u.where) for u in parsed.unplaced] == [
        ("PART A: NOT EXEMPT", "in the header, before the SUMMARY"),
        (
            "A paragraph without its number.",
            "in section 1, Background, without a paragraph number",
        ),
    ]


def test_the_reference_files_are_in_the_tests() -> None:
    # The tests carry the reports' text: they do not read ../shared/reference.
    for path, _ in REPORTS.values():
        assert Path(path).is_relative_to(Path(__file__).parent)
