"""A result's title has its matching words marked, as its snippet does, and is shown as text
whatever was typed into it: markup stays text, right-to-left words stay whole."""

from __future__ import annotations

from headway.accounts.models import User
from headway.search.finding import search
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, UpdateFactory
from tests.search.conftest import World, membership

SCRIPT_TITLE = '<script>alert("x")</script> Replace the kiosk'
# "Kiosk network" in Arabic and Hebrew, written right to left.
RTL_TITLE = "Kiosk شبكة الأكشاك רשת קיוסקים"


def _return_titled(world: World, title: str, narrative: str) -> None:
    initiative = InitiativeFactory.create(organisation=world.org, title=title)
    UpdateFactory.create(initiative=initiative, period=world.q3, narrative=narrative)


def test_the_title_s_matching_words_are_marked(world: World, admin_user: User) -> None:
    _return_titled(world, "Replace the kiosk", "The kiosk was replaced.")
    (hit,) = search(membership(admin_user), "kiosk").hits
    assert str(hit.marked_title).startswith("Replace the <mark>kiosk</mark>: ")
    assert hit.title.startswith("Replace the kiosk: ")
    assert "<mark>kiosk</mark>" in str(hit.snippet)


def test_a_title_that_matches_nothing_is_shown_unmarked(world: World, admin_user: User) -> None:
    _return_titled(world, "Replace the terminals", "The kiosk was replaced.")
    (hit,) = search(membership(admin_user), "kiosk").hits
    assert "<mark>" not in str(hit.marked_title)
    assert str(hit.marked_title).startswith("Replace the terminals: ")


def test_markup_in_a_title_is_shown_as_text_with_the_match_marked(
    world: World, admin_user: User
) -> None:
    _return_titled(world, SCRIPT_TITLE, "The kiosk was replaced.")
    html = signed_in(admin_user).get("/search/", {"q": "kiosk"}).content.decode()
    assert "<script>alert" not in html
    link = html.split('<h2 class="govuk-heading-s', 1)[1].split("</a>")[0]
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert f"{escaped} Replace the <mark>kiosk</mark>" in link


def test_right_to_left_words_in_a_title_stay_whole_beside_the_mark(
    world: World, admin_user: User
) -> None:
    _return_titled(world, RTL_TITLE, "The kiosk network was replaced.")
    (hit,) = search(membership(admin_user), "kiosk").hits
    assert str(hit.marked_title).startswith("<mark>Kiosk</mark> شبكة الأكشاك רשת קיוסקים: ")
