"""The performance indicators' pages pass axe-core's WCAG 2.2 A and AA rules, with their
errors showing, and issue 19's journey: a lead enters a figure off target, sees the exception
note asked for and submits it; a reviewer approves it; the administrator generates the
quarter's pack, whose web page shows the figure, its status and its exception note."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from headway.indicators.models import Figure, Measure
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, Partner, Service
from tests.browsers import axe_violations, sign_in
from tests.conftest import PASSWORD
from tests.factories import (
    MeetingFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    StrategyFactory,
)
from tests.indicators.factories import FigureFactory, MeasureFactory, TargetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def measure(
    org: Organisation, service: Service, partner: Partner, other_partner: Partner
) -> Measure:
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    priority = PriorityFactory.create(strategy=strategy, number=1, title="Value for money")
    measure = MeasureFactory.create(
        organisation=org,
        service=service,
        priority=priority,
        reference="EXT-PI-01",
        name="Invoices paid within 30 days",
        definition="Undisputed invoices paid within 30 days of receipt.",
        partners=[partner, other_partner],
    )
    for council in (partner, other_partner, None):
        TargetFactory.create(
            measure=measure, partner=council, value=Decimal(95), tolerance=Decimal(2)
        )
    closed = ReportingPeriod.State.UPCOMING
    for number in (1, 2):
        period = ReportingPeriodFactory.create(
            organisation=org, year=2021, quarter=number, state=closed
        )
        FigureFactory.create(
            measure=measure, period=period, partner=partner, value=Decimal(94 + number)
        )
        FigureFactory.create(
            measure=measure,
            period=period,
            partner=other_partner,
            value=Decimal(90),
            exception_why="Vacancies.",
            exception_action="Agency staff.",
            exception_recovery="Q4",
        )
        FigureFactory.create(measure=measure, period=period, value=Decimal(93))
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    # The meeting that receives the quarter's report.
    MeetingFactory.create(committee__organisation=org, date=date(2022, 3, 11))
    return measure


def _sign_in(page: Any, live_server: Any, username: str) -> None:
    # Each lands on their own start page: a lead on their task list.
    sign_in(page, live_server.url, username, PASSWORD, then=None)


def test_the_measures_pages_pass_axe(page, live_server, axe_source, admin_user, measure):
    _sign_in(page, live_server, "admin")
    target = measure.targets.first()
    for path in [
        "/measures/",
        "/measures/?status=off_target",
        "/measures/?status=purple",
        f"/measures/{measure.pk}/",
        "/measures/add/",
        f"/measures/{measure.pk}/edit/",
        f"/measures/{measure.pk}/targets/add/",
        f"/measures/{measure.pk}/targets/{target.pk}/",
        f"/measures/{measure.pk}/targets/{target.pk}/remove/",
        "/import/",
        "/import/figures/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page, axe_source) == [], path
    # A form's errors.
    page.goto(f"{live_server.url}/measures/add/")
    page.get_by_role("button", name="Save measure").click()
    page.wait_for_selector(".govuk-error-summary")
    assert axe_violations(page, axe_source) == []


def test_a_figure_off_target_goes_from_the_lead_through_the_reviewer_into_the_pack(
    page, browser, live_server, axe_source, admin_user, lead, reviewer, partner, measure, tmp_path
):
    _sign_in(page, live_server, "lead")
    page.goto(f"{live_server.url}/returns/")
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="EXT-PI-01 Invoices paid within 30 days: North").click()
    assert axe_violations(page, axe_source) == []
    page.get_by_label("Figure for North").fill("91")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector(".govuk-error-summary")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The figure is off target (target 95.0%, tolerance 2.0%" in summary
    assert "say why it is off target" in summary
    assert axe_violations(page, axe_source) == []
    page.get_by_label("Why is it off target?").fill("Two vacancies in the payments team.")
    page.get_by_label("What is being done about it?").fill("Agency staff started in December.")
    page.get_by_label("When is it expected to be back on target?").fill("By the end of Q4")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(f"{live_server.url}/returns/")
    figure = Figure.objects.get(partner=partner, period__quarter=3)
    assert figure.state == "submitted"
    assert "has been sent for review" in page.locator(".govuk-notification-banner").inner_text()

    page = browser.new_context().new_page()
    _sign_in(page, live_server, "reviewer")
    page.goto(f"{live_server.url}/review/")
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="EXT-PI-01 Invoices paid within 30 days: North").click()
    assert axe_violations(page, axe_source) == []
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url(f"{live_server.url}/review/")
    figure.refresh_from_db()
    assert figure.state == "approved"
    page.goto(f"{live_server.url}/figures/{figure.pk}/correct/")
    page.get_by_role("button", name="Save correction").click()
    page.wait_for_selector(".govuk-error-summary")
    assert axe_violations(page, axe_source) == []
    page.goto(f"{live_server.url}/measures/{measure.pk}/")
    assert "Two vacancies in the payments team." in page.content()
    assert axe_violations(page, axe_source) == []

    page = browser.new_context().new_page()
    _sign_in(page, live_server, "admin")
    report_html = _generate_the_quarters_pack(page, live_server, axe_source, tmp_path)
    page.goto(report_html.as_uri())
    exception = _exception_report(page, "EXT-PI-01 Invoices paid within 30 days")
    assert "Off target in 2021-22 Q3 for North (91.0% against a target of 95.0%)" in exception
    note = page.locator("table", has=page.locator("caption", has_text="Exception note: EXT-PI-01"))
    assert note.locator("tbody tr").first.locator("th, td").all_inner_texts() == [
        "North",
        "Two vacancies in the payments team.",
        "Agency staff started in December.",
        "By the end of Q4",
    ]
    summary = page.locator(
        "table", has=page.locator("caption", has_text="Performance indicators for priority 1")
    )
    north = summary.locator("tbody tr", has=page.locator("th, td", has_text="North"))
    assert north.locator("th, td").all_inner_texts()[1:5] == [
        "North",
        "91.0%",
        "95.0%",
        "✗ Off target",
    ]


def _generate_the_quarters_pack(page: Any, live_server: Any, axe_source: str, saved: Path) -> Path:
    """As the administrator: open the quarter's report from the committee reports page,
    generate its pack, and download its web page (the pack's report.html)."""
    # Reports opens on the committee reports, for those who write them.
    page.get_by_role("navigation", name="Headway").get_by_role("link", name="Reports").click()
    page.get_by_label("Quarter").select_option(label="2021-22 Q3")
    page.get_by_role("button", name="Open the report").click()
    page.get_by_role("button", name="Generate pack").click()
    # The task worker builds the pack in the background; the page follows it.
    expect(page.get_by_role("heading", name="Downloads")).to_be_visible(timeout=60_000)
    assert axe_violations(page, axe_source) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Report (web page)").click()
    path = saved / "report.html"
    download.value.save_as(path)
    return path


def _exception_report(page: Any, measure: str) -> str:
    """The text of the measure's exception report in the pack's web page."""
    heading = page.get_by_role("heading", name=f"Exception report: {measure}")
    expect(heading.first).to_be_visible()
    return str(heading.first.locator("xpath=..").inner_text())
