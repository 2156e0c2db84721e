from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db


def test_someone_without_a_membership_is_told_to_ask_for_access():
    user = UserFactory.create(username="newcomer", first_name="New", last_name="Starter")
    response = signed_in(user).get(reverse("portfolio"))
    assert response.status_code == 403
    page = Page.of(response)
    assert page.h1s == ["You do not have access to Headway yet"]
    assert page.title == titled("You do not have access to Headway yet")
    assert "Ask your performance team for access." in page.text()
    assert "New Starter" in page.text()


def test_they_can_still_sign_out():
    user = UserFactory.create(username="newcomer")
    page = Page.of(signed_in(user).get(reverse("portfolio")))
    assert page.texts("//header//button") == ["Sign out"]
