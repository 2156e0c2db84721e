"""I want to make a token for my script, copy it, and revoke it when the script is retired:
the API tokens pages pass axe-core and reflow at 400% zoom."""

from __future__ import annotations

from typing import Any

import pytest

from headway.api.models import ApiToken
from tests.browsers import axe_violations
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, username: str) -> None:
    browser_sign_in(page, live_server.url, username, PASSWORD)


def assert_reflows(page: Any) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], page.url


def test_making_copying_and_revoking_a_token(page, live_server, axe_source, reviewer):
    sign_in(page, live_server, "reviewer")
    page.get_by_role("link", name="API tokens").click()
    assert axe_violations(page, axe_source) == []

    page.get_by_role("button", name="Make token").click()
    page.wait_for_selector(".govuk-error-summary")
    assert axe_violations(page, axe_source) == []

    page.get_by_label("Name").fill("Power BI refresh")
    page.get_by_role("button", name="Make token").click()
    secret = page.get_by_label("Your token").input_value()
    assert secret.startswith(ApiToken.objects.get().prefix)
    assert axe_violations(page, axe_source) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Back to your tokens").click()
    page.get_by_role("link", name="Revoke Power BI refresh").click()
    assert axe_violations(page, axe_source) == []
    page.get_by_role("button", name="Revoke token").click()
    assert "revoked: it no longer works" in page.locator(".govuk-notification-banner").inner_text()
    assert axe_violations(page, axe_source) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert_reflows(page)
    assert ApiToken.objects.get().revoked_at is not None
