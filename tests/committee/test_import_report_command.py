"""``headway import report FILE`` does what the import page does: it prints what it read,
field by field, with the unplaced text and the numbered events, and imports on the
officer's word, all or nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from headway.accounts.models import User
from headway.committee.detail import report_detail
from headway.committee.models import Report, ReportSource
from headway.dataio.models import Upload
from headway.organisation.models import OrganisationalChange
from headway.strategy.models import Organisation, StrategyEvent
from tests.committee.past_reports import Q1, Q3, REPORTS, Expected, as_docx
from tests.committee.past_reports.importing import Place, onesource_like
from tests.committee.test_past_report_refused import image_only_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(org: Organisation, admin_user: User) -> Place:
    return onesource_like(org)


def run(*args: str) -> str:
    out = StringIO()
    call_command("import", "report", *args, stdout=out)
    return out.getvalue()


def printed_numbers(report: Report) -> list[tuple[str, list[str | None]]]:
    detail = report_detail(report.meeting.committee.organisation, report.pk)
    assert detail is not None
    return [(s.section.key, [row.number for row in s.paragraphs]) for s in detail.sections]


def expected_numbers(expected: Expected) -> list[tuple[str, list[str | None]]]:
    return [(key, [n or None for n, _, _ in ps]) for key, _, _, ps in expected.sections]


def test_a_dry_run_prints_what_it_read_and_saves_nothing(place: Place) -> None:
    out = run(str(REPORTS["q3"][0]), "--user", "admin", "--dry-run")
    for line in (
        "  Committee: ONESOURCE JOINT COMMITTEE",
        "  Meeting date: 11 March 2022",
        "  Subject heading: One Source Strategy 2020-23 Progress Report for Q3",
        "  Report author: Liz Carswell, Assistant Director Performance, Policy and Programmes",
        "  Financial summary: Not applicable",
        "  Quarter: 2021-22 Q3",
        "  1. Background: 3 paragraph(s)",
        "  2. one source strategy 2021-22 progress update for Q3: 5 paragraph(s)",
        "    1.2 The global pandemic put on hold the full progression of this plan in t…",
        "    Legal implications and risks Not applicable",
        "  Event 2: Presented to committee, 7 February 2020, from paragraph 1.1: Our one source "
        "strategy 2020-2023, which was presented to the Joint Committee on 7th February 2020 and "
        "publically launched to staff later that month, built on the achievements and lessons "
        "learnt as a partnership.",
        "  Event 7: Leadership, no date [the text gives no date: enter it to accept this event], "
        "from paragraph 2.4: However, we also recognise that one source has seen a lot of change "
        "over the last few months, including the departure of the Executive Director and an "
        "interim reporting structure in place.",
        "Dry run: nothing was saved.",
    ):
        assert line in out.splitlines(), line
    assert not Report.objects.exists() and not Upload.objects.exists()


def test_it_imports_the_q3_report_with_the_events_accepted(place: Place) -> None:
    path = REPORTS["q3"][0]
    out = run(
        str(path),
        "--user",
        "admin",
        "--accept-events",
        "1,2,3,4,5,6,7",
        "--event-date",
        "4=23 March 2020",
        "--event-date",
        "7=2021-11-01",
    )
    report = Report.objects.get()
    assert out.splitlines()[-1] == (
        f"Imported {path.name} as the report to oneSource Joint Committee 11 March 2022 for "
        f"2021-22 Q3 (report {report.pk}, published, as it was presented in public); 7 event(s) "
        "added to the history; 0 unplaced "
        "text(s) discarded."
    )
    assert report.kind == Report.Kind.IMPORTED
    assert (report.subject_heading, report.author_name, report.author_title) == (
        Q3.subject,
        Q3.author_name,
        Q3.author_title,
    )
    assert report.period == place.q3
    assert printed_numbers(report) == expected_numbers(Q3)
    assert bytes(ReportSource.objects.get(report=report).content) == path.read_bytes()
    assert sorted(StrategyEvent.objects.values_list("kind", "date")) == [
        ("agreed", dt.date(2021, 4, 30)),
        ("launched", dt.date(2020, 2, 29)),
        ("paused", dt.date(2020, 3, 23)),
        ("presented", dt.date(2020, 2, 7)),
        ("published", dt.date(2020, 2, 29)),
        ("reviewed", dt.date(2021, 4, 30)),
    ]
    change = OrganisationalChange.objects.get()
    assert (change.kind, change.date) == ("leadership", dt.date(2021, 11, 1))
    assert "departure of the Executive Director" in change.text
    assert Upload.objects.get().state == Upload.State.IMPORTED


def test_it_imports_the_q1_report_from_word_with_the_details_it_lacks(
    place: Place, tmp_path: Path
) -> None:
    path = tmp_path / "q1.docx"
    path.write_bytes(as_docx(Q1))
    with pytest.raises(CommandError) as refused:
        run(str(path), "--user", "admin")
    message = str(refused.value)
    assert message.startswith("Nothing was imported: committee: Enter the committee")
    assert "meeting_date: Enter the date of the meeting" in message
    assert not Report.objects.exists() and not Upload.objects.exists()

    run(
        str(path),
        "--user",
        "admin",
        "--committee",
        "oneSource Joint Committee",
        "--meeting-date",
        "22nd September 2021",
        "--subject",
        "One Source Strategy 2020-23 Progress Report for Q1",
        "--author",
        "Liz Carswell, Assistant Director Performance, Policy and Programmes",
        "--accept-events",
        "all",
        "--event-date",
        "4=2020-03-23",
        "--event-date",
        "5=2021-03-31",
    )
    report = Report.objects.get()
    assert report.meeting.committee == place.committee
    assert report.meeting.date == dt.date(2021, 9, 22)
    assert report.period.label == "2021-22 Q1"
    assert report.author_title == "Assistant Director Performance, Policy and Programmes"
    assert printed_numbers(report) == expected_numbers(Q1)
    assert StrategyEvent.objects.count() == len(Q1.events)


def test_a_file_that_is_not_a_report_is_refused(place: Place, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_only_pdf())
    with pytest.raises(CommandError) as refused:
        run(str(path), "--user", "admin")
    assert str(refused.value) == (
        "scan.pdf has 1 page but no text: it looks like scanned images. Import the Word "
        "original, or a PDF saved from it. Nothing was imported."
    )


def test_only_an_administrator_imports_a_report(place: Place) -> None:
    with pytest.raises(CommandError, match="--user"):
        run(str(REPORTS["q3"][0]))
    with pytest.raises(CommandError, match="There is no event 9: there are 8"):
        run(str(REPORTS["q3"][0]), "--user", "admin", "--accept-events", "9")
