"""Each person finds only what their role lets them open: a partner contact never finds a
draft report, nobody finds another organisation's words."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.accounts.models import User
from headway.committee.models import Report, ReportParagraph
from headway.committee.permissions import reports_visible_to
from headway.search.finding import search
from tests.factories import InitiativeFactory, MeetingFactory, ReportFactory, UpdateFactory
from tests.search.conftest import World, add_paragraph, membership

EVERYTHING = [
    "Change request",
    "Consultation answer",
    "Organisational change",
    "Report",
    "Report",
    "Return",
    "Return",
]


def found(user: User, text: str = "pandemic") -> list[str]:
    return sorted(hit.kind for hit in search(membership(user), text).hits)


def test_an_administrator_finds_everything(world: World, admin_user: User) -> None:
    assert found(admin_user) == EVERYTHING


def test_a_reviewer_finds_all_but_the_log_of_organisational_changes(
    world: World, reviewer: User
) -> None:
    assert found(reviewer) == [k for k in EVERYTHING if k != "Organisational change"]


def test_a_partner_contact_never_finds_a_draft(world: World, partner_contact: User) -> None:
    # The published report, the approved return, and the change their council was consulted
    # on, with its answer; not the draft report, nor the network's draft return.
    assert found(partner_contact) == ["Change request", "Consultation answer", "Report", "Return"]
    hits = search(membership(partner_contact), "draft sentence recovery").hits
    assert hits == []


def test_a_partner_contact_s_report_results_open_the_published_page(
    world: World, partner_contact: User
) -> None:
    hit = next(
        h for h in search(membership(partner_contact), "pandemic").hits if h.kind == "Report"
    )
    assert hit.href == f"/published/{world.published.slug}/"


def test_a_service_lead_finds_the_returns_they_write(world: World, lead: User) -> None:
    # The lead writes for Finance: its drafts are theirs to read. Every approved return is
    # everyone's; the reviewer-only drafts of other services are not, but leads read every
    # return (``READERS_OF_EVERY_RETURN``).
    assert found(lead) == ["Report", "Return", "Return"]


def test_a_viewer_finds_published_and_approved_text_only(world: World, viewer: User) -> None:
    assert found(viewer) == ["Report", "Return"]


def test_nobody_finds_another_organisation_s_words(world: World, outsider: User, other_org) -> None:
    initiative = InitiativeFactory.create(organisation=other_org)
    UpdateFactory.create(initiative=initiative, narrative="Their own pandemic plan.")
    assert found(outsider) == ["Return"]
    assert "Their own" in str(search(membership(outsider), "pandemic").hits[0].snippet)


@pytest.mark.parametrize("role", ["partner_contact", "viewer", "lead"])
def test_a_draft_report_is_found_by_no_one_outside_the_performance_team(
    world: World, role: str, request: pytest.FixtureRequest
) -> None:
    add_paragraph(world.drafted, "Unpublished thoughts on xylophones.")
    user: User = request.getfixturevalue(role)
    assert found(user, "xylophones") == []


def _imported(world: World, state: str) -> Report:
    """A past report imported for another meeting: presented in public (published) or
    exempt (kept approved, for staff)."""
    report = ReportFactory.create(
        meeting=MeetingFactory.create(
            committee=world.published.meeting.committee,
            date=world.published.meeting.date + dt.timedelta(days=7),
        ),
        period=world.q2,
        kind=Report.Kind.IMPORTED,
        state=state,
    )
    add_paragraph(report, "The marimba band played at the strategy's launch.")
    return report


@pytest.mark.parametrize(
    ("state", "readers"),
    [
        (Report.State.PUBLISHED, {"admin_user", "reviewer", "lead", "viewer", "partner_contact"}),
        (Report.State.APPROVED, {"admin_user", "reviewer"}),
    ],
    ids=["presented-in-public", "exempt"],
)
def test_an_imported_report_is_found_by_its_readers_only(
    world: World, state: str, readers: set[str], request: pytest.FixtureRequest
) -> None:
    report = _imported(world, state)
    for role in ("admin_user", "reviewer", "lead", "viewer", "partner_contact"):
        user: User = request.getfixturevalue(role)
        assert found(user, "marimba") == (["Report"] if role in readers else []), role
        allowed = reports_visible_to(membership(user)).filter(pk=report.pk).exists()
        assert allowed == (role in readers), role


def test_a_reader_s_result_in_a_published_import_opens_its_paragraph_on_the_public_page(
    world: World, partner_contact: User
) -> None:
    report = _imported(world, Report.State.PUBLISHED)
    paragraph = ReportParagraph.objects.get(section__report=report)
    (hit,) = search(membership(partner_contact), "marimba").hits
    assert hit.href == f"/published/{report.slug}/#paragraph-{paragraph.pk}"
