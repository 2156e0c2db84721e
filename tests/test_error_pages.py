from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied

from headway.accounts.access import current_membership
from tests.conftest import signed_in
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_in_headway_s_look(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = Page.of(response)
    assert page.h1s == ["Page not found"]
    assert page.title == titled("Page not found")


def test_the_server_error_page_needs_no_request():
    page = Page.of_html(render_to_string("500.html"))
    assert page.h1s == ["Sorry, there is a problem with Headway"]
    assert page.title == titled("Sorry, there is a problem with Headway")


def test_a_page_the_role_does_not_include_says_so(viewer):
    request = RequestFactory().get("/")
    request.user = viewer
    request.session = SessionStore()
    current_membership(request)
    page = Page.of(permission_denied(request, PermissionDenied()))
    assert page.h1s == ["You do not have permission to see this page"]
    assert "Your role in Shared Service does not include this page." in page.text()


def test_a_form_sent_without_its_csrf_token_is_explained(viewer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(viewer)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 403
    assert Page.of(response).h1s == ["Your form could not be sent"]


def test_error_pages_show_who_is_signed_in(viewer):
    page = Page.of(signed_in(viewer).get("/no-such-page/"))
    assert "Signed in as viewer" in page.text("//header")
