"""Headway's pages work in Chromium under their Content-Security-Policy: nothing is blocked.

Every browser test fails on a violation (tests/browsers.py listens for them); this one opens
the main pages and the API's docs, and shows that the listener does catch one.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from headway.accounts.models import User
from headway.csp import HEADER
from tests.browsers import CSP_VIOLATIONS
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_PAGES = [
    "/",
    "/strategy/",
    "/periods/",
    "/returns/",
    "/review/",
    "/dashboard/",
    "/reports/",
    "/published/",
    "/roadmap/",
    "/priority-map/",
    "/map-versions/",
    "/change-requests/",
    "/consultations/",
    "/import/",
    "/people/",
    "/settings/",
    "/organisation/branding/",
    "/organisation/changes/",
    "/api/tokens/",
    "/accessibility/",
    "/no-such-page/",
]


def _sign_in(page: Any, live_server: Any, username: str) -> None:
    browser_sign_in(page, live_server.url, username, PASSWORD)


def test_the_main_pages_run_with_nothing_blocked(
    page: Any, live_server: Any, admin_user: User
) -> None:
    _sign_in(page, live_server, admin_user.username)
    for path in MAIN_PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert "unsafe-inline" not in response.headers[HEADER.lower()], path
        # GOV.UK Frontend's inline line ran (allowed by its hash).
        expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
        page.wait_for_load_state("networkidle")
        assert CSP_VIOLATIONS == [], path


def test_the_api_docs_run_with_nothing_blocked(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.get_by_role("heading", name="Headway API")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert CSP_VIOLATIONS == []


def test_an_inline_style_or_script_is_blocked_and_caught(
    page: Any, live_server: Any, viewer: User
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")

    page.evaluate(
        """() => {
          document.body.insertAdjacentHTML("beforeend", '<p style="color: red">Injected</p>');
          const script = document.createElement("script");
          script.textContent = "document.title = 'Injected'";
          document.body.append(script);
        }"""
    )

    expect(page.get_by_text("Injected")).to_be_visible()
    assert page.title() != "Injected"
    page.wait_for_function("() => true")
    caught = list(CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()
    assert any("style-src-attr blocked inline" in line for line in caught), caught
    assert any("script-src-elem blocked inline" in line for line in caught), caught
