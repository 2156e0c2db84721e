"""A draft change request is changed on its own page before it goes out for consultation:
the form opens as it was proposed, saves through the same rules, and refuses once consulting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from headway.accounts.models import User
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative, Organisation, Partner, Priority
from tests.conftest import signed_in
from tests.pages import Page, titled
from tests.roadmap.helpers import opened_change, proposed_change

pytestmark = pytest.mark.django_db
Kind = ChangeRequest.Kind


def _as_shown(page: Page) -> list[tuple[str, str]]:
    """The values the page's form would send if the person changed nothing."""
    form = page.tree.xpath("//main//form[@method='post']")[0]
    return [(name, value) for name, value in form.form_values() if name != "csrfmiddlewaretoken"]


def _fields(values: list[tuple[str, str]]) -> dict[str, Any]:
    sent: dict[str, Any] = {}
    for name, value in values:
        sent.setdefault(name, []).append(value)
    return {name: found if len(found) > 1 else found[0] for name, found in sent.items()}


def _draft_and_its_form(
    org: Organisation, admin_user: User, initiative: Initiative
) -> tuple[ChangeRequest, Client, str, dict[str, Any]]:
    """A draft reschedule, a signed-in client, its form's address and the values it shows."""
    change = proposed_change(org, admin_user, initiative=initiative)
    client = signed_in(admin_user)
    address = f"/change-requests/{change.pk}/edit/"
    return change, client, address, _fields(_as_shown(Page.of(client.get(address))))


def test_the_form_opens_as_the_draft_was_proposed(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    change = proposed_change(org, admin_user, initiative=initiative)
    page = Page.of(signed_in(admin_user).get(f"/change-requests/{change.pk}/edit/"))
    assert page.title == titled("Reschedule: Replace the payroll system")
    shown = dict(_as_shown(page))
    assert (shown["planned_start-day"], shown["planned_start-month"]) == ("1", "7")
    assert (shown["planned_end-year"], shown["rationale"]) == (
        "2022",
        "The supplier cannot start until the summer.",
    )
    assert page.texts("//main//button") == ["Save changes"]
    assert page.tree.xpath("//a[@class='govuk-back-link']/@href") == [
        f"/change-requests/{change.pk}/"
    ]


def test_saving_changes_the_draft_through_the_same_rules(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    change, client, address, sent = _draft_and_its_form(org, admin_user, initiative)
    sent.update({"planned_end-month": "9", "rationale": "The supplier starts in July."})

    response = client.post(address, sent)

    assert response["Location"] == f"/change-requests/{change.pk}/"
    change.refresh_from_db()
    assert change.proposed == {"planned_start": "2021-07-01", "planned_end": "2022-09-30"}
    assert (change.rationale, change.state) == ("The supplier starts in July.", "draft")
    detail = Page.of(client.get(response["Location"]))
    assert "Draft change request saved" in detail.text()


def test_a_change_the_rules_refuse_is_shown_and_the_draft_kept(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    change, client, address, sent = _draft_and_its_form(org, admin_user, initiative)
    sent.update({"planned_end-year": "2020", "rationale": " "})

    page = Page.of(client.post(address, sent))

    assert page.title == titled("Error: Reschedule: Replace the payroll system")
    summary = page.text("//div[contains(@class, 'govuk-error-summary')]")
    assert "Say why this change is needed" in summary
    assert "end" in summary.lower()
    change.refresh_from_db()
    assert change.proposed["planned_end"] == "2022-06-30"


@pytest.mark.parametrize(
    "kind",
    [Kind.ADD_INITIATIVE, Kind.ADD_PRIORITY, Kind.REPRIORITISE, Kind.CLOSE],
)
def test_saving_a_draft_unchanged_keeps_every_value(
    kind: str,
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    priorities: list[Priority],
    partner: Partner,
) -> None:
    examples: dict[str, dict[str, Any]] = {
        Kind.ADD_INITIATIVE: {
            "title": "Digital mailroom",
            "kind": "project",
            "description": "Scan the post.",
            "service": initiative.service_id,
            "priorities": [priorities[2].pk, priorities[0].pk],
            "partners": [partner.pk],
            "planned_start": "2021-10-01",
            "planned_end": None,
            "horizon": "next",
            "is_key_project": True,
            "external_reference": "DM-1",
        },
        Kind.ADD_PRIORITY: {"title": "Greener services", "active_from": "2022-23"},
        Kind.REPRIORITISE: {
            "priorities": [priorities[1].pk],
            "horizon": "later",
            "map_position": 4,
        },
        Kind.CLOSE: {"status": "cancelled"},
    }
    proposed = examples[kind]
    about = initiative if kind in ChangeRequest.INITIATIVE_KINDS else None
    change = proposed_change(org, admin_user, kind=kind, initiative=about, proposed=proposed)
    before = dict(change.proposed)
    client = signed_in(admin_user)
    address = f"/change-requests/{change.pk}/edit/"

    response = client.post(address, _fields(_as_shown(Page.of(client.get(address)))))

    assert response.status_code == 302, Page.of(response).text()
    change.refresh_from_db()
    assert change.proposed == before


def test_a_request_out_for_consultation_cannot_be_changed(
    org: Organisation, admin_user: User, initiative: Initiative, closes_on: dt.date
) -> None:
    change = opened_change(org, admin_user, closes_on, initiative=initiative)
    client = signed_in(admin_user)
    response = client.post(f"/change-requests/{change.pk}/edit/", {"rationale": "Later."})
    assert response["Location"] == f"/change-requests/{change.pk}/"
    detail = Page.of(client.get(response["Location"]))
    assert "Only a draft can be changed: this request is consulting partners." in detail.text()
    assert "Change this draft" not in detail.text()
    change.refresh_from_db()
    assert change.rationale == "The supplier cannot start until the summer."


def test_the_draft_s_page_links_to_its_form(
    org: Organisation, reviewer: User, admin_user: User, initiative: Initiative
) -> None:
    change = proposed_change(org, admin_user, initiative=initiative)
    page = Page.of(signed_in(reviewer).get(f"/change-requests/{change.pk}/"))
    assert page.tree.xpath("//a[normalize-space()='Change this draft']/@href") == [
        f"/change-requests/{change.pk}/edit/"
    ]


@pytest.mark.parametrize("who", ["viewer", "lead", "partner_contact"])
def test_only_administrators_and_reviewers_may_change_a_draft(
    who: str,
    request: pytest.FixtureRequest,
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
) -> None:
    change = proposed_change(org, admin_user, initiative=initiative)
    client = signed_in(request.getfixturevalue(who))
    assert client.get(f"/change-requests/{change.pk}/edit/").status_code == 403
    assert client.post(f"/change-requests/{change.pk}/edit/", {}).status_code == 403
    change.refresh_from_db()
    assert change.rationale == "The supplier cannot start until the summer."
