"""The API tokens page: make a token and see it once, list them, revoke one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.api.models import ApiToken
from headway.api.tokens import create_token
from headway.strategy.models import Organisation
from tests.conftest import signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db

URL = "/api/tokens/"


def test_it_is_named_api_tokens() -> None:
    assert reverse("api:tokens") == URL


@pytest.mark.parametrize("role", ["admin_user", "reviewer", "lead", "partner_contact", "viewer"])
def test_every_member_may_open_it(role: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(role)

    response = signed_in(user).get(URL)

    assert response.status_code == 200
    assert Page.of(response).h1s == ["API tokens"]


def test_it_sends_anonymous_visitors_to_sign_in(db: None) -> None:
    from django.test import Client

    response = Client().get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_shows_the_new_token_once(lead: User) -> None:
    client = signed_in(lead)

    made = client.post(URL, {"name": "Power BI refresh"})

    token = ApiToken.objects.get()
    page = Page.of(made)
    secret = page.tree.xpath("//input[@id='token']/@value")[0]
    assert secret.startswith(token.prefix)
    assert token.secret_hash and token.name == "Power BI refresh"
    assert "no-cache" in made["Cache-Control"] or "no-store" in made["Cache-Control"]
    listed = client.get(URL)
    assert secret not in listed.content.decode()
    assert "Power BI refresh" in Page.of(listed).text()


def test_it_asks_for_a_name(lead: User) -> None:
    response = signed_in(lead).post(URL, {"name": ""})

    page = Page.of(response)
    assert response.status_code == 400
    assert page.title.startswith("Error:")
    assert "Enter a name for the token" in page.text(
        "//div[contains(@class, 'govuk-error-summary')]"
    )
    assert not ApiToken.objects.exists()


def test_it_lists_only_your_own_tokens(viewer: User, reviewer: User, org: Organisation) -> None:
    create_token(viewer, org, "Viewer's script")
    create_token(reviewer, org, "Reviewer's script")

    text = Page.of(signed_in(viewer).get(URL)).text()

    assert "Viewer's script" in text
    assert "Reviewer's script" not in text
    assert "Never" in text


def test_it_revokes_a_token_after_asking(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Script")
    client = signed_in(viewer)
    revoke_url = reverse("api:token-revoke", args=[new.token.pk])

    asked = client.get(revoke_url)
    assert Page.of(asked).h1s == ["Revoke token “Script”?"]
    new.token.refresh_from_db()
    assert new.token.revoked_at is None

    done = client.post(revoke_url, follow=True)

    new.token.refresh_from_db()
    assert new.token.revoked_at is not None
    assert "revoked" in Page.of(done).text().lower()


def test_no_one_revokes_another_persons_token(
    viewer: User, reviewer: User, org: Organisation
) -> None:
    new = create_token(reviewer, org, "Script")

    response = signed_in(viewer).post(reverse("api:token-revoke", args=[new.token.pk]))

    assert response.status_code == 404
    new.token.refresh_from_db()
    assert new.token.revoked_at is None


def test_the_navigation_marks_api_tokens_as_here(reviewer: User) -> None:
    page = Page.of(signed_in(reviewer).get(URL))

    current = page.tree.xpath("//nav[@aria-label='Headway']//a[@aria-current]")
    assert [a.text_content().strip() for a in current] == ["API tokens"]


def test_each_token_has_a_link_to_revoke_it(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Power BI refresh")

    page = Page.of(signed_in(viewer).get(URL))

    assert page.links("//table//a") == {
        "Revoke Power BI refresh": reverse("api:token-revoke", args=[new.token.pk])
    }
    assert page.texts("//table//code") == [f"{new.token.prefix}…"]


def _nav(user: User) -> list[str]:
    page = Page.of(signed_in(user).get(reverse("portfolio")))
    return page.texts("//nav[@aria-label='Headway']//a")


@pytest.mark.parametrize("role", ["reviewer", "lead"])
def test_the_roles_that_make_tokens_see_the_link(role: str, request: pytest.FixtureRequest) -> None:
    assert "API tokens" in _nav(request.getfixturevalue(role))


def test_administrators_find_it_under_settings(admin_user: User) -> None:
    client = signed_in(admin_user)
    assert "API tokens" not in _nav(admin_user)
    assert "Settings" in _nav(admin_user)
    hub = Page.of(client.get(reverse("organisation:settings")))
    assert hub.links("//ul[@id='settings']//a")["API tokens"] == URL
    tokens = Page.of(client.get(URL))
    current = tokens.tree.xpath("//nav[@aria-label='Headway']//a[@aria-current]")
    assert [a.text_content().strip() for a in current] == ["Settings"]


@pytest.mark.parametrize("role", ["partner_contact", "viewer"])
def test_viewers_and_partner_contacts_see_no_link(
    role: str, request: pytest.FixtureRequest
) -> None:
    assert "API tokens" not in _nav(request.getfixturevalue(role))


@pytest.mark.parametrize("role", ["partner_contact", "viewer"])
def test_viewers_and_partner_contacts_cannot_make_a_token(
    role: str, request: pytest.FixtureRequest
) -> None:
    client = signed_in(request.getfixturevalue(role))

    page = Page.of(client.get(URL))
    refused = client.post(URL, {"name": "Power BI refresh"})

    assert page.tree.xpath("//button[normalize-space()='Make token']") == []
    assert "you do not make tokens yourself" in page.text()
    assert refused.status_code == 403
    assert not ApiToken.objects.exists()


def test_a_viewer_given_a_token_sees_the_link_to_revoke_it(viewer: User, org: Organisation) -> None:
    new = create_token(viewer, org, "Power BI refresh")  # as `headway token create` would

    assert "API tokens" in _nav(viewer)
    new.token.revoked_at = new.token.created_at
    new.token.save()
    assert "API tokens" not in _nav(viewer)
