"""The performance officer at the end of a quarter, in a real browser, with axe-core checking
every page: where the cycle stands, chasing a late owner, closing and reopening the period."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from headway.accounts.models import User
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, Service
from tests.browser.cycle_pages import Browser, Home, OverdueList, Period, SignIn
from tests.factories import (
    InitiativeFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def late_quarter(org: Organisation, service: Service, settings: Any) -> ReportingPeriod:
    """Deadline three days ago: one return approved, one submitted, two still to do."""
    today = timezone.localdate()
    quarter = Quarter.of(today - dt.timedelta(days=100))
    period = ReportingPeriodFactory.create(
        organisation=org,
        year=quarter.year,
        quarter=quarter.number,
        deadline=today - dt.timedelta(days=3),
    )
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    priority = PriorityFactory.create(strategy=strategy, number=1, title="Value for money")
    for title, state, status in (
        ("Payroll", "approved", "green"),
        ("Debt recovery", "submitted", "amber"),
        ("Audit plan", "draft", "green"),
        ("Expenses", "returned", "red"),
    ):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=org, service=service, title=title, priorities=[priority]
            ),
            period=period,
            state=state,
            status=status_value(org, status),
        )
    return period


class TestThePerformanceOfficerClosesTheQuarter:
    """As the performance officer I open Headway after the deadline and see where the
    quarter stands; I remind the late owner in one click; I close the period, giving a
    reason because returns are still outstanding; and I can reopen it, with a reason."""

    @pytest.fixture(autouse=True)
    def officer(
        self,
        page: Any,
        live_server: Any,
        axe_source: str,
        late_quarter: ReportingPeriod,
        admin_user: User,
        lead: User,
    ) -> None:
        self.tab = Browser(page, live_server.url, axe_source)
        self.period = late_quarter

    def test_the_quarter_is_chased_closed_and_reopened(self) -> None:
        self.sees_where_the_cycle_stands_on_the_home_page()
        self.reminds_the_late_owner_in_one_click()
        self.closes_the_period_with_a_reason()
        self.reopens_it_with_a_reason()

    def sees_where_the_cycle_stands_on_the_home_page(self) -> None:
        SignIn(self.tab).as_("admin", then="/")
        headline = "1 of 4 returns approved, 1 submitted, 2 outstanding (2 overdue)"
        assert headline in Home(self.tab).cycle
        dashboard = Home(self.tab).open_dashboard()
        assert headline in dashboard.headline

    def reminds_the_late_owner_in_one_click(self) -> None:
        overdue = OverdueList(self.tab)
        assert "Audit plan" in overdue.row_of("lead")
        assert "3" in overdue.row_of("lead")
        overdue.remind("lead")
        assert "Reminder sent to lead about 2 returns." in self.tab.success
        assert "Reminded today" in overdue.row_of("lead")
        assert [email.to for email in mail.outbox] == [["lead@example.org"]]

    def closes_the_period_with_a_reason(self) -> None:
        period = Period(self.tab).open(self.period.slug)
        period.close()
        assert self.tab.errors == [
            "3 returns are not yet approved. Approve or return them first, or give a reason "
            "for closing the period anyway."
        ]
        self.tab.page.get_by_label("Reason for closing with returns not approved").fill(
            "The committee papers are due; late returns will be reported as not received."
        )
        self.tab.click("Close the period anyway")
        assert f"{self.period.label} is closed." in self.tab.success
        assert "Closed with 3 returns not approved" in period.history

    def reopens_it_with_a_reason(self) -> None:
        period = Period(self.tab)
        period.reopen("Finance's return was approved in error.")
        assert f"{self.period.label} is open again." in self.tab.success
        assert "Finance's return was approved in error." in period.history


def test_the_cycle_pages_reflow_at_400_percent_zoom(
    page: Any, live_server: Any, axe_source: str, late_quarter: ReportingPeriod, admin_user: User
) -> None:
    """320 CSS pixels wide: nothing needs sideways scrolling but a table in its own box."""
    tab = Browser(page, live_server.url, axe_source)
    SignIn(tab).as_("admin", then="/")
    page.set_viewport_size({"width": 320, "height": 640})
    update = late_quarter.updates.get(initiative__title="Debt recovery")
    for path in (
        "/returns/",
        "/returns/?progress=returned&service=0",
        f"/returns/{update.pk}/",
        "/review/",
        "/review/?kind=bau",
        f"/review/{update.pk}/",
        "/dashboard/",
        "/periods/",
        f"/periods/{late_quarter.slug}/",
        f"/periods/{late_quarter.slug}/close/",
        "/periods/open/",
    ):
        tab.goto(path)
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], path
