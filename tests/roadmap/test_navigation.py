"""The maps' own row of links (under the header's "Maps") leads each member to the maps, staff
to change requests and partner contacts to their consultations, and marks the page they are
on."""

from __future__ import annotations

import pytest

from headway.accounts.models import User
from tests.conftest import signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db
NAV = "//nav[@aria-label='Maps']//a"
ROADMAP_SECTIONS = ("Road map", "Priority map", "Change requests", "Consultations")


@pytest.mark.parametrize(
    ("who", "sections"),
    [
        ("viewer", ["Road map", "Priority map"]),
        ("lead", ["Road map", "Priority map"]),
        ("admin_user", ["Road map", "Priority map", "Change requests"]),
        ("reviewer", ["Road map", "Priority map", "Change requests"]),
        ("partner_contact", ["Road map", "Priority map", "Consultations"]),
    ],
)
def test_each_role_sees_its_sections(
    who: str, sections: list[str], request: pytest.FixtureRequest
) -> None:
    page = Page.of(signed_in(request.getfixturevalue(who)).get("/roadmap/2021-22/"))
    assert [s for s in page.texts(NAV) if s in ROADMAP_SECTIONS] == sections


def test_the_section_is_marked_on_its_pages(admin_user: User) -> None:
    client = signed_in(admin_user)
    for path, section in (
        ("/roadmap/2021-22/", "Road map"),
        ("/map-versions/", "Road map"),
        ("/priority-map/2021-23/", "Priority map"),
        ("/change-requests/new/", "Change requests"),
    ):
        page = Page.of(client.get(path))
        marked = page.tree.xpath(f"{NAV}[@aria-current]")
        assert [a.text_content().strip() for a in marked] == [section], path
