"""What every page has: Headway's header and footer, one h1, a title, and nothing of GOV.UK's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from headway.accounts.models import User
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, UserFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(org: Organisation, service: Service) -> Initiative:
    return InitiativeFactory.create(organisation=org, service=service, title="Payroll")


def _pages(viewer: User, initiative: Initiative) -> dict[str, tuple[Client, str]]:
    anonymous = Client()
    member = signed_in(viewer)
    stranger = signed_in(UserFactory.create(username="stranger"))
    return {
        "Portfolio": (member, reverse("portfolio")),
        "Payroll": (member, reverse("initiative", args=[initiative.pk])),
        "Accessibility statement": (anonymous, reverse("accessibility")),
        "Sign in": (anonymous, reverse("account_login")),
        "Sign out": (member, reverse("account_logout")),
        "Reset your password": (anonymous, reverse("account_reset_password")),
        "Page not found": (member, "/nowhere/"),
        "You do not have access to Headway yet": (stranger, reverse("portfolio")),
    }


def test_every_page_has_one_h1_and_a_title_that_names_it(viewer, initiative):
    for name, (client, path) in _pages(viewer, initiative).items():
        page = Page.of(client.get(path))
        assert len(page.h1s) == 1, path
        assert page.title.startswith(name), (path, page.title)
        assert page.title.endswith("Headway"), path


def test_no_page_shows_gov_uk_or_the_crown(viewer, initiative):
    for client, path in _pages(viewer, initiative).values():
        html = client.get(path).content.decode()
        assert "GOV.UK" not in html, path
        assert "crown" not in html.lower(), path
        assert "nationalarchives" not in html, path
        assert "open-government-licence" not in html, path
        assert "GDS Transport" not in html, path


def test_every_page_has_a_skip_link_to_the_main_content(client):
    page = Page.of(client.get(reverse("account_login")))
    assert page.tree.xpath("//body/a[1]/@href") == ["#main-content"]
    assert page.count("//main[@id='main-content']") == 1


def test_pages_use_headway_s_icon_and_stylesheet(client):
    page = Page.of(client.get(reverse("account_login")))
    assert page.tree.xpath("//link[@rel='icon']/@href") == ["/static/headway/favicon.svg"]
    assert "/static/headway/headway.css" in page.tree.xpath("//link[@rel='stylesheet']/@href")
    assert page.tree.xpath("//script[@type='module']/@src") == ["/static/headway/headway.js"]


def test_the_header_names_headway_the_organisation_and_the_person(viewer):
    viewer.first_name, viewer.last_name = "Head of Finance", "(demo)"
    viewer.save()
    page = Page.of(signed_in(viewer).get(reverse("portfolio")))
    banner = "//header/div[contains(@class, 'hw-header')]"
    assert page.links(f"{banner}//a") == {"Headway": "/", "Two-step sign-in": "/accounts/2fa/"}
    header = page.text(banner)
    assert "Shared Service" in header
    assert "Signed in as Head of Finance (demo)" in header


def test_the_navigation_marks_the_area_and_the_page_you_are_in(viewer, initiative):
    def marked(page: Page, nav: str) -> list[tuple[str, str]]:
        links = page.tree.xpath(f"//nav[@aria-label='{nav}']//a[@aria-current]")
        return [(a.text_content().strip(), a.get("aria-current")) for a in links]

    client = signed_in(viewer)
    portfolio = Page.of(client.get(reverse("portfolio")))
    # The header marks the area; the row of its pages under the header marks the page.
    assert marked(portfolio, "Headway") == [("Portfolio", "true")]
    assert marked(portfolio, "Portfolio") == [("Portfolio", "page")]
    detail = Page.of(client.get(reverse("initiative", args=[initiative.pk])))
    assert marked(detail, "Headway") == [("Portfolio", "true")]
    assert marked(detail, "Portfolio") == [("Portfolio", "true")]


def test_visitors_who_are_not_members_get_no_navigation(client):
    page = Page.of(client.get(reverse("account_login")))
    assert page.count("//nav[@aria-label='Headway']") == 0
    assert page.count("//header//form") == 0


def test_the_footer_links_only_the_operator_to_the_admin(viewer):
    page = Page.of(signed_in(viewer).get(reverse("portfolio")))
    assert "Administration" not in page.links("//footer//a")
    viewer.is_staff = True
    viewer.save()
    page = Page.of(signed_in(viewer).get(reverse("portfolio")))
    assert "Administration" not in page.links("//footer//a")
    viewer.is_superuser = True
    viewer.save()
    page = Page.of(signed_in(viewer).get(reverse("portfolio")))
    assert page.links("//footer//a")["Administration"] == reverse("admin:index")


def test_the_footer_credits_the_organisation_not_the_crown(viewer):
    page = Page.of(signed_in(viewer).get(reverse("portfolio")))
    assert "© Shared Service" in page.text("//footer")
