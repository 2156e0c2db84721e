"""schemathesis against the OpenAPI document: no server error, and every response what the
document says it is (status code, content type, body), for every operation.

Requests go to the WSGI app in this process as an administrator with a token, with the
path's ids pointing at real records so the requests reach the rules, not only the 404s.
Bounded and derandomised: the same few examples every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from headway.api.tokens import create_token
from headway.wsgi import application
from tests.api.conftest import World

# The coverage phase tries every boundary of every parameter: over 1,500 requests. Examples
# and a few derandomised fuzzing cases per operation (valid and invalid) keep it quick.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, config=CONFIG)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def keep_the_tests_connection() -> Iterator[None]:
    """Call the WSGI app as Django's test client does: without closing the connection that
    holds the test's transaction at the start and end of each request (PostgreSQL would
    lose it; SQLite's in-memory database never closes)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def real_ids(world: World) -> dict[str, Any]:
    """For each resource, a record of the world to aim at."""
    return {
        "strategies": world.initiative.priorities.get().strategy_id,
        "priorities": world.initiative.priorities.get().pk,
        "services": world.service.pk,
        "partners": world.partner.pk,
        "initiatives": world.initiative.pk,
        "milestones": world.milestone.pk,
        "statuses": "green",
        "periods": world.period.pk,
        "updates": world.draft.pk,
        "updates/approve": world.submitted.pk,
        "updates/return": world.submitted.pk,
        "change-requests": world.draft_change.pk,
        "change-requests/decide": world.change.pk,
        "consultations": world.consultation.pk,
        "reports": world.published.pk,
        "packs": world.pack.pk,
    }


def aim(case: Any, world: World) -> None:
    parts = case.operation.path.removeprefix("/api/v1/").strip("/").split("/")
    ids = real_ids(world)
    target = ids.get(f"{parts[0]}/{parts[-1]}", ids.get(parts[0]))
    for name in ("id", "code"):
        if case.path_parameters and name in case.path_parameters and target is not None:
            case.path_parameters[name] = target
    if case.path_parameters and "name" in case.path_parameters:
        case.path_parameters["name"] = "report.pdf"


@schema.parametrize()
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_document(case: Any, shared_world: World, db: None) -> None:
    # What one operation's requests change is rolled back before the next operation's.
    new = create_token(shared_world.users["admin"], shared_world.org, "schemathesis")
    aim(case, shared_world)

    case.call_and_validate(headers={"Authorization": f"Bearer {new.secret}"}, checks=CHECKS)
