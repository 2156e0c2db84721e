"""The OpenAPI document and the docs page: complete, and working with no outside network."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.pages import Page

pytestmark = pytest.mark.django_db


def document() -> Any:
    response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_document_describes_every_resource_and_the_token() -> None:
    openapi = document()

    assert openapi["openapi"].startswith("3.")
    resources = {path.split("/")[3] for path in openapi["paths"]}
    assert resources == {
        "strategies",
        "priorities",
        "services",
        "partners",
        "initiatives",
        "milestones",
        "statuses",
        "periods",
        "updates",
        "change-requests",
        "consultations",
        "reports",
        "packs",
        "measures",
        "figures",
    }
    schemes = openapi["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearerAuth"]["description"],
    }


def test_every_operation_lists_its_refusals() -> None:
    for path, operations in document()["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            codes = set(operation["responses"])
            assert {"401", "403", "404"} <= codes, (method, path)
            if method in ("post", "patch"):
                assert "409" in codes, (method, path)


def test_the_docs_page_fetches_nothing_from_elsewhere() -> None:
    response = Client().get("/api/v1/docs/")

    page = Page.of(response)
    addresses = page.tree.xpath("//script/@src | //link/@href | //img/@src")
    assert response.status_code == 200
    assert page.tree.get("lang") == "en-GB"
    assert addresses, "the page should load Swagger UI"
    # Swagger UI's set-up script is the page's own file (no inline script: see headway/csp.py).
    [setup] = [address for address in addresses if address.startswith("/api/v1/docs/?")]
    script = Client().get(setup)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "https://" not in script.content.decode()
    for address in set(addresses) - {setup}:
        assert address.startswith("/static/"), address
        assert finders.find(address.removeprefix("/static/")), f"{address} is not served"
    assert "https://" not in response.content.decode()


def test_an_unknown_address_is_a_404_in_json() -> None:
    response = Client().get("/api/v1/returns/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "/api/v1/docs/" in response.json()["detail"]


def test_an_address_without_its_slash_says_so() -> None:
    response = Client().patch("/api/v1/updates/12", "{}", content_type="application/json")

    assert response.status_code == 404
    assert response.json()["detail"] == (
        "The API's addresses end with a slash: use /api/v1/updates/12/ instead."
    )
