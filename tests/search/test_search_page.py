"""The search page: the box, the filters, the results with their matches marked."""

from __future__ import annotations

from django.db import connection

from headway.accounts.models import User
from tests.conftest import signed_in
from tests.search.conftest import World, add_paragraph


def test_it_shows_the_box_before_anything_is_searched(world: World, viewer: User) -> None:
    response = signed_in(viewer).get("/search/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="q"' in html and "result" not in html.split("</form>")[-1]


def test_it_lists_results_with_the_words_marked(world: World, partner_contact: User) -> None:
    html = signed_in(partner_contact).get("/search/", {"q": "pandemic"}).content.decode()
    assert "Showing 4 of 4 results" in html
    assert "<mark>pandemic</mark>" in html
    assert "draft sentence" not in html
    assert f'href="/published/{world.published.slug}/"' in html


def test_markup_typed_into_a_report_is_shown_as_text(world: World, admin_user: User) -> None:
    add_paragraph(world.drafted, "<img src=x onerror=alert(1)> savings found.")
    html = signed_in(admin_user).get("/search/", {"q": "savings"}).content.decode()
    assert "<img src=x" not in html
    assert "<mark>savings</mark>" in html
    if connection.vendor == "sqlite":
        assert "&lt;img src=x onerror=alert(1)&gt; <mark>savings</mark>" in html


def test_it_says_what_to_do_when_nothing_matches(world: World, admin_user: User) -> None:
    html = signed_in(admin_user).get("/search/", {"q": "zebra"}).content.decode()
    assert "Nothing matches “zebra”" in html


def test_it_asks_for_words_when_given_only_punctuation(world: World, admin_user: User) -> None:
    html = signed_in(admin_user).get("/search/", {"q": "?!"}).content.decode()
    assert "There is a problem" in html
    assert 'href="#q"' in html and "Enter the words to search for" in html


def test_a_filter_that_is_not_a_choice_is_explained(world: World, admin_user: User) -> None:
    html = signed_in(admin_user).get("/search/", {"q": "pandemic", "period": "1999"}).content
    assert "Select a period from the list" in html.decode()


def test_pages_of_results_keep_the_words_and_filters(world: World, admin_user: User) -> None:
    for n in range(25):
        add_paragraph(world.drafted, f"Paragraph {n} on recruitment.")
    html = signed_in(admin_user).get("/search/", {"q": "recruitment", "kind": "report"})
    assert "?q=recruitment&amp;kind=report&amp;page=2" in html.content.decode()
