"""Administrators and reviewers propose a change on the pages, see it against the current
values, open it for consultation, withdraw it, and record the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from headway.accounts.models import User
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation, Priority
from tests.conftest import signed_in
from tests.factories import MeetingFactory
from tests.pages import Page, titled
from tests.roadmap.helpers import answer, opened_change, proposed_change

pytestmark = pytest.mark.django_db
Kind = ChangeRequest.Kind


def errors(page: Page) -> list[str]:
    return page.texts("//div[contains(@class, 'govuk-error-summary')]//li")


def parts(name: str, day: dt.date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def test_it_asks_the_kind_of_change_first(admin_user: User) -> None:
    client = signed_in(admin_user)
    page = Page.of(client.get("/change-requests/new/"))
    assert page.title == titled("What kind of change do you propose?")
    assert "Move an initiative to other priorities" in page.text()

    refused = Page.of(client.post("/change-requests/new/", {}))
    assert errors(refused) == ["Choose the kind of change you propose"]
    response = client.post("/change-requests/new/", {"kind": "deprioritise"})
    assert response["Location"] == "/change-requests/new/deprioritise/"


def test_a_change_to_an_initiative_asks_which_one(admin_user: User, initiative: Initiative) -> None:
    client = signed_in(admin_user)
    page = Page.of(client.get("/change-requests/new/deprioritise/"))
    assert page.h1s == ["Which initiative is it about?"]
    assert "Replace the payroll system (Finance)" in page.texts("//select/option")
    wrong = Page.of(client.get("/change-requests/new/deprioritise/?initiative=999"))
    assert errors(wrong) == ["Select an initiative from the list"]


def test_proposing_shows_the_current_values_and_saves_a_draft(
    admin_user: User, initiative: Initiative, priorities: list[Priority]
) -> None:
    client = signed_in(admin_user)
    address = f"/change-requests/new/reprioritise/?initiative={initiative.pk}"
    form = Page.of(client.get(address))
    assert form.h1s == ["Reprioritise: Replace the payroll system"]
    assert "Priorities 1. Customers first" in form.text("//dl")
    assert "Now: 1. Customers first" in form.text("//form")

    response = client.post(
        address,
        {
            "priorities": [str(priorities[1].pk)],
            "horizon": "next",
            "map_position": "0",
            "rationale": "It saves money first.",
        },
    )

    request = ChangeRequest.objects.get()
    assert response["Location"] == f"/change-requests/{request.pk}/"
    assert (request.state, request.proposed["horizon"]) == ("draft", "next")
    detail = Page.of(client.get(response["Location"]))
    assert "Change request saved as a draft" in detail.text()
    assert detail.texts("//table[caption[contains(., 'What would change')]]//tbody/tr") == [
        "Priorities 1. Customers first 2. Efficient services (changed)",
        "Horizon Now Next (changed)",
        "Order within its priorities 0 0",
    ]


def test_the_rules_messages_show_in_the_error_summary_and_nothing_is_saved(
    admin_user: User, initiative: Initiative
) -> None:
    client = signed_in(admin_user)
    page = Page.of(
        client.post(
            f"/change-requests/new/reschedule/?initiative={initiative.pk}",
            {
                **parts("planned_start", dt.date(2021, 4, 1)),
                **parts("planned_end", dt.date(2022, 3, 31)),
            },
        )
    )
    assert page.title == titled("Error: Reschedule: Replace the payroll system")
    assert errors(page) == [
        "As proposed nothing would change: change at least one value.",
        "Say why this change is needed",
    ]
    half_date = Page.of(
        client.post(
            f"/change-requests/new/reschedule/?initiative={initiative.pk}",
            {"planned_end-day": "30", "planned_end-year": "2022", "rationale": "Late."},
        )
    )
    assert errors(half_date) == ["The planned end must include a month"]
    assert not ChangeRequest.objects.exists()


def test_a_new_initiative_is_proposed_with_its_values(
    admin_user: User, initiative: Initiative, priorities: list[Priority], partner: Any
) -> None:
    client = signed_in(admin_user)
    response = client.post(
        "/change-requests/new/add_initiative/",
        {
            "title": "Digital mailroom",
            "kind": "project",
            "service": str(initiative.service_id),
            "priorities": [str(priorities[2].pk)],
            "partners": [str(partner.pk)],
            **parts("planned_start", dt.date(2021, 10, 1)),
            "horizon": "now",
            "rationale": "Post is scanned by hand.",
        },
    )
    request = ChangeRequest.objects.get()
    assert response["Location"] == f"/change-requests/{request.pk}/"
    assert request.proposed["title"] == "Digital mailroom"
    assert request.proposed["planned_start"] == "2021-10-01"


@pytest.mark.parametrize("who", ["viewer", "lead", "partner_contact"])
def test_only_administrators_and_reviewers_may_propose_or_list(
    who: str, request: pytest.FixtureRequest, initiative: Initiative
) -> None:
    client = signed_in(request.getfixturevalue(who))
    for path in ("/change-requests/", "/change-requests/new/", "/change-requests/new/close/"):
        assert client.get(path).status_code == 403, path
    assert client.post("/change-requests/new/", {"kind": "close"}).status_code == 403


def test_the_list_shows_state_kind_answers_and_closing_date(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    partner_contact: User,
    closes_on: dt.date,
) -> None:
    change = opened_change(org, admin_user, closes_on, initiative=initiative)
    answer(change, partner_contact, Consultation.Response.SUPPORTS)
    page = Page.of(signed_in(admin_user).get("/change-requests/"))
    assert page.texts("//table//tbody/tr") == [
        f"Replace the payroll system Reschedule Consulting partners 1 of 2 "
        f"{closes_on:%-d %b %Y} Not yet"
    ]


def test_opening_a_consultation_asks_for_a_closing_date_after_today(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    partner_contact: User,
    today: dt.date,
) -> None:
    change = proposed_change(org, admin_user, initiative=initiative)
    client = signed_in(admin_user)
    address = f"/change-requests/{change.pk}/consult/"
    form = Page.of(client.get(address))
    assert "Headway will email the partner contacts of North and South" in form.text()

    refused = Page.of(client.post(address, parts("closes_on", today)))
    assert errors(refused) == [f"Choose a closing date after today ({today:%-d %B %Y})."]

    closes = today + dt.timedelta(days=10)
    response = client.post(address, parts("closes_on", closes))
    assert response["Location"] == f"/change-requests/{change.pk}/"
    change.refresh_from_db()
    assert (change.state, change.closes_on) == ("consulting", closes)
    assert [m.to for m in mail.outbox] == [[partner_contact.email]]


def test_a_request_can_be_withdrawn_once(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    change = proposed_change(org, admin_user, initiative=initiative)
    client = signed_in(admin_user)
    assert (
        "Withdraw this change request?"
        in Page.of(client.get(f"/change-requests/{change.pk}/withdraw/")).h1s
    )
    client.post(f"/change-requests/{change.pk}/withdraw/")
    change.refresh_from_db()
    assert change.state == "withdrawn"
    again = Page.of(client.post(f"/change-requests/{change.pk}/withdraw/"))
    assert errors(again) == ["This request is withdrawn: it can no longer be withdrawn."]


@pytest.fixture
def consulting(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    south_contact: User,
    closes_on: dt.date,
) -> ChangeRequest:
    return opened_change(org, admin_user, closes_on, initiative=initiative)


def test_agreeing_without_every_answer_needs_a_note(
    consulting: ChangeRequest, reviewer: User, partner_contact: User, today: dt.date
) -> None:
    answer(consulting, partner_contact, Consultation.Response.SUPPORTS)
    client = signed_in(reviewer)
    address = f"/change-requests/{consulting.pk}/decide/"
    assert (
        "Not answered yet: South. To agree without their answer, say why."
        in Page.of(client.get(address)).text()
    )

    refused = Page.of(client.post(address, {"outcome": "agreed", **parts("decided_on", today)}))
    assert errors(refused) == [
        "Say why the decision is taken without every partner's answer (not answered yet: South)."
    ]
    consulting.refresh_from_db()
    assert consulting.state == "consulting"

    client.post(
        address,
        {
            "outcome": "agreed",
            **parts("decided_on", today),
            "decision_note": "South was asked twice.",
        },
    )
    consulting.refresh_from_db()
    assert (consulting.state, consulting.decision_note) == ("agreed", "South was asked twice.")


def test_the_decision_may_name_one_of_the_committee_s_meetings(
    consulting: ChangeRequest,
    reviewer: User,
    partner_contact: User,
    south_contact: User,
    other_org: Organisation,
    today: dt.date,
) -> None:
    answer(consulting, partner_contact, Consultation.Response.SUPPORTS)
    answer(consulting, south_contact, Consultation.Response.SUPPORTS)
    meeting = MeetingFactory.create(committee__organisation=consulting.organisation)
    elsewhere = MeetingFactory.create(committee__organisation=other_org)
    client = signed_in(reviewer)
    address = f"/change-requests/{consulting.pk}/decide/"
    options = Page.of(client.get(address)).texts("//select[@name='meeting']/option")
    assert options == ["Not decided at a meeting", "Joint Committee 11 March 2022"]

    refused = Page.of(
        client.post(
            address, {"outcome": "rejected", **parts("decided_on", today), "meeting": elsewhere.pk}
        )
    )
    assert errors(refused) == ["Choose one of the meetings in the list"]
    client.post(
        address, {"outcome": "rejected", **parts("decided_on", today), "meeting": meeting.pk}
    )
    consulting.refresh_from_db()
    assert (consulting.state, consulting.meeting) == ("rejected", meeting)
    detail = Page.of(client.get(f"/change-requests/{consulting.pk}/"))
    assert "Meeting Joint Committee, 11 March 2022" in detail.text("//dl")


def test_a_stale_racing_decision_shows_why_and_stays_open(
    org: Organisation,
    admin_user: User,
    reviewer: User,
    initiative: Initiative,
    priorities: list[Priority],
    closes_on: dt.date,
    today: dt.date,
) -> None:
    first = opened_change(org, admin_user, closes_on, initiative=initiative)
    second = opened_change(
        org,
        admin_user,
        closes_on,
        kind=Kind.REPRIORITISE,
        initiative=initiative,
        proposed={"priorities": [priorities[2].pk]},
    )
    client = signed_in(reviewer)
    decision = {"outcome": "agreed", **parts("decided_on", today), "decision_note": "Agreed."}
    client.post(f"/change-requests/{first.pk}/decide/", decision)

    page = Page.of(client.post(f"/change-requests/{second.pk}/decide/", decision))

    assert errors(page) == [
        f"Another change to this initiative was agreed on {today:%-d %B %Y} since this request "
        "was proposed: propose it again against the current map."
    ]
    second.refresh_from_db()
    assert second.state == "consulting"
    detail = Page.of(client.get(f"/change-requests/{second.pk}/"))
    assert "propose it again against the current map" in detail.text()


def test_a_partner_contact_is_sent_to_their_own_consultation(
    consulting: ChangeRequest, partner_contact: User
) -> None:
    response = signed_in(partner_contact).get(f"/change-requests/{consulting.pk}/")
    own = consulting.consultations.get(partner__short_name="North")
    assert response["Location"] == f"/consultations/{own.pk}/"


def test_another_organisation_s_request_is_not_found(
    consulting: ChangeRequest, outsider: User
) -> None:
    client = signed_in(outsider)
    for path in ("", "decide/", "withdraw/", "consult/"):
        assert client.get(f"/change-requests/{consulting.pk}/{path}").status_code == 404
