"""An administrator keeps committees, their members and meetings and each one's report
template on Headway's own pages; a meeting a report went to is kept."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.drafting import approve_report, draft_report, publish_report
from headway.committee.models import Committee, Meeting, ReportTemplate
from headway.committee.models.committee import CommitteeMember
from headway.strategy.models import Organisation, Partner
from tests.conftest import signed_in
from tests.factories import CommitteeFactory, MeetingFactory, ReportFactory, StrategyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(org: Organisation) -> Committee:
    return CommitteeFactory.create(organisation=org, name="Joint Committee")


def test_it_adds_a_committee_with_the_default_template(admin_user: User, org: Organisation) -> None:
    response = signed_in(admin_user).post(
        reverse("organisation:add_committee"), {"name": "Audit Committee"}
    )

    committee = Committee.objects.get(name="Audit Committee")
    assert response["Location"] == reverse("organisation:committee", args=[committee.pk])
    assert committee.slug == "audit-committee"
    assert committee.template.implications == ["legal", "financial", "hr"]


def test_it_adds_a_member_for_a_council_and_a_meeting(
    admin_user: User, committee: Committee, partner: Partner
) -> None:
    client = signed_in(admin_user)

    client.post(
        reverse("organisation:add_member", args=[committee.pk]),
        {"name": "Councillor (demo)", "role": "Chair", "council": partner.pk},
    )
    client.post(
        reverse("organisation:add_meeting", args=[committee.pk]),
        {"date-day": "11", "date-month": "3", "date-year": "2022", "venue": "Town Hall"},
    )

    member = CommitteeMember.objects.get()
    assert (member.role, member.council) == ("Chair", partner)
    assert committee.meetings.get().date == date(2022, 3, 11)
    page = client.get(reverse("organisation:committee", args=[committee.pk])).content.decode()
    assert "Councillor (demo)" in page and "11 March 2022" in page


def test_a_second_meeting_on_the_same_day_is_refused(
    admin_user: User, committee: Committee
) -> None:
    MeetingFactory.create(committee=committee, date=date(2022, 3, 11))

    response = signed_in(admin_user).post(
        reverse("organisation:add_meeting", args=[committee.pk]),
        {"date-day": "11", "date-month": "3", "date-year": "2022"},
    )

    assert response.status_code == 400
    assert "Joint Committee already meets on 11 March 2022" in response.content.decode()


def test_a_meeting_a_report_went_to_is_kept(
    admin_user: User, org: Organisation, committee: Committee
) -> None:
    StrategyFactory.create(organisation=org)
    meeting = MeetingFactory.create(committee=committee)
    draft_report(ReportFactory.create(meeting=meeting))

    response = signed_in(admin_user).post(reverse("organisation:remove_meeting", args=[meeting.pk]))

    assert response.status_code == 400
    assert "it has one report to it. Correct its date or venue instead" in (
        response.content.decode()
    )
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_date_of_a_meeting_with_a_published_report_stays(
    admin_user: User, org: Organisation, committee: Committee
) -> None:
    StrategyFactory.create(organisation=org)
    meeting = MeetingFactory.create(committee=committee, date=date(2022, 3, 11))
    publish_report(approve_report(draft_report(ReportFactory.create(meeting=meeting)), by=None))

    response = signed_in(admin_user).post(
        reverse("organisation:edit_meeting", args=[meeting.pk]),
        {"date-day": "12", "date-month": "3", "date-year": "2022", "venue": "Town Hall"},
    )

    assert response.status_code == 400
    assert "add a meeting for the new date instead" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.date == date(2022, 3, 11)


def test_the_report_template_chooses_header_fields_and_implications(
    admin_user: User, org: Organisation, committee: Committee
) -> None:
    signed_in(admin_user).post(
        reverse("organisation:report_template", args=[committee.pk]),
        {"header_fields": ["subject", "wards"], "implications": ["equalities", "legal"]},
    )

    template = ReportTemplate.objects.get(committee=committee)
    assert template.header_fields == ["subject", "wards"]
    assert template.implications == ["legal", "equalities"]
    StrategyFactory.create(organisation=org)
    report = draft_report(ReportFactory.create(meeting=MeetingFactory.create(committee=committee)))
    labels = list(
        report.sections.get(key="implications").paragraphs.values_list("label", flat=True)
    )
    assert labels == ["Legal implications and risks", "Equalities implications and risks"]


def test_an_unknown_implication_is_refused(admin_user: User, committee: Committee) -> None:
    response = signed_in(admin_user).post(
        reverse("organisation:report_template", args=[committee.pk]),
        {"implications": ["astrology"]},
    )

    assert response.status_code == 400
    assert "Choose from the implications sections listed" in response.content.decode()


def test_the_other_organisation_cannot_open_or_change_our_committee(
    outsider: User, committee: Committee
) -> None:
    client = signed_in(outsider)

    assert client.get(reverse("organisation:committee", args=[committee.pk])).status_code == 404
    assert (
        client.post(reverse("organisation:remove_committee", args=[committee.pk])).status_code
        == 404
    )
    assert "Joint Committee" not in client.get(reverse("organisation:committees")).content.decode()
    assert Committee.objects.filter(pk=committee.pk).exists()
