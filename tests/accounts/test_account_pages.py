"""Every allauth page a person can reach is in Headway's look, or not offered at all."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db


def _in_headway_s_look(page: Page) -> bool:
    return page.count("//header//a[text()='Headway']") == 1 and len(page.h1s) == 1


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_login", "Sign in to Headway"),
        ("account_reset_password", "Reset your password"),
        ("account_reset_password_done", "Check your email"),
        ("account_reset_password_from_key_done", "Your password has been changed"),
        ("account_signup", "You cannot create an account"),
        ("account_inactive", "Your account is switched off"),
    ],
)
def test_pages_for_everyone_are_in_headway_s_look(client, url_name, heading):
    page = Page.of(client.get(reverse(url_name)))
    assert _in_headway_s_look(page)
    assert page.h1s == [heading]


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_logout", "Sign out of Headway"),
        ("account_change_password", "Change your password"),
        ("account_reauthenticate", "Confirm it is you"),
        ("mfa_index", "Two-step sign-in"),
        ("mfa_activate_totp", "Set up an authenticator app"),
        ("mfa_add_webauthn", "Add a security key or passkey"),
        ("mfa_list_webauthn", "Your security keys and passkeys"),
    ],
)
def test_pages_for_people_signed_in_are_in_headway_s_look(viewer, url_name, heading):
    page = Page.of(signed_in(viewer).get(reverse(url_name)))
    assert _in_headway_s_look(page)
    assert page.h1s == [heading]


def test_someone_without_a_password_can_set_one(viewer):
    viewer.set_unusable_password()
    viewer.save()
    page = Page.of(signed_in(viewer).get(reverse("account_set_password")))
    assert page.h1s == ["Set a password"]


@pytest.mark.parametrize(
    "path", ["/accounts/email/", "/accounts/confirm-email/", "/accounts/confirm-email/abc/"]
)
def test_email_management_is_not_offered(viewer, path):
    assert signed_in(viewer).get(path).status_code == 404


def test_a_password_can_be_reset_by_email(client: Client, viewer):
    response = client.post(reverse("account_reset_password"), {"email": "viewer@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", str(mail.outbox[0].body)
    )
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    page = Page.of(form_page)
    assert page.h1s == ["Choose a new password"]
    action = page.tree.xpath("//main//form/@action")[0]
    new_password = "a brand new long password"
    done = client.post(action, {"password1": new_password, "password2": new_password}, follow=True)
    assert Page.of(done).h1s == ["Your password has been changed"]
    assert Client().login(username="viewer", password=new_password)


def test_a_used_or_wrong_reset_link_says_what_to_do(client):
    response = client.get("/accounts/password/reset/key/1-nonsense/")
    page = Page.of(response)
    assert page.h1s == ["This link no longer works"]
    assert "Ask for a new link" in page.links()


def test_a_weak_new_password_is_reported_next_to_the_field(viewer):
    client = signed_in(viewer)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "12345", "password2": "12345"},
    )
    page = Page.of(response)
    assert page.title.startswith("Error: ")
    links = page.links("//div[contains(@class, 'govuk-error-summary')]//a")
    assert set(links.values()) == {"#id_password1"}
    assert page.count("//input[@name='password1' and contains(@class, 'govuk-input--error')]")
