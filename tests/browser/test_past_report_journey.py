"""The performance officer brings in a report presented before Headway was used, in Chromium,
with axe-core run on every page of the import."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from headway.committee.models import Report
from headway.demo import DEMO_PASSWORD, load_demo
from headway.strategy.models import StrategyEvent
from tests.browsers import axe_violations, sign_in
from tests.committee.past_reports import Q3_FILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server: Any) -> Iterator[Any]:
    load_demo()
    yield live_server


class TestImportAPastReport:
    """I upload the Q3 report's file, check what Headway read, decide the events it found,
    and get the report, read-only, beside the one Headway drafted, with its file."""

    def test_import_the_q3_report(self, page: Any, demo_site: Any, axe_source: str) -> None:
        self.page, self.site, self.axe = page, demo_site.url, axe_source
        self.sign_in("admin")
        self.open_the_import_page()
        self.upload_nothing_then_the_report()
        self.check_what_was_read()
        self.accept_an_event_without_its_date_then_decide()
        self.see_the_imported_report()

    def check(self) -> None:
        assert axe_violations(self.page, self.axe) == [], self.page.url

    def sign_in(self, username: str) -> None:
        sign_in(self.page, self.site, username, DEMO_PASSWORD)

    def open_the_import_page(self) -> None:
        # Reports opens on the committee reports, for those who write them.
        self.page.get_by_role("navigation", name="Headway").get_by_role(
            "link", name="Reports"
        ).click()
        self.page.get_by_role("link", name="Import a past report").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Import a past report")
        self.check()

    def upload_nothing_then_the_report(self) -> None:
        self.page.get_by_role("button", name="Upload and check the report").click()
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Choose the report's file"
        )
        self.check()
        self.page.get_by_label("The report's file").set_input_files(str(Q3_FILE))
        self.page.get_by_role("button", name="Upload and check the report").click()

    def check_what_was_read(self) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Check the past report")
        main = self.page.locator("main")
        expect(main).to_contain_text("It is your committee")
        expect(self.page.get_by_label("Subject heading")).to_have_value(
            "One Source Strategy 2020-23 Progress Report for Q3"
        )
        expect(self.page.get_by_label("Quarter the report covers")).to_have_value("2021-22 Q3")
        expect(main).to_contain_text("Event 2: Presented to committee, 7 February 2020")
        # The demo's history already has the presentation: it is proposed for rejection.
        expect(main).to_contain_text("The history already has this kind of event on this day")
        self.check()

    def event(self, number: int) -> Any:
        return self.page.locator(f"#event-{number}-card")

    def accept_an_event_without_its_date_then_decide(self) -> None:
        self.event(4).get_by_label("Accept").check()
        self.page.get_by_role("button", name="Import the report").click()
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Enter the date it happened, or reject the event"
        )
        self.check()
        for number in (3, 4, 5, 7, 8):
            self.event(number).get_by_label("Reject").check()
        self.event(6).get_by_label("What the history says").fill(
            "An update to the strategy was agreed at the Joint Committee on 30 April 2021."
        )
        self.page.get_by_role("button", name="Import the report").click()

    def see_the_imported_report(self) -> None:
        expect(self.page.locator(".govuk-notification-banner")).to_contain_text("has been imported")
        expect(self.page.locator("#report-status")).to_contain_text("Imported")
        download = self.page.get_by_role("link", name=re.compile("Download the original file"))
        expect(download).to_be_visible()
        expect(self.page.get_by_role("button", name="Approve the report")).to_have_count(0)
        self.check()
        imported = Report.objects.get(kind=Report.Kind.IMPORTED)
        assert imported.meeting.reports.count() == 2  # beside the draft Headway wrote
        assert StrategyEvent.objects.filter(
            kind="agreed", text__startswith="An update to the strategy was agreed"
        ).exists()
        self.page.get_by_role("navigation", name="Headway").get_by_role(
            "link", name="Reports"
        ).click()
        expect(self.page.locator("main")).to_contain_text("Imported")
        self.check()
