"""Who reads which returns: those who write and review them read every one; partner
contacts and viewers read approved returns only, on the initiative's page and in the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import Membership, User
from headway.progress.models import ReportingPeriod, Update
from headway.progress.permissions import returns_visible_to
from headway.strategy.models import Initiative, Organisation, Service
from tests.api.conftest import token_client
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db

STATES = [state.value for state in Update.State]


@pytest.fixture
def period(org: Organisation) -> ReportingPeriod:
    return ReportingPeriodFactory.create(organisation=org)


@pytest.fixture
def returns(org: Organisation, service: Service, period: ReportingPeriod) -> dict[str, Update]:
    """One return in each state of review, each saying which it is."""
    made = {}
    for state in STATES:
        initiative = InitiativeFactory.create(organisation=org, service=service, title=state)
        made[state] = UpdateFactory.create(
            initiative=initiative,
            period=period,
            state=state,
            narrative=f"The {state} narrative.",
            review_comment=f"The reviewer's comment on the {state} return.",
        )
    return made


def _initiative_page(user: User, initiative: Initiative) -> str:
    response = signed_in(user).get(reverse("initiative", args=[initiative.pk]))
    assert response.status_code == 200
    return Page.of(response).text()


def _api_narratives(user: User) -> set[str]:
    found = token_client(user).get("/api/v1/updates/").json()["results"]
    return {row["narrative"] for row in found}


@pytest.mark.parametrize("role", ["partner_contact", "viewer"])
def test_partner_contacts_and_viewers_read_only_approved_returns_on_the_initiative_page(
    role: str, returns: dict[str, Update], request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)

    for state, update in returns.items():
        text = _initiative_page(user, update.initiative)
        assert (f"The {state} narrative." in text) == (state == Update.State.APPROVED), state


@pytest.mark.parametrize("role", ["partner_contact", "viewer"])
def test_partner_contacts_and_viewers_read_only_approved_returns_through_the_api(
    role: str, returns: dict[str, Update], request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    client = token_client(user)

    found = client.get("/api/v1/updates/").json()["results"]

    assert [row["id"] for row in found] == [returns["approved"].pk]
    for state in ("draft", "submitted", "returned"):
        assert client.get(f"/api/v1/updates/{returns[state].pk}/").status_code == 404


@pytest.mark.parametrize("role", ["admin_user", "reviewer", "lead"])
def test_those_who_write_and_review_returns_read_every_one(
    role: str, returns: dict[str, Update], request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)

    assert _api_narratives(user) == {f"The {state} narrative." for state in STATES}
    returned = returns["returned"]
    assert "The returned narrative." in _initiative_page(user, returned.initiative)


def test_a_viewer_who_owns_an_initiative_reads_its_returns_as_they_write_them(
    viewer: User, returns: dict[str, Update]
) -> None:
    draft = returns["draft"]
    Initiative.objects.filter(pk=draft.initiative_id).update(owner=viewer)

    assert "The draft narrative." in _initiative_page(viewer, draft.initiative)
    assert "The draft narrative." in _api_narratives(viewer)


def test_the_rule_keeps_to_the_members_organisation(
    outsider: User, returns: dict[str, Update]
) -> None:
    membership = Membership.objects.get(user=outsider)

    assert not returns_visible_to(membership).exists()
