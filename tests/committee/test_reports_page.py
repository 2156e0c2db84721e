"""The committee reports page lists the organisation's committees, meetings and reports, and
opens (or starts) the report for a quarter and a meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.models import Meeting, Report
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation
from tests.conftest import signed_in
from tests.factories import CommitteeFactory, MeetingFactory, ReportingPeriodFactory
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db

URL = reverse("committee:reports")
START = reverse("committee:start_report")


@pytest.mark.parametrize("role", ["admin_user", "reviewer"])
def test_it_lists_meetings_and_their_reports_with_their_state(
    role: str, drafted: Report, request
) -> None:
    page = Page.of(signed_in(request.getfixturevalue(role)).get(URL))
    assert page.title == titled("Committee reports")
    assert "Joint Committee" in page.h2s
    assert page.texts("//tbody/tr") == [
        "11 March 2022 Town Hall 2021-22 Q3 report, Strategy Progress Report for Q3 Draft"
    ]
    link = page.links()["2021-22 Q3 report, Strategy Progress Report for Q3"]
    assert link == reverse("committee:report", args=[drafted.pk])


@pytest.mark.parametrize("role", ["lead", "partner_contact", "viewer"])
def test_other_roles_are_refused(role: str, request) -> None:
    client = signed_in(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(START).status_code == 403


def test_another_organisation_s_committees_are_not_listed(outsider: User, drafted: Report) -> None:
    page = Page.of(signed_in(outsider).get(URL))
    assert "Joint Committee" not in page.text()
    assert "Your organisation has no committee yet" in page.text()


def test_the_navigation_offers_it_to_administrators_and_reviewers_only(
    admin_user: User, viewer: User
) -> None:
    nav = "//nav[@aria-label='Headway']//a"
    page = Page.of(signed_in(admin_user).get(URL))
    assert "Reports" in page.texts(nav)
    assert page.texts("//nav[@aria-label='Reports']//a") == [
        "Committee reports",
        "Published reports",
    ]
    # A viewer has only the published reports: the header names them, and there is no row.
    viewer_page = Page.of(signed_in(viewer).get(reverse("committee:published")))
    assert "Published reports" in viewer_page.texts(nav)
    assert "Committee reports" not in viewer_page.text()
    assert viewer_page.count("//nav[@aria-label='Reports']") == 0


@pytest.fixture
def q3(org: Organisation) -> ReportingPeriod:
    return ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)


@pytest.fixture
def march(org: Organisation) -> Meeting:
    return MeetingFactory.create(committee=CommitteeFactory.create(organisation=org))


def test_it_suggests_the_latest_quarter_and_the_meeting_after_it(
    admin_user: User, q3: ReportingPeriod, march: Meeting
) -> None:
    MeetingFactory.create(committee=march.committee, date=dt.date(2021, 12, 8))
    page = Page.of(signed_in(admin_user).get(URL))
    assert page.texts("//select[@name='period']/option[@selected]") == ["2021-22 Q3"]
    assert page.texts("//select[@name='meeting']/option[@selected]") == [
        "Joint Committee, 11 March 2022"
    ]


def test_starting_a_report_drafts_it_and_opens_it(
    reviewer: User, q3: ReportingPeriod, march: Meeting
) -> None:
    response = signed_in(reviewer).post(START, {"period": q3.pk, "meeting": march.pk})
    report = Report.objects.get(period=q3, meeting=march)
    assert response.status_code == 302
    assert response["Location"] == reverse("committee:report", args=[report.pk])
    assert report.snapshot is not None
    assert report.sections.exists()


def test_starting_an_existing_report_opens_it(admin_user: User, drafted: Report) -> None:
    data = {"period": drafted.period_id, "meeting": drafted.meeting_id}
    response = signed_in(admin_user).post(START, data)
    assert response["Location"] == reverse("committee:report", args=[drafted.pk])
    assert Report.objects.count() == 1


def test_a_meeting_before_the_quarter_ends_is_refused_next_to_the_field(
    admin_user: User, q3: ReportingPeriod, march: Meeting
) -> None:
    early = MeetingFactory.create(committee=march.committee, date=dt.date(2021, 12, 8))
    response = signed_in(admin_user).post(START, {"period": q3.pk, "meeting": early.pk})
    page = Page.of(response)
    assert page.title == titled("Error: Committee reports")
    message = (
        "The meeting on 8 December 2021 is before 2021-22 Q3 ends (31 December 2021): "
        "choose a later meeting."
    )
    assert page.texts("//div[contains(@class, 'govuk-error-summary')]//li") == [message]
    assert page.texts("//p[@id='id_meeting-error']") == [f"Error: {message}"]
    assert not Report.objects.exists()


def test_another_organisation_s_quarter_cannot_be_chosen(
    admin_user: User, march: Meeting, other_org: Organisation
) -> None:
    theirs = ReportingPeriodFactory.create(organisation=other_org)
    response = signed_in(admin_user).post(START, {"period": theirs.pk, "meeting": march.pk})
    assert "Select a valid choice" in Page.of(response).text()
    assert not Report.objects.exists()
