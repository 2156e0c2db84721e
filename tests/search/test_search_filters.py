"""Narrowing a search by kind, period, priority and service, and reading it a page at a
time."""

from __future__ import annotations

import pytest

from headway.accounts.models import User
from headway.search import finding
from headway.search.finding import PER_PAGE, search
from tests.factories import UpdateFactory
from tests.search.conftest import World, membership


def kinds(user: User, **query: str) -> list[str]:
    return sorted(hit.kind for hit in search(membership(user), "pandemic", query).hits)


def test_kind_keeps_one_kind(world: World, admin_user: User) -> None:
    assert kinds(admin_user, kind="return") == ["Return", "Return"]
    assert kinds(admin_user, kind="consultation") == ["Consultation answer"]


def test_period_keeps_what_is_about_that_quarter(world: World, admin_user: User) -> None:
    # The Q2 report and the Q2 return; the Q3 draft, return and the autumn's changes are Q3.
    assert kinds(admin_user, period="2021-22-Q2") == ["Report", "Return"]
    assert kinds(admin_user, period="2021-22-Q3") == [
        "Change request",
        "Consultation answer",
        "Organisational change",
        "Report",
        "Return",
    ]


def test_priority_keeps_what_concerns_its_initiatives(world: World, admin_user: User) -> None:
    assert kinds(admin_user, priority=str(world.money.pk)) == ["Return"]
    assert kinds(admin_user, priority=str(world.digital.pk)) == [
        "Change request",
        "Consultation answer",
        "Return",
    ]


def test_service_keeps_what_concerns_it(world: World, admin_user: User) -> None:
    assert kinds(admin_user, service=str(world.finance.pk)) == ["Return"]
    assert kinds(admin_user, service=str(world.ict.pk), kind="return") == ["Return"]


def test_a_choice_not_in_the_list_is_reported_not_applied(world: World, admin_user: User) -> None:
    results = search(membership(admin_user), "pandemic", {"service": "999999", "kind": "x"})
    assert [f.error for f in results.errors] == [
        "Select a kind from the list",
        "Select a service from the list",
    ]
    assert results.shown == 7


def test_results_come_a_page_at_a_time(world: World, admin_user: User) -> None:
    for year in range(2000, 2000 + PER_PAGE + 5):
        UpdateFactory.create(
            initiative=world.ledger,
            period__year=year,
            period__quarter=1,
            period__state="upcoming",
            narrative="Quarterly reconciliation done.",
        )
    first = search(membership(admin_user), "reconciliation", {})
    second = search(membership(admin_user), "reconciliation", {}, page="2")
    assert first.shown == PER_PAGE + 5
    assert (len(first.hits), len(second.hits)) == (PER_PAGE, 5)


def test_past_the_limit_the_latest_written_come_first(
    world: World, admin_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(finding, "MAX_RESULTS", 3)
    results = search(membership(admin_user), "pandemic")
    assert results.capped and results.shown == 3 and len(results.hits) == 3
    # The organisational change was written last.
    assert results.hits[0].kind == "Organisational change"
