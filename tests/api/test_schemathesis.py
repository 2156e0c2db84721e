"""schemathesis against the OpenAPI document with every check it has (`--checks all`): no
server error; every response what the document says it is (status code, content type,
body, headers); every request the document allows accepted (positive data) and every one it
forbids refused (negative data); the bearer token required, for every operation; and then
the same along the document's links (stateful), a few short chains of calls.

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
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from headway.api.tokens import create_token
from headway.wsgi import application
from tests.api.conftest import World
from tests.api.endpoints import figure, measure

# The coverage phase tries every boundary of every parameter: over 1,500 requests. Examples
# and a few derandomised fuzzing cases per operation, valid and invalid, keep it quick.
CONFIG = schemathesis.Config.from_dict(
    {
        "phases": {"coverage": {"enabled": False}},
        "generation": {"mode": "all"},
        "checks": {"enabled": True},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, config=CONFIG)


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
        "measures": measure(world).pk,
        "figures": figure(world, approved=False).pk,
        "figures/correct": figure(world, approved=True).pk,
    }


def aim(case: Any, world: World) -> None:
    """Point a case's path at real records, unless the case is about a path the document
    forbids (negative data there must stay as generated, to be refused)."""
    path_mode = case.meta.components.get(ParameterLocation.PATH) if case.meta else None
    if path_mode is not None and path_mode.mode == GenerationMode.NEGATIVE:
        return
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

    # A write's body meets rules the document states in words, not in its schema (a
    # consultation closes after today, only a submitted return is approved, the examples
    # before this one have already moved the record on): a schema-valid body may rightly be
    # refused. Reads are described completely, so every schema-valid query must be accepted.
    excluded = [] if case.method == "GET" else [positive_data_acceptance]
    case.call_and_validate(headers=_headers(new.secret), excluded_checks=excluded)


def _headers(secret: str) -> dict[str, str]:
    # Schemathesis asks for gzip, as HTTP clients do, but its WSGI transport hands the body
    # over as sent: ask for it plain, so the check reads the JSON headway serve would inflate.
    return {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}


class Workflow(schema.as_state_machine()):  # type: ignore[misc]
    """Stateful: the document's links (a list's ids to its records, a return to its approval,
    a new change request to its consultation) followed in chains, checking every response."""

    token = ""

    def setup(self) -> None:
        # Each chain starts from the same records: hypothesis replays a chain and expects the
        # same lists and links, so what the chain before changed is undone (a savepoint in the
        # test's transaction, on the connection the WSGI app shares).
        self._chain = transaction.atomic()
        self._chain.__enter__()

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._chain.__exit__(None, None, None)

    def get_call_kwargs(self, case: Any) -> dict[str, Any]:
        return {"headers": _headers(self.token)}

    def validate_response(
        self,
        response: Any,
        case: Any,
        additional_checks: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        # As above: a write's body may rightly be refused by a rule the schema cannot state.
        excluded = [] if case.method == "GET" else [positive_data_acceptance]
        case.validate_response(
            response,
            headers=kwargs.get("headers"),
            additional_checks=additional_checks,
            excluded_checks=excluded,
            transport_kwargs=kwargs or None,
        )


def test_the_api_keeps_to_its_document_along_its_links(shared_world: World, db: None) -> None:
    # What the chains change is rolled back at the end of the test.
    admin = shared_world.users["admin"]
    Workflow.token = create_token(admin, shared_world.org, "schemathesis").secret
    Workflow.run(
        settings=settings(
            max_examples=30,
            stateful_step_count=5,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
