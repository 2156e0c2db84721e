"""The Measure of issue 18: the quarter's end on the demo, from the dashboard of the open
2021-22 Q3 to the published report's public page, as the performance officer and a reviewer,
in Chromium, counting the screens each opens and the clicks each makes.

Targets: the officer sees at most 5 screens and makes at most 10 clicks; the reviewer makes
at most 2 clicks. A screen is a page of its own (the dashboard, the quarter's page, the close
screen ...): coming back to one already seen is a page load but not another screen, so the
test counts and prints page loads too. Typing is not counted; clicking into a box to type
in it is. At each point the quarter's page, read as the officer would, must say where every
step stands.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail

from headway.accounts.models import User
from headway.committee.models import Pack, Report
from headway.demo import load_demo
from headway.progress.models import ReportingPeriod
from tests.browser.cycle_pages import Browser, SignIn
from tests.browsers import SCREENSHOTS
from tests.conftest import PASSWORD, signed_in
from tests.pages import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICER_SCREENS = 5
OFFICER_CLICKS = 10
REVIEWER_CLICKS = 2

STEPS = (
    "Get the returns in",
    "Close the quarter",
    "Draft the report",
    "Get the report approved",
    "Generate the committee pack",
    "Publish the report",
)


@pytest.fixture
def demo_site(live_server: Any) -> Iterator[Any]:
    # The demo's people get the suite's password, which the shared sign-in helper types.
    load_demo(password=PASSWORD)
    yield live_server


@dataclass
class Counted:
    """One person's screens, page loads and clicks."""

    name: str
    tab: Browser
    clicks: int = 0
    loads: list[str] = field(default_factory=list)

    def start(self) -> None:
        """Count from here: the page open now is the first screen."""
        self.clicks = 0
        self.loads = [self.tab.page.url]
        self.tab.page.on("load", lambda page: self.loads.append(page.url))

    @property
    def screens(self) -> list[str]:
        seen: list[str] = []
        for url in self.loads:
            path = urlsplit(url).path
            if path not in seen:
                seen.append(path)
        return seen

    def click(self, name: str, role: str = "button") -> None:
        self.clicks += 1
        self.tab.click(name, role)

    def click_into(self, label: str, text: str) -> None:
        """Click into a box (a click), then type (keystrokes, not counted)."""
        self.clicks += 1
        box = self.tab.page.get_by_label(label)
        box.click()
        box.fill(text)

    def report(self) -> str:
        return (
            f"{self.name}: {len(self.screens)} screens ({', '.join(self.screens)}), "
            f"{len(self.loads)} page loads, {self.clicks} clicks"
        )


class TestTheQuarterEndsInFiveScreens:
    """As the performance officer, from the dashboard of the open Q3, I close the quarter
    (which drafts the report), ask for approval, and once a reviewer approves (which makes the
    pack) I publish it and open its public page, without having to know the order."""

    def test_from_the_dashboard_to_the_public_page(
        self, browser: Any, demo_site: Any, axe_source: str
    ) -> None:
        self.browser, self.site, self.axe = browser, demo_site.url, axe_source
        self.period = ReportingPeriod.objects.get(year=2021, quarter=3)
        self.report = Report.objects.get(period=self.period)
        self.officer = self.person("admin", then="/")
        self.officer_sees_the_next_step_on_the_dashboard()
        self.officer_opens_the_quarter_s_page()
        self.officer_closes_the_quarter_and_the_report_is_drafted()
        self.officer_asks_for_approval()

        self.reviewer = self.person("reviewer", then=None)
        self.reviewer_follows_the_email_and_approves()

        self.officer_looks_again_and_sees_the_pack_ready()
        self.officer_publishes()
        self.officer_opens_the_public_page()

        print()
        print(self.officer.report())
        print(self.reviewer.report())
        assert len(self.officer.screens) <= OFFICER_SCREENS, self.officer.report()
        assert self.officer.clicks <= OFFICER_CLICKS, self.officer.report()
        assert self.reviewer.clicks <= REVIEWER_CLICKS, self.reviewer.report()

        self.the_quarter_s_page_at_phone_and_desktop_widths()

    # People ----------------------------------------------------------------------------------

    def person(self, username: str, then: str | None) -> Counted:
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        tab = Browser(context.new_page(), self.site, self.axe)
        counted = Counted(username, tab)
        if then is not None:
            SignIn(tab).as_(username, then=then)
            counted.start()
        return counted

    # The quarter's page, as the officer would read it (not counted) -------------------------

    def steps_now(self) -> dict[str, str]:
        client = signed_in(User.objects.get(username="admin"))
        page = Page.of(client.get(f"/periods/{self.period.slug}/"))
        return statuses(page)

    def assert_steps(self, *expected: str) -> None:
        assert self.steps_now() == dict(zip(STEPS, expected, strict=True))

    def officer_page_steps(self) -> dict[str, str]:
        page = self.officer.tab.page
        result = {}
        for item in page.locator(".govuk-task-list__item").all():
            title = item.locator(".govuk-task-list__name-and-hint > :first-child").inner_text()
            result[" ".join(title.split())] = " ".join(
                item.locator(".govuk-task-list__status").inner_text().split()
            )
        return result

    def next_step_on_the_page(self) -> str:
        row = self.officer.tab.page.locator(".hw-task-list__item--next")
        return str(row.locator(".govuk-task-list__name-and-hint > :first-child").inner_text())

    # Steps -----------------------------------------------------------------------------------

    def officer_sees_the_next_step_on_the_dashboard(self) -> None:
        summary = self.officer.tab.text_of("#next-step-summary")
        assert summary.startswith("Next step: get the returns in (in progress).")
        self.assert_steps(
            "In progress",
            "Not yet started",
            "Cannot start yet",
            "Cannot start yet",
            "Cannot start yet",
            "Cannot start yet",
        )

    def officer_opens_the_quarter_s_page(self) -> None:
        self.officer.click("2021-22 Q3: from returns to a published report", role="link")
        assert self.officer_page_steps() == self.steps_now()
        assert self.next_step_on_the_page() == "Get the returns in"
        assert "overdue" in self.officer.tab.text_of("#step-returns")
        assert self.officer.tab.page.get_by_role("button", name="Chase everyone overdue")
        self.screenshots("open")

    def officer_closes_the_quarter_and_the_report_is_drafted(self) -> None:
        self.officer.click("Close the quarter", role="link")
        assert "only approved returns count in the figures" in self.officer.tab.text_of("main")
        assert "Closing redrafts the report for the" in self.officer.tab.text_of("#drafting")
        self.officer.click_into(
            "Reason for closing with returns not approved",
            "The committee papers are due: late returns are reported as not received.",
        )
        self.officer.click("Close the period anyway and draft the report")
        assert "2021-22 Q3 is closed." in self.officer.tab.success
        self.assert_steps(
            "Completed",
            "Completed",
            "Completed",
            "Not yet started",
            "Cannot start yet",
            "Cannot start yet",
        )
        assert self.officer_page_steps() == self.steps_now()
        assert self.next_step_on_the_page() == "Get the report approved"
        self.screenshots("closed")

    def officer_asks_for_approval(self) -> None:
        mail.outbox.clear()
        self.officer.click("Ask the reviewers to approve it")
        assert "to approve the report." in self.officer.tab.success
        self.assert_steps(
            "Completed",
            "Completed",
            "Completed",
            "In progress",
            "Cannot start yet",
            "Cannot start yet",
        )
        assert self.officer_page_steps() == self.steps_now()
        assert "With the reviewers since" in self.officer.tab.text_of("#step-approval")

    def reviewer_follows_the_email_and_approves(self) -> None:
        (email,) = [m for m in mail.outbox if m.to == ["reviewer@example.org"]]
        link = next(line for line in email.body.splitlines() if "/reports/" in line)
        # Following the email's link is the reviewer's first click; signing in is not counted.
        SignIn(self.reviewer.tab).as_("reviewer", then=urlsplit(link).path)
        self.reviewer.start()
        self.reviewer.clicks = 1
        assert "Status: Draft" in self.reviewer.tab.text_of("#report-status")
        self.reviewer.click("Approve the report")
        assert "The report is approved." in self.reviewer.tab.success
        self.assert_steps(
            "Completed",
            "Completed",
            "Completed",
            "Completed",
            "Completed",
            "Not yet started",
        )
        assert Pack.objects.get(report=self.report).state == Pack.State.DONE

    def officer_looks_again_and_sees_the_pack_ready(self) -> None:
        self.officer.tab.page.reload()
        self.officer.tab.check()
        assert self.officer_page_steps() == self.steps_now()
        assert self.next_step_on_the_page() == "Publish the report"

    def officer_publishes(self) -> None:
        self.officer.click("Publish the report", role="link")
        assert "Publishing makes these public" in self.officer.tab.text_of("main")
        self.officer.click("Publish the report")
        assert "The report is published" in self.officer.tab.success
        self.assert_steps(*["Completed"] * 6)
        assert self.officer_page_steps() == self.steps_now()
        address = self.officer.tab.text_of("#public-address")
        assert address == f"{self.site}/published/{self.report.slug}/"

    def officer_opens_the_public_page(self) -> None:
        self.officer.clicks += 1
        self.officer.tab.page.locator("#public-address").click()
        self.officer.tab.page.wait_for_load_state()
        assert self.officer.tab.page.url.endswith(f"/published/{self.report.slug}/")
        assert "Progress Report for Q3" in self.officer.tab.page.locator("h1").inner_text()

    def screenshots(self, state: str) -> None:
        """The quarter's page as the officer has it now, at a phone's width and a desktop's,
        in tabs of their own (not counted), saved under test-results/ to be looked at."""
        SCREENSHOTS.mkdir(exist_ok=True)
        signed_in = self.officer.tab.page.context.storage_state()
        for name, width in (("phone", 375), ("desktop", 1280)):
            context = self.browser.new_context(
                storage_state=signed_in, viewport={"width": width, "height": 900}
            )
            page = context.new_page()
            page.goto(f"{self.site}/periods/{self.period.slug}/")
            page.screenshot(
                path=str(SCREENSHOTS / f"quarter-page-{state}-{name}.png"), full_page=True
            )
            assert page.evaluate(WIDER_THAN_THE_WINDOW) == [], f"{state}, {name}"
            context.close()

    def the_quarter_s_page_at_phone_and_desktop_widths(self) -> None:
        page = self.officer.tab.page
        SCREENSHOTS.mkdir(exist_ok=True)
        for name, width in (("phone", 375), ("desktop", 1280)):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{self.site}/periods/{self.period.slug}/")
            page.screenshot(
                path=str(Path(SCREENSHOTS) / f"quarter-page-{name}.png"), full_page=True
            )
            # Nothing needs sideways scrolling but a table in its own box.
            wide = page.evaluate(WIDER_THAN_THE_WINDOW)
            assert wide == [], f"{name}: {wide}"


WIDER_THAN_THE_WINDOW = """() => [...document.querySelectorAll("main *")]
  .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter((e) => !e.closest(".hw-table-scroll"))
  .map((e) => `${e.tagName}.${e.className}#${e.id}`)
  .slice(0, 8)"""


def statuses(page: Page) -> dict[str, str]:
    """Each step's title and status, as the quarter's page lists them."""
    result = {}
    for item in page.tree.xpath("//li[contains(@class, 'govuk-task-list__item')]"):
        (title,) = item.xpath("./div[contains(@class, 'name-and-hint')]/*[1]")
        (status,) = item.xpath("./div[contains(@class, 'govuk-task-list__status')]")
        result[" ".join(title.text_content().split())] = " ".join(status.text_content().split())
    return result


def test_a_step_being_worked_on_shows_its_progress_on_the_quarter_s_page(
    page: Any, live_server: Any, axe_source: str, admin_user: User, org: Any, reviewer: User
) -> None:
    """The pack waits for the task worker: its row says so, with a progress bar the page's
    script keeps up to date, and the page still passes axe-core."""
    from headway.committee.drafting import approve_report, draft_report
    from headway.committee.packs import request_pack
    from headway.progress.models import PeriodEvent
    from tests.factories import ReportFactory, StrategyFactory

    StrategyFactory.create(organisation=org, first_year=2020, last_year=2022)
    report = ReportFactory.create(meeting__committee__organisation=org, period__state="closed")
    PeriodEvent.objects.create(period_id=report.period_id, kind="closed", by=admin_user)
    report = approve_report(draft_report(report), by=reviewer)
    request_pack(report)
    tab = Browser(page, live_server.url, axe_source)
    SignIn(tab).as_("admin", then=f"/periods/{report.period.slug}/")
    row = page.locator(".hw-task-list__item--next")
    assert "Generate the committee pack" in row.inner_text()
    assert "Waiting to start" in row.locator("#pack-step").inner_text()
    assert row.locator("progress").get_attribute("value") == "0"
