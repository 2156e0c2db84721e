"""Lists: a page at a time, filtered and ordered from the query string."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import World
from tests.factories import InitiativeFactory, UpdateFactory


@pytest.fixture(scope="module")
def admin(shared_world: World, django_db_blocker: Any) -> APIClient:
    with django_db_blocker.unblock():
        return shared_world.client("admin")


def titles(response: Any) -> list[str]:
    assert response.status_code == 200, response.json()
    return [item["title"] for item in response.json()["results"]]


def test_it_filters_initiatives(admin: APIClient, shared_world: World, db: None) -> None:
    service = shared_world.other_service.pk

    assert titles(admin.get(f"/api/v1/initiatives/?service={service}")) == ["Network refresh"]
    assert titles(admin.get("/api/v1/initiatives/?external_reference=FIN-001")) == [
        "Payroll system"
    ]
    assert titles(admin.get("/api/v1/initiatives/?search=debt")) == ["Debt recovery"]
    partner = shared_world.partner.pk
    assert titles(admin.get(f"/api/v1/initiatives/?partner={partner}")) == ["Payroll system"]


def test_it_orders_as_asked(admin: APIClient, db: None) -> None:
    assert titles(admin.get("/api/v1/initiatives/?ordering=-title")) == [
        "Payroll system",
        "Network refresh",
        "Debt recovery",
    ]


def test_a_bad_filter_says_what_to_send(admin: APIClient, db: None) -> None:
    response = admin.get("/api/v1/initiatives/?status=finished")

    assert response.status_code == 400
    assert "finished is not one of the available choices" in response.json()["errors"]["status"][0]


def test_it_filters_returns_to_those_you_may_edit(shared_world: World, db: None) -> None:
    lead = shared_world.client("lead")

    results = lead.get("/api/v1/updates/?editable=true&period_state=open").json()["results"]

    assert [item["id"] for item in results] == [shared_world.draft.pk]


def test_it_pages_lists_with_a_largest_page(shared_world: World, db: None) -> None:
    InitiativeFactory.create_batch(205, organisation=shared_world.org, service=shared_world.service)
    admin = shared_world.client("admin")

    first = admin.get("/api/v1/initiatives/").json()
    huge = admin.get("/api/v1/initiatives/?page_size=1000").json()
    last = admin.get("/api/v1/initiatives/?page_size=200&page=2").json()

    assert (first["count"], len(first["results"])) == (208, 50)
    assert "page=2" in first["next"]
    assert len(huge["results"]) == 200
    assert (len(last["results"]), last["next"]) == (8, None)


def test_a_page_past_the_end_is_404(admin: APIClient, db: None) -> None:
    response = admin.get("/api/v1/initiatives/?page=9")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_list_takes_a_fixed_number_of_queries(
    shared_world: World, db: None, django_assert_max_num_queries: Any
) -> None:
    InitiativeFactory.create_batch(20, organisation=shared_world.org, service=shared_world.service)
    admin = shared_world.client("admin")

    with django_assert_max_num_queries(12):
        assert admin.get("/api/v1/initiatives/?page_size=100").status_code == 200


def test_returns_and_changes_list_in_a_fixed_number_of_queries(
    shared_world: World, db: None, django_assert_max_num_queries: Any
) -> None:
    for initiative in InitiativeFactory.create_batch(
        15, organisation=shared_world.org, service=shared_world.service
    ):
        UpdateFactory.create(initiative=initiative, period=shared_world.period)
    admin = shared_world.client("admin")

    for url in ["/api/v1/updates/", "/api/v1/change-requests/", "/api/v1/reports/"]:
        with django_assert_max_num_queries(12):
            assert admin.get(url).status_code == 200
