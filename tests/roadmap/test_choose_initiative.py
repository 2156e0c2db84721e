"""Choosing the initiative a change is about: the whole list when it is short, and words to
find one when the maps hold more than the page lists at once."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from headway.accounts.models import User
from headway.roadmap import choosing
from headway.roadmap.choosing import initiative_choices
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, ServiceFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db
ADDRESS = "/change-requests/new/reschedule/"


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> int:
    """Lists four at once, so that six initiatives are "too many" to list whole."""
    monkeypatch.setattr(choosing, "SHOWN", 4)
    return 4


@pytest.fixture
def six(org: Organisation, service: Service) -> list[Initiative]:
    legal = ServiceFactory.create(organisation=org, name="Legal and Governance")
    titles = ["Payroll upgrade", "Debt recovery", "Payroll audit", "Cloud migration", "Archive"]
    made = [
        InitiativeFactory.create(organisation=org, service=service, title=title) for title in titles
    ]
    made.append(
        InitiativeFactory.create(
            organisation=org, service=legal, title="Contracts register", external_reference="LEG-7"
        )
    )
    InitiativeFactory.create(
        organisation=org, service=service, title="Payroll closed", status="completed"
    )
    return made


def options(page: Page) -> list[str]:
    return page.texts("//select[@id='initiative']/option")[1:]


def test_a_short_list_is_shown_whole_without_a_search(
    admin_user: User, six: list[Initiative]
) -> None:
    page = Page.of(signed_in(admin_user).get(ADDRESS))
    assert len(options(page)) == 6
    assert page.count("//input[@name='q']") == 0
    assert "Payroll closed" not in page.text()  # off the maps


def test_a_long_list_shows_the_first_by_title_and_asks_for_words(
    admin_user: User, six: list[Initiative], shown: int
) -> None:
    page = Page.of(signed_in(admin_user).get(ADDRESS))
    assert page.count("//input[@name='q']") == 1
    assert "6 initiatives are on the maps. Find one by words" in page.text()
    assert options(page) == [
        "Archive (Finance)",
        "Cloud migration (Finance)",
        "Contracts register (Legal and Governance)",
        "Debt recovery (Finance)",
    ]
    assert "The first 4 by title: find the initiative by its words" in page.text()


@pytest.mark.parametrize(
    "words,found",
    [
        ("payroll", ["Payroll audit (Finance)", "Payroll upgrade (Finance)"]),
        ("PAYROLL  audit", ["Payroll audit (Finance)"]),
        ("legal", ["Contracts register (Legal and Governance)"]),
        ("leg-7", ["Contracts register (Legal and Governance)"]),
    ],
)
def test_words_find_by_title_service_or_reference(
    admin_user: User, six: list[Initiative], shown: int, words: str, found: list[str]
) -> None:
    page = Page.of(signed_in(admin_user).get(ADDRESS, {"q": words}))
    assert options(page) == found
    assert f"match “{' '.join(words.split())}”" in page.text().replace("matches", "match")


def test_words_that_match_nothing_say_so(
    admin_user: User, six: list[Initiative], shown: int
) -> None:
    page = Page.of(signed_in(admin_user).get(ADDRESS, {"q": "<b>nothing</b>"}))
    assert page.count("//select") == 0
    assert "No initiative on the maps matches “<b>nothing</b>”" in page.text()


def test_many_matches_are_listed_in_part(
    org: Organisation, six: list[Initiative], shown: int
) -> None:
    choices = initiative_choices(org, "finance")
    assert (len(choices.shown), choices.matching, choices.on_map) == (4, 5, 6)
    assert choices.left_out == 1


@pytest.mark.parametrize("words,queries", [("", 1), ("payroll", 2)])
def test_the_choices_cost_the_same_queries_however_many(
    org: Organisation,
    service: Service,
    django_assert_num_queries: DjangoAssertNumQueries,
    shown: int,
    words: str,
    queries: int,
) -> None:
    InitiativeFactory.create_batch(3, organisation=org, service=service, title="Payroll")
    with django_assert_num_queries(queries):
        initiative_choices(org, words)
    # Past the number shown, the matches are counted too.
    InitiativeFactory.create_batch(20, organisation=org, service=service, title="Payroll")
    with django_assert_num_queries(queries + 1):
        choices = initiative_choices(org, words)
    assert (len(choices.shown), choices.matching) == (shown, 23)


def test_words_that_match_nothing_can_be_changed_even_when_the_list_is_short(
    admin_user: User, six: list[Initiative]
) -> None:
    page = Page.of(signed_in(admin_user).get(ADDRESS, {"q": "zzzz"}))
    assert "No initiative on the maps matches “zzzz”" in page.text()
    assert page.count("//input[@name='q'][@value='zzzz']") == 1
