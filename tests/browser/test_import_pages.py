"""An administrator imports a file in a real browser, and every page on the way (with and
without problems) passes axe-core and reflows at 400% zoom; so does the open data page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from headway.committee.models import Report
from headway.committee.snapshot import take_snapshot
from headway.strategy.models import Initiative
from tests.browsers import axe_violations
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD
from tests.dataio.files import initiative_row, xlsx
from tests.factories import (
    PriorityFactory,
    ReportFactory,
    ReportingPeriodFactory,
    StrategyFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def files(tmp_path: Path, org, service, partner) -> dict[str, Path]:
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    PriorityFactory.create(strategy=strategy, number=1, title="Value for money")
    good = tmp_path / "portfolio.xlsx"
    good.write_bytes(xlsx([initiative_row(f"FIN-{n}") for n in range(3)]))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([initiative_row("FIN-1", planned_end="31/02/2022", kind="Programme")]))
    return {"good": good, "bad": bad}


def _sign_in(page: Any, live_server: Any, username: str) -> None:
    browser_sign_in(page, live_server.url, username, PASSWORD)


def _check(page: Any, axe_source: str) -> None:
    assert axe_violations(page, axe_source) == [], page.url
    page.set_viewport_size({"width": 320, "height": 640})
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], page.url
    page.set_viewport_size({"width": 1280, "height": 900})


def _upload(page: Any, path: Path) -> None:
    page.get_by_label("The file").set_input_files(str(path))
    # The click returns when the upload starts: wait for the page it leads to.
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check the file").click()


def test_an_administrator_imports_a_file(page, live_server, axe_source, admin_user, files):
    _sign_in(page, live_server, "admin")
    # Importing is one of the settings an administrator keeps.
    page.get_by_role("navigation", name="Headway").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Import data").click()
    _check(page, axe_source)
    page.get_by_role("button", name="Import the portfolio").click()
    _check(page, axe_source)

    page.get_by_role("button", name="Upload and check the file").click()
    page.wait_for_selector(".govuk-error-summary")
    _check(page, axe_source)

    _upload(page, files["bad"])
    assert page.locator("h1").inner_text() == "The file cannot be imported"
    _check(page, axe_source)

    page.goto(f"{live_server.url}/import/portfolio/")
    _upload(page, files["good"])
    assert page.locator("h1").inner_text() == "Check the import"
    _check(page, axe_source)
    page.get_by_role("button", name="Import the file").click()
    page.wait_for_selector(".govuk-panel")
    _check(page, axe_source)
    assert Initiative.objects.count() == 3


def test_the_open_data_page_passes_axe(page, live_server, axe_source, org):
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    report = ReportFactory.create(meeting__committee__organisation=org, period=period)
    Report.objects.filter(pk=report.pk).update(
        snapshot=take_snapshot(period), state=Report.State.PUBLISHED
    )
    page.goto(f"{live_server.url}/published/{report.slug}/data/")
    _check(page, axe_source)
