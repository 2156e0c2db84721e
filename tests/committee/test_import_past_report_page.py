"""An administrator imports the two reference reports through the import page: checks what
was recognised, completes what the file lacks, decides each proposed event, and gets a
read-only report with its original file and the accepted events in the history."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.detail import report_detail
from headway.committee.models import Meeting, Report, ReportParagraph, ReportSource
from headway.dataio.models import Upload
from headway.organisation.models import OrganisationalChange
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, StrategyEvent
from tests.committee.past_reports import Q1, Q3, REPORTS, Expected, as_docx, as_pdf
from tests.committee.past_reports.importing import Place, check_page_data, onesource_like
from tests.committee.test_past_report_refused import encrypted_pdf
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db

IMPORT = reverse("committee:import_report")
PAUSED_TEXT = "The global pandemic put the strategy on hold."
DEPARTURE_TEXT = "The Executive Director left; an interim reporting structure is in place."


@pytest.fixture
def place(org: Organisation) -> Place:
    return onesource_like(org)


@pytest.fixture
def admin(admin_user: User) -> Client:
    return signed_in(admin_user)


def upload(client: Client, path: Path, data: bytes | None = None) -> tuple[Upload, str]:
    file = SimpleUploadedFile(path.name, path.read_bytes() if data is None else data)
    response = client.post(IMPORT, {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    location = response["Location"]
    found = Upload.objects.get(kind=Upload.Kind.REPORT, filename=path.name)
    # The address carries the upload's signed name (signed with the time, so compare ids).
    token = location.rstrip("/").rsplit("/", 1)[-1]
    assert location == reverse("committee:check_import", args=[token])
    assert Upload.from_token(token) == found.id
    return found, location


def numbers_of(report: Report) -> list[tuple[str, list[tuple[str | None, str, str]]]]:
    detail = report_detail(report.meeting.committee.organisation, report.pk)
    assert detail is not None
    return [
        (
            s.section.key,
            [(row.number, row.paragraph.label, row.paragraph.text) for row in s.paragraphs],
        )
        for s in detail.sections
    ]


def expected_numbers(expected: Expected) -> list[tuple[str, list[tuple[str | None, str, str]]]]:
    return [
        (key, [(number or None, label, text) for number, label, text in paragraphs])
        for key, _, _, paragraphs in expected.sections
    ]


def test_the_q3_report_imports_with_its_header_paragraphs_and_events(
    admin: Client, place: Place, org: Organisation
) -> None:
    path = REPORTS["q3"][0]
    assert admin.get(IMPORT).status_code == 200
    found, check = upload(admin, path)

    page = admin.get(check)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Found in the file: ONESOURCE JOINT COMMITTEE" in html
    assert "It is your committee “oneSource Joint Committee”" in html
    assert "Found in the file: 11 March 2022" in html
    assert "Found from the file: 2021-22 Q3. The period exists." in html
    assert "Found in the file: One Source Strategy 2020-23 Progress Report for Q3" in html
    assert "Found in the file: Liz Carswell" in html
    assert "Found in the file: Assistant Director Performance, Policy and Programmes" in html
    for number in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5"):
        assert f'<span class="hw-paragraph__number">{number}</span>' in html
    assert "None: every paragraph found its place." in html
    assert "Event 2: Presented to committee, 7 February 2020" in html
    assert "Event 6: Agreed, 30 April 2021" in html
    assert "Event 7: Leadership" in html
    assert html.count('class="govuk-summary-card"') == len(Q3.events)

    # The paused and leadership events have no date in the text: accepting them asks for one.
    data = check_page_data(found, **{"event-4": "accept", "event-7": "accept"})
    refused = admin.post(check, data)
    assert refused.status_code == 400
    text = refused.content.decode()
    assert text.count("Enter the date it happened, or reject the event") == 4  # summary + field
    assert not Report.objects.exists() and not StrategyEvent.objects.exists()

    data = check_page_data(
        found,
        **{
            "event-4": "accept",
            "event-4-date": "2020-03-23",
            "event-4-text": PAUSED_TEXT,
            "event-7": "accept",
            "event-7-date": "2021-11-01",
            "event-7-text": DEPARTURE_TEXT,
            "event-8": "reject",
        },
    )
    done = admin.post(check, data)
    report = Report.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "committee:report", args=[report.pk]
    )

    assert report.kind == Report.Kind.IMPORTED and report.is_imported
    assert not report.is_editable
    assert report.meeting.committee == place.committee
    assert report.meeting.date == dt.date(2022, 3, 11)
    assert report.period == place.q3
    assert report.subject_heading == Q3.subject
    assert report.author_name == "Liz Carswell"
    assert report.author_title == Q3.author_title
    assert report.financial_summary == "Not applicable"
    assert numbers_of(report) == expected_numbers(Q3)
    source = ReportSource.objects.get(report=report)
    assert bytes(source.content) == path.read_bytes() and source.filename == path.name

    events = list(
        StrategyEvent.objects.order_by("date", "kind").values_list("date", "kind", "text")
    )
    assert [(d.isoformat(), k) for d, k, _ in events] == [
        ("2020-02-07", "presented"),
        ("2020-02-29", "launched"),
        ("2020-02-29", "published"),
        ("2020-03-23", "paused"),
        ("2021-04-30", "agreed"),
        ("2021-04-30", "reviewed"),
    ]
    assert (
        dict(((d.isoformat(), k), t) for d, k, t in events)[("2020-03-23", "paused")] == PAUSED_TEXT
    )
    agreed = StrategyEvent.objects.get(kind="agreed")
    assert agreed.meeting == place.april_meeting
    assert agreed.text.startswith("An update to the one source Strategy was therefore presented")
    change = OrganisationalChange.objects.get()
    assert (change.kind, change.date, change.text) == (
        "leadership",
        dt.date(2021, 11, 1),
        DEPARTURE_TEXT,
    )

    # The report's page shows it read-only, with its original file to download.
    shown = admin.get(reverse("committee:report", args=[report.pk])).content.decode()
    assert "Download the original file" in shown
    assert "it cannot be changed, redrafted, approved or published" in shown
    assert "Change<span" not in shown and "Approve the report" not in shown
    original = admin.get(reverse("committee:report_original", args=[report.pk]))
    assert original.content == path.read_bytes()
    assert path.name in original["Content-Disposition"]

    # Going back to the check page opens the report; confirming again imports nothing more.
    assert admin.get(check)["Location"] == reverse("committee:report", args=[report.pk])
    assert admin.post(check, data).status_code == 302
    assert Report.objects.count() == 1 and StrategyEvent.objects.count() == 6


def test_the_q1_report_asks_for_the_header_its_text_lacks(
    admin: Client, place: Place, org: Organisation
) -> None:
    path = REPORTS["q1"][0]
    found, check = upload(admin, path)
    html = admin.get(check).content.decode()
    # Committee, date, subject, author, job title, contact details and financial summary.
    assert html.count("Not found in the file: enter it") == 7
    assert "Found from the file: 2021-22 Q1. It will be added as a closed period." in html

    refused = admin.post(check, check_page_data(found))
    assert refused.status_code == 400
    text = refused.content.decode()
    for message in (
        "Enter the committee the report went to",
        "Enter the date of the meeting, for example 11 March 2022",
        "Enter the report&#39;s subject heading",
        "Enter the name of the report&#39;s author",
    ):
        assert message in text

    data = check_page_data(
        found,
        committee="oneSource Joint Committee",
        meeting_date="2021-09-22",
        subject="One Source Strategy 2020-23 Progress Report for Q1",
        author_name="Liz Carswell",
        author_title="Assistant Director Performance, Policy and Programmes",
    )
    assert admin.post(check, data).status_code == 302
    report = Report.objects.get()
    assert report.meeting == Meeting.objects.get(
        committee=place.committee, date=dt.date(2021, 9, 22)
    )
    assert report.period.label == "2021-22 Q1"
    assert report.period.state == ReportingPeriod.State.CLOSED
    assert numbers_of(report) == expected_numbers(Q1)
    # Only the dated events were proposed for acceptance.
    assert sorted(StrategyEvent.objects.values_list("kind", flat=True)) == [
        "agreed",
        "launched",
        "presented",
        "published",
    ]


def test_events_already_in_the_history_are_proposed_for_rejection(
    admin: Client, place: Place
) -> None:
    StrategyEvent.objects.create(
        strategy=place.strategy, date=dt.date(2020, 2, 7), kind="presented", text="Presented."
    )
    found, check = upload(admin, REPORTS["q3"][0])
    html = admin.get(check).content.decode()
    assert html.count("The history already has this kind of event on this day") == 1
    data = check_page_data(found)
    assert data["event-2"] == "reject" and data["event-1"] == "accept"


def test_unplaced_text_is_assigned_or_discarded(admin: Client, place: Place) -> None:
    text = (
        REPORTS["q3"][0]
        .read_text()
        .replace("2.5 Following", "The presentation follows.\n\n2.5 Following")
        .replace("ONESOURCE JOINT COMMITTEE", "PART A\nONESOURCE JOINT COMMITTEE", 1)
    )
    found, check = upload(admin, REPORTS["q3"][0], text.encode())
    html = admin.get(check).content.decode()
    assert "Where does text 1 go?" in html and "Where does text 2 go?" in html
    assert "in section 2, one source strategy 2021-22 progress update for Q3, without a" in html
    data = check_page_data(found, **{"unplaced-1": "discard", "unplaced-2": "section-2"})
    assert admin.post(check, data).status_code == 302
    report = Report.objects.get()
    last = ReportParagraph.objects.filter(section__report=report, section__key="section-2").last()
    assert last is not None and last.text == "The presentation follows."
    assert not ReportParagraph.objects.filter(text="PART A").exists()


def test_a_file_that_is_not_a_report_is_refused_on_the_upload_page(admin: Client) -> None:
    file = SimpleUploadedFile("report.pdf", encrypted_pdf())
    response = admin.post(IMPORT, {"file": file})
    assert response.status_code == 400
    assert "report.pdf is an encrypted (password-protected) PDF" in response.content.decode()
    assert not Upload.objects.exists()
    empty = admin.post(IMPORT, {"file": SimpleUploadedFile("report.docx", b"")})
    assert empty.status_code == 400
    assert "The file is empty" in empty.content.decode()


def test_an_imported_report_cannot_be_changed(admin: Client, place: Place) -> None:
    found, check = upload(admin, REPORTS["q3"][0])
    admin.post(check, check_page_data(found))
    report = Report.objects.get()
    paragraph = ReportParagraph.objects.filter(section__report=report).first()
    assert paragraph is not None
    edit = reverse("committee:edit_paragraph", args=[report.pk, paragraph.pk])
    response = admin.post(edit, {"text": "Changed."})
    assert response.status_code in (400, 409)
    paragraph.refresh_from_db()
    assert paragraph.text != "Changed."
    for name in ("redraft", "approve", "reopen", "publish"):
        response = admin.post(reverse(f"committee:{name}", args=[report.pk]))
        assert response.status_code in (400, 409), name
        assert re.search("imported from a past report", response.content.decode()), name
    report.refresh_from_db()
    # Published as it was presented in public (the preview's default), and it stays so.
    assert report.state == Report.State.PUBLISHED and report.kind == Report.Kind.IMPORTED


def test_a_report_upload_does_not_open_on_the_data_import_pages(
    admin: Client, place: Place
) -> None:
    found, _ = upload(admin, REPORTS["q3"][0])
    response = admin.get(reverse("dataio:import_preview", args=[found.token]))
    assert response.status_code == 404


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_the_q3_report_as_word_or_pdf_imports_as_its_text_does(
    admin: Client, place: Place, form: str, tmp_path: Path
) -> None:
    docx = as_docx(Q3)
    data = docx if form == "docx" else as_pdf(docx, tmp_path, "q3")
    path = tmp_path / f"q3-report.{form}"
    path.write_bytes(data)
    found, check = upload(admin, path)
    assert admin.post(check, check_page_data(found)).status_code == 302
    report = Report.objects.get()
    assert (report.subject_heading, report.author_name, report.meeting.date) == (
        Q3.subject,
        Q3.author_name,
        dt.date(2022, 3, 11),
    )
    assert numbers_of(report) == expected_numbers(Q3)
    # The dated events, not already in the history, are the ones accepted by default.
    assert sorted(StrategyEvent.objects.values_list("kind", flat=True)) == [
        "agreed",
        "launched",
        "presented",
        "published",
        "reviewed",
    ]
    source = ReportSource.objects.get(report=report)
    assert bytes(source.content) == data
    assert source.content_type == (
        "application/pdf"
        if form == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
