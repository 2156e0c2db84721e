"""Who reads which change requests and consultations, asked of one rule by the pages and the
API alike: administrators and reviewers read every one; a partner contact those their council
was consulted on; everyone the agreed ones, which the map versions page shows them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service
from tests.api.conftest import token_client
from tests.conftest import signed_in
from tests.factories import InitiativeFactory
from tests.pages import Page
from tests.roadmap.helpers import answer, opened_change, proposed_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes(
    org: Organisation,
    service: Service,
    priorities: list[Priority],
    partner: Partner,
    other_partner: Partner,
    initiative: Initiative,
    admin_user: User,
    reviewer: User,
    partner_contact: User,
    south_contact: User,
    closes_on: dt.date,
    today: dt.date,
) -> dict[str, ChangeRequest]:
    """An agreed change, one open with both councils, one open with South only, a draft."""

    def another(title: str, *partners: Partner) -> Initiative:
        return InitiativeFactory.create(
            organisation=org,
            service=service,
            title=title,
            priorities=[priorities[0]],
            partners=list(partners),
        )

    agreed = opened_change(org, admin_user, closes_on, initiative=initiative)
    answer(agreed, partner_contact, Consultation.Response.SUPPORTS)
    answer(agreed, south_contact, Consultation.Response.SUPPORTS)
    decide(agreed, ChangeRequest.State.AGREED, reviewer, today)
    both = another("Shared contact centre", partner, other_partner)
    south = another("South's own pensions", other_partner)
    return {
        "agreed": agreed,
        "both": opened_change(org, admin_user, closes_on, initiative=both),
        "south": opened_change(org, admin_user, closes_on, initiative=south),
        "draft": proposed_change(org, reviewer, initiative=another("Network refresh")),
    }


def _api(user: User, what: str) -> list[dict[str, object]]:
    response = token_client(user).get(f"/api/v1/{what}/", {"page_size": 100})
    assert response.status_code == 200
    results: list[dict[str, object]] = response.json()["results"]
    return results


def _api_changes(user: User) -> set[int]:
    return {int(str(row["id"])) for row in _api(user, "change-requests")}


def _api_consultations(user: User) -> set[int]:
    return {int(str(row["id"])) for row in _api(user, "consultations")}


def _ids(changes: dict[str, ChangeRequest], *names: str) -> set[int]:
    return {changes[name].pk for name in names}


def _consultations_of(changes: dict[str, ChangeRequest], *names: str) -> set[int]:
    return set(
        Consultation.objects.filter(change_request__in=_ids(changes, *names)).values_list(
            "pk", flat=True
        )
    )


@pytest.mark.parametrize("role", ["admin_user", "reviewer"])
def test_administrators_and_reviewers_read_every_change_on_the_pages_and_in_the_api(
    role: str, changes: dict[str, ChangeRequest], request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)

    listed = Page.of(signed_in(user).get(reverse("roadmap:change_requests")))

    assert _api_changes(user) == _ids(changes, *changes)
    assert listed.count("//main//table//tbody/tr") == len(changes)
    assert _api_consultations(user) == _consultations_of(changes, *changes)


def test_a_partner_contact_reads_the_changes_their_council_was_consulted_on_and_no_others(
    partner_contact: User, changes: dict[str, ChangeRequest]
) -> None:
    client = signed_in(partner_contact)
    page = Page.of(client.get(reverse("roadmap:consultations")))
    on_the_page = {
        Consultation.objects.get(pk=int(href.rstrip("/").rsplit("/", 1)[1])).change_request_id
        for href in page.tree.xpath("//main//a[contains(@href, '/consultations/')]/@href")
    }

    assert _api_changes(partner_contact) == _ids(changes, "agreed", "both") == on_the_page
    assert _api_consultations(partner_contact) == _consultations_of(changes, "agreed", "both")
    south = changes["south"].pk
    assert client.get(reverse("roadmap:change_request", args=[south])).status_code == 404
    assert token_client(partner_contact).get(f"/api/v1/change-requests/{south}/").status_code == 404


def test_the_other_council_s_contact_reads_their_own_consultations(
    south_contact: User, changes: dict[str, ChangeRequest]
) -> None:
    assert _api_changes(south_contact) == _ids(changes, "agreed", "both", "south")


@pytest.mark.parametrize("role", ["lead", "viewer"])
def test_service_leads_and_viewers_read_only_the_agreed_changes_the_map_versions_show(
    role: str, changes: dict[str, ChangeRequest], request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)

    compared = Page.of(signed_in(user).get("/map-versions/compare/?from=1&to=2")).text()

    assert _api_changes(user) == _ids(changes, "agreed")
    assert _api_consultations(user) == _consultations_of(changes, "agreed")
    assert changes["agreed"].rationale in compared
    both = changes["both"].pk
    assert token_client(user).get(f"/api/v1/change-requests/{both}/").status_code == 404
