"""The performance officer records the strategy's history from its own page and sees the
committee report's background follow, in Chromium, with axe-core run on every page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from headway.committee.models import Meeting
from headway.demo import DEMO_PASSWORD, load_demo
from tests.browsers import axe_violations
from tests.browsers import sign_in as browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = (
    "The Joint Committee reviewed the strategy on 8 December 2021 and confirmed its five "
    "priorities for the rest of its life."
)


@pytest.fixture
def demo_site(live_server: Any) -> Iterator[Any]:
    load_demo()
    yield live_server


class TestTheStrategysHistory:
    """I record that the strategy was reviewed at a meeting, then redraft the report and see
    paragraph 1.3 change. I can correct or remove what I recorded, and look after the
    priorities, without Django admin."""

    def test_record_a_review_and_redraft_the_report(
        self, page: Any, demo_site: Any, axe_source: str
    ) -> None:
        self.page, self.site, self.axe = page, demo_site.url, axe_source
        self.sign_in("admin")
        self.read_paragraph_1_3_of_the_draft_report()
        self.open_the_strategy_page()
        self.add_an_event_with_mistakes_then_correct_them()
        self.see_it_in_the_history_with_its_meeting()
        self.look_at_the_pages_that_change_it()
        self.redraft_the_report_and_see_paragraph_1_3_change()

    # Steps -----------------------------------------------------------------------------

    def check(self) -> None:
        assert axe_violations(self.page, self.axe) == [], self.page.url

    def sign_in(self, username: str) -> None:
        browser_sign_in(self.page, self.site, username, DEMO_PASSWORD)

    def paragraph(self, number: str) -> Any:
        return self.page.locator(
            ".hw-paragraph",
            has=self.page.locator(
                ".hw-paragraph__number", has_text=re.compile(f"^{re.escape(number)}$")
            ),
        ).locator(".hw-paragraph__text")

    def open_the_q3_report(self) -> None:
        # Reports opens on the committee reports, for those who write them.
        self.page.get_by_role("navigation", name="Headway").get_by_role(
            "link", name="Reports"
        ).click()
        self.page.get_by_role("link", name=re.compile("2021-22 Q3 report")).click()

    def read_paragraph_1_3_of_the_draft_report(self) -> None:
        self.open_the_q3_report()
        self.before = self.paragraph("1.3").inner_text()
        assert "In reviewing the strategy in March and April 2021" in self.before
        assert NOTE not in self.before

    def open_the_strategy_page(self) -> None:
        self.page.get_by_role("navigation", name="Headway").get_by_role(
            "link", name="Portfolio"
        ).click()
        self.page.get_by_role("navigation", name="Portfolio").get_by_role(
            "link", name="Strategy"
        ).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            "One Source Strategy 2020-2023"
        )
        expect(self.page.locator("main")).to_contain_text("Customer-focused services")
        self.check()

    def add_an_event_with_mistakes_then_correct_them(self) -> None:
        self.page.get_by_role("button", name="Add an event").click()
        self.check()
        form = self.page.locator("main form")
        form.get_by_label("Day").fill("8")
        form.get_by_label("Month").fill("13")
        form.get_by_label("Year").fill("2021")
        self.page.get_by_role("button", name="Add the event").click()
        summary = self.page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Choose what happened to the strategy")
        expect(summary).to_contain_text("Enter what the report should say about it")
        self.check()
        # What was typed is still there to correct.
        expect(form.get_by_label("Day")).to_have_value("8")
        form.get_by_label("Month").fill("12")
        self.page.get_by_label("Reviewed").check()
        meeting = Meeting.objects.get(date=date(2021, 12, 8))
        self.page.get_by_label("At which committee meeting?").select_option(label=str(meeting))
        self.page.get_by_label("Note").fill(NOTE)
        self.page.get_by_role("button", name="Add the event").click()

    def see_it_in_the_history_with_its_meeting(self) -> None:
        expect(self.page.locator(".govuk-notification-banner")).to_contain_text(
            "Added “Reviewed” on 8 December 2021"
        )
        event = self.page.locator("li[id^=event-]", has_text="8 December 2021: Reviewed")
        expect(event).to_contain_text(NOTE)
        # The meeting links to its row on the committee's page, and the Q2 report published
        # at it to that report.
        meeting = str(Meeting.objects.get(date=date(2021, 12, 8)))
        expect(event.get_by_role("link", name=meeting, exact=True)).to_have_attribute(
            "href", re.compile(r"^/settings/committees/\d+/#meeting-\d+$")
        )
        expect(event.get_by_role("link", name=re.compile("^Published report"))).to_have_attribute(
            "href", re.compile("^/published/")
        )
        self.check()

    def look_at_the_pages_that_change_it(self) -> None:
        strategy = self.page.url.split("#")[0]
        for link in [
            "Change (8 December 2021: Reviewed)",
            "Remove (8 December 2021: Reviewed)",
            "Change (1. Customer-focused services)",
            "Retire (1. Customer-focused services)",
        ]:
            self.page.get_by_role("link", name=link, exact=True).click()
            self.check()
            self.page.goto(strategy)

    def redraft_the_report_and_see_paragraph_1_3_change(self) -> None:
        self.open_the_q3_report()
        self.page.get_by_role("button", name="Redraft from the latest figures").click()
        expect(self.page.locator(".govuk-notification-banner")).to_contain_text("redrafted")
        after = self.paragraph("1.3")
        expect(after).to_contain_text(NOTE)
        expect(after).to_contain_text("In reviewing the strategy in March and April 2021")
        self.check()
