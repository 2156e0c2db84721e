"""Every page passes axe-core's WCAG 2.2 A and AA rules, works from the keyboard, and reflows
at 400% zoom: what the accessibility statement says we test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from headway.accounts.models import User
from headway.strategy.models import Initiative, Organisation, Service
from tests.browsers import axe_violations
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    PriorityFactory,
    StrategyEventFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def initiative(org: Organisation, service: Service, partner: Any) -> Initiative:
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    priority = PriorityFactory.create(strategy=strategy, number=1, title="Value for money")
    initiative = InitiativeFactory.create(
        organisation=org,
        service=service,
        title="Replace the payroll system",
        priorities=[priority],
        partners=[partner],
        is_key_project=True,
    )
    InitiativeFactory.create(organisation=org, service=service, title="Unprioritised work")
    MilestoneFactory.create(initiative=initiative, forecast=dt.date(2021, 12, 1))
    UpdateFactory.create(
        initiative=initiative,
        status=status_value(org, "amber"),
        narrative="Design agreed.\n\nBuild started.",
        risks="Supplier capacity.",
    )
    return initiative


def _sign_in(page: Any, live_server: Any, username: str) -> None:
    browser_sign_in(page, live_server.url, username, PASSWORD)


def _pages(live_server: Any, initiative: Initiative) -> list[str]:
    return [
        f"{live_server.url}/",
        f"{live_server.url}/?kind=bau",
        f"{live_server.url}/?service=0",
        f"{live_server.url}/?priority=none&rating=red",
        f"{live_server.url}/initiatives/{initiative.pk}/",
        f"{live_server.url}/strategy/",
        f"{live_server.url}/accessibility/",
        f"{live_server.url}/no-such-page/",
    ]


def test_signed_out_pages_pass_axe(page, live_server, axe_source, viewer):
    for path in ["/accounts/login/", "/accounts/password/reset/", "/accessibility/"]:
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page, axe_source) == [], path
    # The sign-in page with its error summary.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(".govuk-error-summary")
    assert axe_violations(page, axe_source) == []


def test_a_member_s_pages_pass_axe(page, live_server, axe_source, viewer, initiative):
    _sign_in(page, live_server, "viewer")
    for url in _pages(live_server, initiative):
        page.goto(url)
        assert axe_violations(page, axe_source) == [], url


def test_the_pages_reflow_at_400_percent_zoom(page, live_server, viewer, initiative):
    """A 1280-pixel screen at 400% is 320 CSS pixels wide: nothing may need sideways scrolling,
    except inside a table's own scrolling box."""
    _sign_in(page, live_server, "viewer")
    page.set_viewport_size({"width": 320, "height": 640})
    for url in [*_pages(live_server, initiative), f"{live_server.url}/accounts/logout/"]:
        page.goto(url)
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], url


def test_a_wide_table_can_be_scrolled_from_the_keyboard(page, live_server, viewer, initiative):
    _sign_in(page, live_server, "viewer")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/")
    box = page.locator(".hw-table-scroll").first
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("!document.querySelector('.hw-table-scroll').hasAttribute('tabindex')")


def _focus_is_visible(page: Any) -> bool:
    return bool(
        page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return false;
              const style = getComputedStyle(el);
              const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
              const shadowed = style.boxShadow && style.boxShadow !== 'none';
              const highlighted = style.backgroundColor === 'rgb(255, 221, 0)';
              return outlined || shadowed || highlighted;
            }"""
        )
    )


def test_the_keyboard_reaches_everything_with_a_visible_focus(
    page, live_server, viewer: User, initiative
):
    _sign_in(page, live_server, "viewer")
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    reached: list[str] = []
    # Tab through the whole page, until the focus leaves it.
    while page.evaluate("document.activeElement !== document.body") and len(reached) < 200:
        assert _focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
        page.keyboard.press("Tab")
    assert reached[-1] == "Accessibility statement"
    for name in ["Headway", "Sign out", "Portfolio", "Apply filters", initiative.title]:
        assert any(name in text for text in reached), name


def test_the_skip_link_moves_to_the_main_content(page, live_server, viewer, initiative):
    _sign_in(page, live_server, "viewer")
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_the_strategy_pages_an_administrator_uses_pass_axe_and_reflow(
    page, live_server, axe_source, admin_user, initiative
):
    priority = initiative.priorities.get()
    event = StrategyEventFactory.create(strategy=priority.strategy)
    _sign_in(page, live_server, "admin")
    urls = [
        f"{live_server.url}/strategy/",
        f"{live_server.url}/strategy/events/add/",
        f"{live_server.url}/strategy/events/{event.pk}/",
        f"{live_server.url}/strategy/events/{event.pk}/remove/",
        f"{live_server.url}/strategy/priorities/{priority.pk}/",
        f"{live_server.url}/strategy/edit/",
    ]
    for url in urls:
        page.goto(url)
        assert axe_violations(page, axe_source) == [], url
    page.goto(f"{live_server.url}/strategy/events/add/")
    page.get_by_role("button", name="Add the event").click()
    page.wait_for_selector(".govuk-error-summary")
    assert axe_violations(page, axe_source) == []
    page.set_viewport_size({"width": 320, "height": 640})
    for url in urls:
        page.goto(url)
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], url
