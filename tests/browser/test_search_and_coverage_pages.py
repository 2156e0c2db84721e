"""The search and coverage pages pass axe-core's WCAG 2.2 A and AA rules and reflow at 400%
zoom, with results, with nothing found, and with their error messages."""

from __future__ import annotations

from typing import Any

import pytest

from headway.strategy.models import Organisation, Service
from tests.browsers import axe_violations, sign_in
from tests.conftest import PASSWORD
from tests.factories import InitiativeFactory, PriorityFactory, StrategyFactory, UpdateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portfolio(org: Organisation, service: Service) -> None:
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    priority = PriorityFactory.create(strategy=strategy, number=1, title="Value for money")
    PriorityFactory.create(strategy=strategy, number=2, title="Digital by default")
    initiative = InitiativeFactory.create(
        organisation=org, service=service, title="Replace the payroll system", priorities=[priority]
    )
    UpdateFactory.create(
        initiative=initiative,
        narrative="Design agreed; the <b>pandemic</b> delayed the build.",
        risks="Supplier capacity.",
    )


def _sign_in(page: Any, live_server: Any, username: str) -> None:
    sign_in(page, live_server.url, username, PASSWORD)


def test_the_search_and_coverage_pages_pass_axe_and_reflow(
    page, live_server, axe_source, admin_user, portfolio
):
    _sign_in(page, live_server, "admin")
    urls = [
        f"{live_server.url}/search/",
        f"{live_server.url}/search/?q=pandemic",
        f"{live_server.url}/search/?q=zebra&kind=return",
        f"{live_server.url}/search/?q=%3F%3F",
        f"{live_server.url}/search/?q=pandemic&service=nope",
        f"{live_server.url}/coverage/",
        f"{live_server.url}/dashboard/",
    ]
    for url in urls:
        page.goto(url)
        assert axe_violations(page, axe_source) == [], url
    page.set_viewport_size({"width": 320, "height": 640})
    for url in urls:
        page.goto(url)
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], url


def test_someone_searches_from_the_box_and_opens_a_result(page, live_server, viewer, portfolio):
    _sign_in(page, live_server, "viewer")
    page.get_by_role("link", name="Search").click()
    page.get_by_label("Words to search for").fill("delays")
    page.get_by_role("button", name="Search").click()
    result = page.locator(".hw-search-results li").first
    assert result.locator("mark").inner_text() == "delayed"
    assert "<b>" not in result.inner_html()
    result.get_by_role("link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Replace the payroll system"
