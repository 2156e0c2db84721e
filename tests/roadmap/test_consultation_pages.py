"""A partner council's contact sees what is proposed, why and what it means for their
council, answers, may change the answer, and later sees the decision. Only for their own
council."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from headway.accounts.models import User
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation
from tests.conftest import signed_in
from tests.pages import Page, titled
from tests.roadmap.helpers import opened_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulting(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    south_contact: User,
    closes_on: dt.date,
) -> ChangeRequest:
    Initiative.objects.filter(pk=initiative.pk).update(description="A new payroll for both.")
    change = opened_change(org, admin_user, closes_on, initiative=initiative)
    mail.outbox.clear()
    return change


def own(change: ChangeRequest, short_name: str) -> Consultation:
    return change.consultations.get(partner__short_name=short_name)


def errors(page: Page) -> list[str]:
    return page.texts("//div[contains(@class, 'govuk-error-summary')]//li")


def test_a_partner_contact_lists_their_own_council_s_consultations(
    consulting: ChangeRequest, partner_contact: User, closes_on: dt.date
) -> None:
    page = Page.of(signed_in(partner_contact).get("/consultations/"))
    assert page.h1s == ["Consultations for North"]
    assert page.texts("//table//tbody/tr") == [
        f"Replace the payroll system Reschedule {closes_on:%-d %b %Y} Awaiting your answer "
        "Not decided yet"
    ]
    assert page.links("//table//a") == {
        "Replace the payroll system": f"/consultations/{own(consulting, 'North').pk}/"
    }


def test_it_says_what_is_proposed_why_and_what_it_means_for_the_council(
    consulting: ChangeRequest, partner_contact: User, closes_on: dt.date
) -> None:
    page = Page.of(signed_in(partner_contact).get(f"/consultations/{own(consulting, 'North').pk}/"))
    assert page.title == titled("Reschedule: Replace the payroll system")
    assert page.h2s[:3] == ["What is proposed", "Why", "What it means for North"]
    text = page.text()
    assert "Reschedule “Replace the payroll system”: planned start from 1 April 2021" in text
    assert "The supplier cannot start until the summer." in text
    assert "“Replace the payroll system” serves North, so North is asked for its view." in text
    assert "A new payroll for both." in text
    assert f"Answer by {closes_on:%-d %B %Y}." in text
    assert "Planned end 31 March 2022 30 June 2022 (changed)" in page.texts("//table//tr")


def test_answering_records_it_and_emails_the_proposer(
    consulting: ChangeRequest, partner_contact: User, admin_user: User
) -> None:
    consultation = own(consulting, "North")
    client = signed_in(partner_contact)
    address = f"/consultations/{consultation.pk}/"

    refused = Page.of(client.post(address, {"response": "objects"}))
    assert errors(refused) == ["Say why your council objects."]
    nothing = Page.of(client.post(address, {}))
    assert errors(nothing) == ["Choose supports, supports with comments, or objects."]

    response = client.post(
        address, {"response": "supports_with_comments", "comment": "Tell staff."}
    )
    assert response["Location"] == address
    consultation.refresh_from_db()
    assert (consultation.response, consultation.comment) == (
        "supports_with_comments",
        "Tell staff.",
    )
    assert consultation.answered_by == partner_contact
    assert [m.to for m in mail.outbox] == [[admin_user.email]]

    page = Page.of(client.get(address))
    assert "Your answer is recorded: North supports with comments." in page.text()
    client.post(address, {"response": "supports"})
    consultation.refresh_from_db()
    assert consultation.response == "supports"


def test_after_the_decision_it_shows_the_decision_and_how_the_answer_was_recorded(
    consulting: ChangeRequest, partner_contact: User, reviewer: User, today: dt.date
) -> None:
    consultation = own(consulting, "North")
    client = signed_in(partner_contact)
    client.post(
        f"/consultations/{consultation.pk}/", {"response": "objects", "comment": "Too late."}
    )
    decide(consulting, ChangeRequest.State.REJECTED, reviewer, today, note="North objects.")

    page = Page.of(client.get(f"/consultations/{consultation.pk}/"))
    assert "The decision" in page.h2s
    assert "Decision Rejected" in page.text("//dl")
    name = partner_contact.get_full_name() or partner_contact.username
    assert f"Objects by {name} on {today:%-d %B %Y}." in page.text()
    assert "Too late." in page.text()
    assert page.count("//form[@method='post']") == 1  # Only signing out.
    late = Page.of(client.post(f"/consultations/{consultation.pk}/", {"response": "supports"}))
    assert errors(late) == ["This change is rejected: answers are no longer taken."]


def test_a_partner_contact_of_the_other_council_cannot_see_or_answer(
    consulting: ChangeRequest, south_contact: User, partner_contact: User
) -> None:
    north = own(consulting, "North")
    client = signed_in(south_contact)
    assert client.get(f"/consultations/{north.pk}/").status_code == 404
    assert client.post(f"/consultations/{north.pk}/", {"response": "supports"}).status_code == 404
    north.refresh_from_db()
    assert north.response == ""
    listed = Page.of(client.get("/consultations/")).links("//table//a")
    assert listed == {
        "Replace the payroll system": f"/consultations/{own(consulting, 'South').pk}/"
    }


@pytest.mark.parametrize("who", ["admin_user", "reviewer", "viewer", "lead"])
def test_only_partner_contacts_open_consultation_pages(
    consulting: ChangeRequest, who: str, request: pytest.FixtureRequest
) -> None:
    client = signed_in(request.getfixturevalue(who))
    assert client.get("/consultations/").status_code == 403
    assert client.get(f"/consultations/{own(consulting, 'North').pk}/").status_code == 403


def test_the_email_asking_for_an_answer_links_to_the_consultation_page(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    partner_contact: User,
    closes_on: dt.date,
    settings: Any,
) -> None:
    settings.SITE_URL = "https://headway.example.org"
    change = opened_change(org, admin_user, closes_on, initiative=initiative)
    [message] = [m for m in mail.outbox if m.to == [partner_contact.email]]
    link = f"https://headway.example.org/consultations/{own(change, 'North').pk}/"
    assert f"Answer in Headway: {link}" in message.body
