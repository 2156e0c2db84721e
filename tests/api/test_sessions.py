"""The browser's session works with the API too, with Django's CSRF check on writes."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.conftest import World

pytestmark = pytest.mark.django_db


def test_a_signed_in_browser_reads_the_api(world: World) -> None:
    client = Client()
    client.force_login(world.users["viewer"])

    assert client.get("/api/v1/initiatives/").status_code == 200


def test_a_browser_write_needs_the_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["lead"])
    body = {"expected_version": world.draft.version, "narrative": "From the docs page."}
    url = f"/api/v1/updates/{world.draft.pk}/"

    refused = client.patch(url, body, content_type="application/json")
    client.get("/api/tokens/")  # Any page sets the CSRF cookie.
    token = client.cookies["csrftoken"].value
    accepted = client.patch(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 200


def test_a_session_acts_in_the_chosen_organisation(world: World) -> None:
    from headway.accounts.access import SESSION_KEY
    from tests.factories import MembershipFactory

    viewer = world.users["viewer"]
    MembershipFactory.create(user=viewer, organisation=world.other_org, role="viewer")
    client = Client()
    client.force_login(viewer)
    session = client.session
    session[SESSION_KEY] = world.other_org.pk
    session.save()

    assert client.get("/api/v1/initiatives/").json()["count"] == 0
