"""Every reading endpoint for every role, on one world shared by the module."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from tests.api.conftest import World
from tests.api.endpoints import CALLERS, CASES, MEMBERS, PUBLIC, READS, Case, call, check


@pytest.fixture(scope="module")
def clients(shared_world: World, django_db_blocker: Any) -> dict[str, APIClient]:
    """One token per caller for the module."""
    with django_db_blocker.unblock():
        return {caller: shared_world.client(caller) for caller in CALLERS}


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("case", READS, ids=[case.id for case in READS])
def test_each_reading_endpoint_lets_in_only_its_roles(
    case: Case, caller: str, shared_world: World, clients: dict[str, APIClient], db: None
) -> None:
    check(call(clients[caller], case, shared_world), case, caller)


@pytest.mark.parametrize("path", PUBLIC)
@pytest.mark.parametrize("caller", CALLERS)
def test_the_schema_and_docs_are_public(
    path: str, caller: str, clients: dict[str, APIClient], db: None
) -> None:
    assert clients[caller].get(path).status_code == 200


def _api_routes() -> set[tuple[str, str]]:
    """Every (URL name, method) the API answers, read from the URL configuration."""
    api = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    )
    routes: set[tuple[str, str]] = set()

    def walk(patterns: list[Any]) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                for method in getattr(pattern.callback, "actions", None) or {}:
                    if method != "head":  # HEAD is GET without the body.
                        routes.add((pattern.name or "", method.upper()))

    walk(api.url_patterns)
    return routes


def test_every_endpoint_is_in_the_table() -> None:
    tested = {(case.route, case.method) for case in CASES}

    assert _api_routes() - tested == set()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_url_declares_the_roles_it_lets_in(case: Case, shared_world: World, db: None) -> None:
    """The permission test reads ``access`` from each URL's view function."""
    api = get_resolver().resolve(case.path(shared_world))
    declared = api.func.access_by_method[case.method]  # type: ignore[attr-defined]
    let_in = {MEMBERS[caller] for caller, code in case.allowed.items() if code < 300}

    assert let_in <= set(declared)
    if case.method == "GET":
        assert set(api.func.access) == set(declared)  # type: ignore[attr-defined]
