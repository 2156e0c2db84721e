"""The Branding page passes axe, with and without its errors, reflows at 400% zoom, and an
administrator can upload a logo from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from headway.strategy.models import Organisation
from tests.browsers import SCREENSHOTS, axe_violations
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD
from tests.strategy.test_branding_page import picture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_as_admin(page: Any, live_server: Any) -> None:
    browser_sign_in(page, live_server.url, "admin", PASSWORD)


def test_an_administrator_uploads_a_logo_on_an_accessible_page(
    page: Any,
    live_server: Any,
    axe_source: str,
    admin_user: Any,
    org: Organisation,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    _sign_in_as_admin(page, live_server)
    page.get_by_role("link", name="Settings").first.click()
    page.get_by_role("link", name="Branding").first.click()
    page.wait_for_url(f"{live_server.url}/organisation/branding/")
    assert axe_violations(page, axe_source) == []

    page.get_by_label("Colour of slide titles and table headings").fill("navy")
    page.get_by_role("button", name="Save branding").click()
    page.wait_for_selector(".govuk-error-summary")
    assert axe_violations(page, axe_source) == []
    page.set_viewport_size({"width": 320, "height": 640})
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "branding-320-error.png"), full_page=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Colour of slide titles and table headings").fill("#005a9c")
    logo = tmp_path / "crest.png"
    logo.write_bytes(picture())
    page.get_by_label("Logo").set_input_files(str(logo))
    page.get_by_role("button", name="Save branding").click()
    banner = page.locator(".govuk-notification-banner__heading")
    assert banner.inner_text() == "Branding saved: the next pack you generate uses it."
    page.screenshot(path=str(SCREENSHOTS / "branding-saved.png"), full_page=True)
    org.refresh_from_db()
    assert org.colour == "#005a9c"
    assert org.logo
