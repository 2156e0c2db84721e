"""In the demo, a change goes through the pages from proposal to decision, and the road map,
the version comparison and the next quarter's report all show it with its reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from headway.accounts.models import User
from headway.committee.compose.appendix import changes_since_last_quarter
from headway.committee.compose.document import compose_document, report_content
from headway.committee.document import number_paragraphs
from headway.committee.models import Committee, Meeting, Report
from headway.committee.reports import report_for
from headway.demo import DemoSummary
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative
from tests.conftest import signed_in
from tests.pages import Page

WHY = "The councils now do this themselves, so the shared team is no longer needed for it."


def as_user(username: str) -> Client:
    return signed_in(User.objects.get(username=username))


def parts(name: str, day: dt.date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def target() -> Initiative:
    """An activity on the maps that serves both councils."""
    candidates = Initiative.objects.filter(
        kind=Initiative.Kind.ACTIVITY, status=Initiative.Status.IN_PROGRESS
    ).order_by("external_reference")
    return next(i for i in candidates if i.partners.count() == 2)


def next_quarters_report(organisation: Any) -> Report:
    """The report for the quarter the decision falls in, at a meeting after it."""
    quarter = Quarter.of(timezone.localdate())
    period = ReportingPeriod.objects.create(
        organisation=organisation,
        year=quarter.year,
        quarter=quarter.number,
        state=ReportingPeriod.State.UPCOMING,
        deadline=quarter.last_day + dt.timedelta(days=14),
    )
    committee = Committee.objects.get(organisation=organisation)
    Meeting.objects.create(committee=committee, date=quarter.last_day + dt.timedelta(days=30))
    return report_for(period, committee)


@pytest.mark.django_db
def test_a_deprioritisation_agreed_with_both_councils_reaches_the_maps_and_the_report(
    demo: DemoSummary,
) -> None:
    activity = target()
    today = timezone.localdate()

    # The administrator proposes it and opens the consultation.
    admin = as_user("admin")
    response = admin.post(
        f"/change-requests/new/deprioritise/?initiative={activity.pk}", {"rationale": WHY}
    )
    change = ChangeRequest.objects.get(rationale=WHY)
    assert response["Location"] == f"/change-requests/{change.pk}/"
    admin.post(
        f"/change-requests/{change.pk}/consult/", parts("closes_on", today + dt.timedelta(days=7))
    )

    # Both partner contacts answer, each on their own council's consultation.
    for username, answer in (
        ("partner", {"response": "supports"}),
        ("partner-havering", {"response": "supports_with_comments", "comment": "Tell staff."}),
    ):
        client = as_user(username)
        [link] = [
            href
            for title, href in Page.of(client.get("/consultations/")).links("//table//a").items()
            if title == activity.title
        ]
        assert client.post(link, answer).status_code == 302

    # The reviewer agrees.
    as_user("reviewer").post(
        f"/change-requests/{change.pk}/decide/",
        {"outcome": "agreed", **parts("decided_on", today)},
    )
    change.refresh_from_db()
    assert change.state == ChangeRequest.State.AGREED
    answers = {str(c.partner): c.response for c in change.consultations.all()}
    assert answers == {"Newham": "supports", "Havering": "supports_with_comments"}

    # The road map no longer shows it; the version comparison says why.
    viewer = as_user("viewer")
    year = Quarter.of(today).financial_year.label
    assert activity.title not in Page.of(viewer.get(f"/roadmap/{year}/")).text("//main")
    compare = Page.of(viewer.get("/map-versions/compare/"))
    removed = compare.text("//div[contains(@class, 'govuk-summary-card')]")
    assert activity.title in removed
    assert WHY in removed
    assert "Havering supports with comments; Newham supports" in removed

    # The next quarter's report lists it with the councils' answers and its reason.
    document = compose_document(report_content(next_quarters_report(change.organisation)))
    progress = [
        paragraph.text
        for number, paragraph in number_paragraphs(document)
        if number.startswith("2.") and "priority map and road map" in paragraph.text
    ]
    assert progress and f"{activity.title} deprioritised, leaving the maps" in progress[0]
    assert WHY in progress[0]


@pytest.mark.django_db
def test_the_demo_s_reports_list_the_changes_agreed_in_their_quarter(demo: DemoSummary) -> None:
    reports = {
        r.period.quarter: r.snapshot.data
        for r in Report.objects.filter(period__year=2021).select_related("period", "snapshot")
        if r.snapshot
    }
    assert [c["summary"] for c in reports[2]["map_changes"]] == [
        "Digital mailroom added as a new project under priorities 2 and 3"
    ]
    assert [c["summary"] for c in reports[3]["map_changes"]] == [
        "Shared print and post hub deprioritised, leaving the maps"
    ]
    assert changes_since_last_quarter(reports[3])[0] == (
        "Agreed changes to the maps:",
        [
            "Shared print and post hub deprioritised, leaving the maps. "
            "Both councils supported the change."
        ],
    )
    assert reports[1]["map_changes"] == []
    # Each report holds the version of the maps current when it was drafted.
    assert [reports[q]["map_version"] for q in (1, 2, 3)] == [2, 3, 3]
    open_request = ChangeRequest.objects.get(state=ChangeRequest.State.CONSULTING)
    assert [c.response for c in open_request.consultations.order_by("partner__name")] == [
        "",
        Consultation.Response.SUPPORTS,
    ]
