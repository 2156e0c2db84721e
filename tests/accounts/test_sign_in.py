from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, signed_in
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, login: str, password: str, next_url: str = "") -> Any:
    path = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(path, {"login": login, "password": password})


def test_the_sign_in_page_asks_for_a_username_and_password(client):
    page = Page.of(client.get(reverse("account_login")))
    assert page.h1s == ["Sign in to Headway"]
    assert page.title == titled("Sign in")
    assert page.texts("//label") == ["Username or email address", "Password"]
    assert page.count("//input[@name='csrfmiddlewaretoken']") == 1


def test_it_signs_in_with_a_username_and_password(client, viewer):
    response = _sign_in(client, "viewer", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get(reverse("portfolio")).status_code == 200


def test_it_signs_in_with_an_email_address(client, viewer):
    response = _sign_in(client, "viewer@example.org", PASSWORD)
    assert response.status_code == 302


def test_it_returns_to_the_page_that_was_asked_for(client, viewer):
    response = _sign_in(client, "viewer", PASSWORD, next_url="/accessibility/")
    assert response["Location"] == "/accessibility/"


def test_a_wrong_password_shows_the_error_summary(client, viewer):
    response = _sign_in(client, "viewer", "not the password")
    assert response.status_code == 200
    page = Page.of(response)
    assert page.title == titled("Error: Sign in")
    summary = "//div[contains(@class, 'govuk-error-summary')]"
    assert page.texts(f"{summary}//h2") == ["There is a problem"]
    assert page.links(f"{summary}//a") == {
        "Enter a correct username or email address and password": "#id_password"
    }
    # The same message next to the field it links to, and the username kept.
    assert page.texts("//p[contains(@class, 'govuk-error-message')]") == [
        "Error: Enter a correct username or email address and password"
    ]
    assert page.tree.xpath("//input[@name='login']/@value") == ["viewer"]
    assert client.get(reverse("portfolio")).status_code == 302


def test_empty_fields_are_each_reported(client):
    page = Page.of(_sign_in(client, "", ""))
    summary = page.tree.xpath("//div[contains(@class, 'govuk-error-summary')]//a")
    assert [(a.text_content(), a.get("href")) for a in summary] == [
        ("Enter your username or email address", "#id_login"),
        ("Enter your password", "#id_password"),
    ]


def test_an_inactive_account_cannot_sign_in(client, viewer):
    viewer.is_active = False
    viewer.save()
    response = _sign_in(client, "viewer", PASSWORD)
    assert response["Location"] == reverse("account_inactive")
    assert client.get(reverse("portfolio")).status_code == 302


def test_signing_out_takes_a_post_and_says_so(viewer):
    client = signed_in(viewer)
    response = client.post(reverse("account_logout"), follow=True)
    page = Page.of(response)
    assert page.h1s == ["Sign in to Headway"]
    assert "You have signed out." in page.text()
    assert client.get(reverse("portfolio")).status_code == 302


def test_the_header_s_sign_out_button_posts_with_csrf(viewer):
    page = Page.of(signed_in(viewer).get(reverse("portfolio")))
    form = page.tree.xpath("//header//form")[0]
    assert form.get("method") == "post"
    assert form.get("action") == reverse("account_logout")
    assert form.xpath(".//input[@name='csrfmiddlewaretoken']")
    assert form.xpath("string(.//button)").strip() == "Sign out"


def test_staff_sign_in_to_the_admin_on_the_same_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    followed = client.get(response["Location"])
    assert followed.status_code == 302
    assert followed["Location"].startswith(reverse("account_login") + "?next=")


def test_nobody_can_sign_up(client):
    response = client.get(reverse("account_signup"))
    page = Page.of(response)
    assert page.h1s == ["You cannot create an account"]
    response = client.post(
        reverse("account_signup"),
        {"username": "new", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not Page.of(response).count("//input[@name='password1']")


def test_a_service_lead_lands_on_their_task_list(client, lead):
    response = _sign_in(client, "lead", PASSWORD)
    assert response["Location"] == reverse("progress:my_returns")


def test_a_service_lead_still_returns_to_the_page_that_was_asked_for(client, lead):
    response = _sign_in(client, "lead", PASSWORD, next_url=reverse("portfolio"))
    assert response["Location"] == reverse("portfolio")


@pytest.mark.parametrize("role", ["admin_user", "reviewer", "partner_contact", "viewer"])
def test_other_roles_land_on_the_home_page(client, role, request):
    user = request.getfixturevalue(role)
    response = _sign_in(client, user.username, PASSWORD)
    assert response["Location"] == "/"
