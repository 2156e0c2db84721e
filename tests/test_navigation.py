"""The navigation a busy officer finds their way by: a few areas in the header, the pages of
the area they are in under it, and every page of their role two clicks from anywhere."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from headway.accounts.models import User
from headway.api.tokens import may_see_tokens_page
from headway.navigation import AREAS
from tests.conftest import signed_in
from tests.pages import Page

ROLES = ["admin_user", "reviewer", "lead", "partner_contact", "viewer"]
HEADER = "//nav[@aria-label='Headway']//a"
# Most areas fit a 1280-pixel screen's header in one row.
MOST_AREAS = 7


def _links(page: Page, nav: str) -> dict[str, str]:
    return page.links(f"//nav[@aria-label='{nav}']//a")


def _reachable(client: Client) -> set[str]:
    """The addresses one or two clicks from the home page: the header's areas, and on each
    area's first page the row of its pages, or its list of pages (Settings)."""
    home = Page.of(client.get(reverse("portfolio")))
    found = set()
    for href in _links(home, "Headway").values():
        found.add(href)
        page = Page.of(client.get(href, follow=True))
        found.update(page.links("//nav[contains(@class, 'hw-area-nav')]//a").values())
        found.update(page.links("//ul[@id='settings']//a").values())
    return found


@pytest.mark.parametrize("role", ROLES)
def test_the_header_lists_a_few_areas(role: str, request: pytest.FixtureRequest) -> None:
    user: User = request.getfixturevalue(role)
    areas = Page.of(signed_in(user).get(reverse("portfolio"))).texts(HEADER)
    assert "Portfolio" in areas and "Search" in areas
    assert len(areas) <= MOST_AREAS, areas


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_role_is_two_clicks_away(
    role: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(role)
    membership = user.memberships.get()
    reachable = _reachable(signed_in(user))
    expected = {
        reverse(section.url_name)
        for area in AREAS
        for section in area.sections
        if section.shown_to(membership)
    }
    assert expected, role
    assert expected <= reachable, expected - reachable


def test_an_administrator_s_header_names_the_areas(admin_user: User) -> None:
    areas = Page.of(signed_in(admin_user).get(reverse("portfolio"))).texts(HEADER)
    assert areas == ["Portfolio", "Returns", "Maps", "Reports", "Measures", "Search", "Settings"]


def test_an_area_with_one_page_for_you_is_named_after_it(lead: User) -> None:
    areas = Page.of(signed_in(lead).get(reverse("portfolio"))).texts(HEADER)
    assert "Your updates" in areas and "Returns" not in areas
    assert "Published reports" in areas and "Reports" not in areas
    page = Page.of(signed_in(lead).get(reverse("progress:my_returns")))
    assert page.count("//nav[contains(@class, 'hw-area-nav')]") == 0


def test_the_returns_area_lists_its_pages_with_the_one_you_are_on(admin_user: User) -> None:
    page = Page.of(signed_in(admin_user).get(reverse("progress:review_queue")))
    assert list(_links(page, "Returns")) == ["Your updates", "Review", "Dashboard", "Periods"]
    current = page.tree.xpath("//nav[@aria-label='Returns']//a[@aria-current='page']")
    assert [a.text_content().strip() for a in current] == ["Review"]
    header = page.tree.xpath(f"{HEADER}[@aria-current]")
    assert [(a.text_content().strip(), a.get("aria-current")) for a in header] == [
        ("Returns", "true")
    ]


def test_a_settings_page_marks_settings_and_has_no_row(admin_user: User) -> None:
    page = Page.of(signed_in(admin_user).get(reverse("organisation:services")))
    header = page.tree.xpath(f"{HEADER}[@aria-current]")
    assert [a.text_content().strip() for a in header] == ["Settings"]
    assert page.count("//nav[contains(@class, 'hw-area-nav')]") == 0


def test_a_partner_contact_finds_consultations_under_maps(partner_contact: User) -> None:
    page = Page.of(signed_in(partner_contact).get(reverse("roadmap:consultations")))
    assert "Consultations" in _links(page, "Maps")
    assert not may_see_tokens_page(partner_contact.memberships.get())
    assert "API tokens" not in page.texts(HEADER)
