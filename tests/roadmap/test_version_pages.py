"""Every member can list the versions of the maps and compare any two: what was added,
removed, moved or rescheduled, with each change's reason and the partners' answers."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.accounts.models import User
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation
from tests.conftest import signed_in
from tests.pages import Page, titled
from tests.roadmap.helpers import answer, opened_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def rescheduled(
    org: Organisation,
    admin_user: User,
    reviewer: User,
    initiative: Initiative,
    partner_contact: User,
    south_contact: User,
    closes_on: dt.date,
    today: dt.date,
) -> ChangeRequest:
    change = opened_change(org, admin_user, closes_on, initiative=initiative)
    answer(change, partner_contact, Consultation.Response.SUPPORTS)
    answer(change, south_contact, Consultation.Response.OBJECTS, "Too late for us.")
    return decide(change, ChangeRequest.State.AGREED, reviewer, today)


def test_it_lists_each_version_with_what_changed(rescheduled: ChangeRequest, viewer: User) -> None:
    page = Page.of(signed_in(viewer).get("/map-versions/"))
    assert page.title == titled("Versions of the maps")
    rows = page.texts("//table//tbody/tr")
    assert rows[0].startswith("Version 2")
    assert "Replace the payroll system: Rescheduled: was 1 April 2021 to 31 March 2022" in rows[0]
    assert rows[1].endswith("The maps as they stood before the first agreed change.")


def test_comparing_shows_the_change_with_its_reason_and_the_partners_answers(
    rescheduled: ChangeRequest, viewer: User
) -> None:
    page = Page.of(signed_in(viewer).get("/map-versions/compare/?from=1&to=2"))
    assert page.h1s == ["Version 1 compared with version 2"]
    assert "Rescheduled (1)" in page.texts("//main//h2")
    card = page.text("//div[contains(@class, 'govuk-summary-card')]")
    assert "Why The supplier cannot start until the summer." in card
    assert "North supports; South objects" in card
    assert "South: “Too late for us.”" in card
    # A viewer is not offered the change request, which only staff may open.
    assert "see the change request" not in card


def test_by_default_it_compares_the_latest_version_with_the_one_before(
    rescheduled: ChangeRequest, admin_user: User
) -> None:
    page = Page.of(signed_in(admin_user).get("/map-versions/compare/"))
    assert page.h1s == ["Version 1 compared with version 2"]
    assert page.links()["see the change request for Replace the payroll system"] == (
        f"/change-requests/{rescheduled.pk}/"
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=2&to=1", "Compare an earlier version with a later one"),
        ("?from=9", "Select a version from the list"),
        ("?to=x", "Select a version from the list"),
    ],
)
def test_a_wrong_choice_says_what_to_fix(
    rescheduled: ChangeRequest, viewer: User, query: str, message: str
) -> None:
    page = Page.of(signed_in(viewer).get(f"/map-versions/compare/{query}"))
    assert page.title == titled("Error: Compare versions of the maps")
    [error] = page.texts("//div[contains(@class, 'govuk-error-summary')]//li")
    assert message in error


def test_with_no_versions_there_is_nothing_to_compare(viewer: User) -> None:
    page = Page.of(signed_in(viewer).get("/map-versions/compare/"))
    assert "There is nothing to compare yet" in page.text()
    assert (
        "No change to the maps has been agreed yet"
        in Page.of(signed_in(viewer).get("/map-versions/")).text()
    )
