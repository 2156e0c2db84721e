"""Each person finds only what their role lets them open: a partner contact never finds a
draft report, nobody finds another organisation's words."""

from __future__ import annotations

import pytest

from headway.accounts.models import User
from headway.search.finding import search
from tests.factories import InitiativeFactory, UpdateFactory
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
