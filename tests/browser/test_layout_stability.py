"""On a phone, signed-in pages do not jump as they load: the service navigation is laid out
collapsed from the first paint, not collapsed by the script afterwards (Lighthouse measured
a cumulative layout shift of 0.397 at 412 px)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.urls import reverse

from tests.browsers import LAYOUT_SHIFT_LIMIT, LayoutShifts
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 412, "height": 915}
SCRIPT_DELAY_SECONDS = 0.8


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2.625, is_mobile=True)
    page = context.new_page()
    # As on a slow mobile network: the page paints before GOV.UK Frontend's script arrives.
    page.route("**/govuk-frontend.min.js", _late)
    yield page
    context.close()


def _late(route: Any) -> None:
    time.sleep(SCRIPT_DELAY_SECONDS)
    route.continue_()


def _sign_in(phone: Any, live_server: Any, then: str) -> None:
    browser_sign_in(phone, live_server.url, "admin", PASSWORD, then=then)


def _settle(phone: Any) -> None:
    phone.wait_for_load_state("load")
    phone.wait_for_function("() => document.querySelector('[data-govuk-service-navigation-init]')")
    phone.wait_for_timeout(300)  # let the layout shifts be reported


@pytest.mark.parametrize("name", ["portfolio", "progress:dashboard"])
def test_a_signed_in_page_does_not_jump_on_a_phone(
    phone: Any, live_server: Any, admin_user: Any, pages_stay_still: LayoutShifts, name: str
) -> None:
    path = reverse(name)
    _sign_in(phone, live_server, path)
    _settle(phone)
    phone.reload()
    _settle(phone)

    assert pages_stay_still.of(f"{live_server.url}{path}") <= LAYOUT_SHIFT_LIMIT
    # Collapsed behind its Menu button, as GOV.UK Frontend leaves it.
    assert phone.get_by_role("button", name="Menu").is_visible()
    assert not phone.get_by_role("link", name="Portfolio").is_visible()


def test_the_navigation_still_opens_from_its_menu_button(
    phone: Any, live_server: Any, admin_user: Any
) -> None:
    _sign_in(phone, live_server, reverse("portfolio"))
    _settle(phone)

    phone.get_by_role("button", name="Menu").click()

    assert phone.get_by_role("link", name="Dashboard").is_visible()


def test_a_page_that_jumps_is_caught(
    phone: Any, live_server: Any, pages_stay_still: LayoutShifts
) -> None:
    """The recorder itself: a page that pushes its content down after painting is measured."""
    phone.goto(f"{live_server.url}/accessibility/")
    phone.wait_for_load_state("load")
    phone.evaluate(
        """() => {
          const block = document.createElement("div");
          block.style.height = "400px";
          document.body.prepend(block);
        }"""
    )
    phone.wait_for_timeout(300)

    jump = pages_stay_still.of(f"{live_server.url}/accessibility/")
    pages_stay_still.by_load.clear()  # measured on purpose: not a failure of this test
    assert jump > LAYOUT_SHIFT_LIMIT
