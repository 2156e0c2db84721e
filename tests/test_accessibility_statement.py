from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import signed_in
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db


def test_anyone_can_read_it_without_signing_in(client):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    page = Page.of(response)
    assert page.h1s == ["Accessibility statement for Headway"]
    assert page.title == titled("Accessibility statement")


def test_it_covers_what_the_regulations_ask_for(client):
    page = Page.of(client.get(reverse("accessibility")))
    for heading in [
        "Feedback and contact information",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Technical information about this service\N{RIGHT SINGLE QUOTATION MARK}s accessibility",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ]:
        assert heading in page.h2s
    text = page.text()
    assert "Web Content Accessibility Guidelines version 2.2 AA standard" in text
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "axe-core" in text
    assert "400% zoom" in text


def test_it_gives_the_address_to_report_problems_to(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@council.example"
    page = Page.of(client.get(reverse("accessibility")))
    assert page.links()["access@council.example"] == "mailto:access@council.example"


def test_it_names_the_member_s_organisation(viewer):
    page = Page.of(signed_in(viewer).get(reverse("accessibility")))
    assert "the service that Shared Service uses" in page.text()


def test_every_page_links_to_it(client):
    page = Page.of(client.get(reverse("account_login")))
    assert page.links("//footer//a")["Accessibility statement"] == reverse("accessibility")
