"""Every error under /api/v1/ is an RFC 9457 problem (``application/problem+json``), whether
DRF answers it or Django does before DRF sees the request; the rest of the site keeps its
HTML error pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, RequestFactory
from rest_framework.exceptions import Throttled
from rest_framework.renderers import JSONRenderer

from headway import views
from headway.api.errors import exception_handler
from headway.api.views.strategy import StrategyViewSet
from tests.api.conftest import World

pytestmark = pytest.mark.django_db

MEMBERS = {"type", "title", "status", "detail", "code"}


def problem(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response's problem, after checking it is one, of this status and code."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = json.loads(response.content)
    assert set(body) >= MEMBERS
    assert body["type"] == f"urn:headway:problem:{code}"
    assert body["status"] == status
    assert body["code"] == code
    assert body["detail"]
    return body


def draft_url(world: World) -> str:
    return f"/api/v1/updates/{world.draft.pk}/"


def test_bad_fields_are_400_with_each_fields_messages(world: World) -> None:
    response = world.client("lead").patch(
        draft_url(world),
        {"expected_version": world.draft.version, "percent_complete": 120},
        format="json",
    )

    body = problem(response, 400, "invalid")
    assert body["title"] == "Bad Request"
    assert body["errors"] == {"percent_complete": ["Enter a percentage from 0 to 100."]}


def test_a_body_that_is_not_json_is_400(world: World) -> None:
    response = world.client("lead").generic(
        "PATCH", draft_url(world), "{not json", content_type="application/json"
    )

    body = problem(response, 400, "parse_error")
    assert body["errors"] == {"non_field_errors": [body["detail"]]}


@pytest.mark.parametrize("query", ["page_size=null", "page_size=0", "page=last", "page=1.5"])
def test_a_page_that_is_not_a_whole_number_is_400(world: World, query: str) -> None:
    response = world.client("viewer").get(f"/api/v1/initiatives/?{query}")

    body = problem(response, 400, "invalid")
    name = query.split("=")[0]
    assert body["errors"] == {name: ["Enter a whole number from 1."]}


def test_an_id_of_0_is_400_as_the_document_says(world: World) -> None:
    response = world.client("viewer").get("/api/v1/milestones/?initiative=0")

    body = problem(response, 400, "invalid")
    assert body["errors"]["initiative"] == [f"Enter a whole number from 1 to {2**63 - 1}."]
    document = json.loads(Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").content)
    parameters = document["paths"]["/api/v1/milestones/"]["get"]["parameters"]
    declared = {p["name"]: p["schema"] for p in parameters}
    assert declared["initiative"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert declared["page_size"]["minimum"] == 1


def test_no_token_is_401_with_the_challenge(world: World) -> None:
    response = world.client("anonymous").get("/api/v1/initiatives/")

    body = problem(response, 401, "not_authenticated")
    assert body["title"] == "Unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_role_that_may_not_is_403(world: World) -> None:
    response = world.client("viewer").post(
        "/api/v1/updates/", {"initiative": world.new_initiative.pk}, format="json"
    )

    body = problem(response, 403, "permission_denied")
    assert body["detail"].startswith("Only a lead")


def test_a_session_write_without_the_csrf_token_is_403(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["lead"])

    refused = client.patch(draft_url(world), {"narrative": "x"}, content_type="application/json")
    # Django's own CSRF check, before any API view: an address under /api/v1/ that is no view.
    elsewhere = client.post("/api/v1/nowhere/", {}, content_type="application/json")

    assert "CSRF" in problem(refused, 403, "permission_denied")["detail"]
    assert "X-CSRFToken" in problem(elsewhere, 403, "csrf_failed")["detail"]


def test_a_record_not_found_and_an_unknown_address_are_404(world: World) -> None:
    missing = world.client("viewer").get("/api/v1/initiatives/999999/")
    unknown = world.client("viewer").get("/api/v1/nowhere/")
    no_slash = world.client("viewer").get("/api/v1/initiatives")

    problem(missing, 404, "not_found")
    assert "/api/v1/docs/" in problem(unknown, 404, "not_found")["detail"]
    assert "end with a slash" in problem(no_slash, 404, "not_found")["detail"]


def test_a_method_the_address_does_not_take_is_405(world: World) -> None:
    response = world.client("lead").put(
        draft_url(world), {"expected_version": 1, "narrative": "x"}, format="json"
    )

    body = problem(response, 405, "method_not_allowed")
    assert body["title"] == "Method Not Allowed"


def test_asking_for_anything_but_json_is_406(world: World) -> None:
    response = world.client("viewer").get("/api/v1/initiatives/", HTTP_ACCEPT="text/html")

    problem(response, 406, "not_acceptable")


def test_a_save_over_someone_elses_is_409_with_what_they_changed(world: World) -> None:
    version = world.draft.version
    body = {"expected_version": version, "narrative": "First."}
    assert world.client("admin").patch(draft_url(world), body, format="json").status_code == 200

    response = world.client("lead").patch(draft_url(world), body, format="json")

    conflict = problem(response, 409, "edit_conflict")
    assert conflict["title"] == "Conflict"
    assert conflict["current_version"] == version + 1
    assert conflict["changes"][0]["after"] == "First."


def test_a_body_that_is_not_json_by_its_type_is_415(world: World) -> None:
    response = world.client("lead").generic(
        "PATCH", draft_url(world), "narrative=x", content_type="text/plain"
    )

    problem(response, 415, "unsupported_media_type")


def test_too_many_requests_is_429_with_when_to_try_again() -> None:
    # No view is throttled today; a throttle added later answers in the same shape.
    response = exception_handler(Throttled(wait=30), {})

    assert response is not None
    response.accepted_renderer = JSONRenderer()
    response.accepted_media_type = "application/json"
    response.renderer_context = {}  # type: ignore[attr-defined]
    response.render()
    body = problem(response, 429, "throttled")
    assert body["title"] == "Too Many Requests"
    assert response["Retry-After"] == "30"


def test_a_server_error_is_500(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(StrategyViewSet, "list", fails)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["viewer"])

    response = client.get("/api/v1/strategies/")

    body = problem(response, 500, "server_error")
    assert "a bug" not in body["detail"]


def test_the_rest_of_the_site_keeps_its_html_error_pages(world: World) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(world.users["viewer"])

    not_found = client.get("/nowhere/")
    failed = views.server_error(RequestFactory().get("/initiatives/"))

    assert not_found.status_code == 404
    assert not_found["Content-Type"].startswith("text/html")
    assert failed.status_code == 500
    assert failed["Content-Type"].startswith("text/html")


def test_the_document_gives_every_error_as_a_problem_and_each_patch_its_required_fields() -> None:
    document = json.loads(Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").content)
    schemas = document["components"]["schemas"]

    for path, operations in document["paths"].items():
        for operation in operations.values():
            for code, answer in operation["responses"].items():
                if int(code) >= 400:
                    assert list(answer["content"]) == ["application/problem+json"], (path, code)
    problem_400 = document["paths"]["/api/v1/initiatives/"]["get"]["responses"]["400"]
    reference = problem_400["content"]["application/problem+json"]["schema"]["$ref"]
    assert {"type", "title", "status", "detail", "code", "errors"} <= set(
        schemas[reference.split("/")[-1]]["properties"]
    )

    def required(path: str) -> list[str]:
        body = document["paths"][path]["patch"]["requestBody"]["content"]["application/json"]
        return list(schemas[body["schema"]["$ref"].split("/")[-1]].get("required", []))

    assert required("/api/v1/updates/{id}/") == ["expected_version"]
    assert required("/api/v1/change-requests/{id}/") == ["rationale"]
