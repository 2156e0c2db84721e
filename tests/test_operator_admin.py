"""Django admin is the operator's: only superusers get in; members are refused plainly."""

from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db: None) -> User:
    return UserFactory.create(username="operator", is_staff=True, is_superuser=True)


def test_the_operator_opens_the_admin(operator):
    client = signed_in(operator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/strategy/strategy/").status_code == 200
    # Signing in again while signed in goes straight to it.
    assert client.get("/admin/login/")["Location"] == reverse("admin:index")


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/admin/progress/update/"])
def test_an_organisation_administrator_gets_a_plain_403(admin_user, path):
    response = signed_in(admin_user).get(path)
    assert response.status_code == 403
    assert Page.of(response).h1s == ["You do not have permission to see this page"]


def test_staff_who_are_not_superusers_are_refused_too(admin_user):
    admin_user.is_staff = True
    admin_user.save()
    assert signed_in(admin_user).get("/admin/").status_code == 403


def test_an_inactive_superuser_is_refused(operator):
    client = signed_in(operator)
    operator.is_active = False
    operator.save()
    # No longer signed in at all: sent to sign in.
    assert client.get("/admin/").status_code == 302
