"""The performance officer's end of quarter, from the draft report to its public address,
in Chromium, with axe-core run on every page on the way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from headway.committee.models import Pack, Report
from headway.demo import DEMO_PASSWORD, load_demo
from tests.browsers import axe_violations
from tests.browsers import sign_in as browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server: Any) -> Iterator[Any]:
    load_demo()
    yield live_server


class TestTheQuarterlyReport:
    """I open the draft Q3 report, change a sentence and move a paragraph; a reviewer returns
    it with a comment, then approves it; I generate the pack and download it; I publish it and
    send its address to the clerk; later I withdraw it, and its page says so."""

    def test_from_draft_to_public_address(
        self, page: Any, browser: Any, demo_site: Any, axe_source: str
    ) -> None:
        self.page, self.site, self.axe = page, demo_site.url, axe_source
        self.sign_in("admin")
        self.open_the_draft_q3_report()
        self.change_a_sentence_of_paragraph_2_1()
        self.move_paragraph_2_3_up()
        self.look_at_the_other_editing_pages()
        self.ask_for_approval()
        self.sign_out()

        self.sign_in("reviewer")
        self.open_the_draft_q3_report()
        self.return_it_with_comments()
        self.approve_it()
        self.sign_out()

        self.sign_in("admin")
        self.open_the_report()
        self.generate_the_pack_and_see_the_downloads()
        self.publish_it()
        self.read_it_at_its_public_address(browser)
        self.withdraw_it_and_see_its_page_say_so(browser)

    # Steps -----------------------------------------------------------------------------

    def check(self) -> None:
        assert axe_violations(self.page, self.axe) == [], self.page.url

    def sign_in(self, username: str) -> None:
        browser_sign_in(self.page, self.site, username, DEMO_PASSWORD)

    def sign_out(self) -> None:
        self.page.get_by_role("button", name="Sign out").click()

    def open_the_report(self) -> None:
        # Reports opens on the committee reports, for those who write them.
        self.page.get_by_role("navigation", name="Headway").get_by_role(
            "link", name="Reports"
        ).click()
        self.check()
        self.page.get_by_role("link", name=re.compile("2021-22 Q3 report")).click()

    def open_the_draft_q3_report(self) -> None:
        self.open_the_report()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            "One Source Strategy 2020-23 Progress Report for Q3"
        )
        expect(self.page.locator("#report-status")).to_contain_text("Status: Draft")
        self.check()

    def paragraph(self, number: str) -> Any:
        return self.page.locator(
            ".hw-paragraph",
            has=self.page.locator(
                ".hw-paragraph__number", has_text=re.compile(f"^{re.escape(number)}$")
            ),
        )

    def change_a_sentence_of_paragraph_2_1(self) -> None:
        self.page.get_by_role("link", name="Change paragraph 2.1", exact=True).click()
        self.check()
        box = self.page.get_by_label("The text of paragraph 2.1")
        box.fill("")
        self.page.get_by_role("button", name="Save the paragraph").click()
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Enter the paragraph's text"
        )
        self.check()
        box.fill("This quarter we kept every promise we made to the partner councils.")
        self.page.get_by_role("button", name="Save the paragraph").click()
        expect(self.paragraph("2.1")).to_contain_text("we kept every promise")
        expect(self.paragraph("2.1")).to_contain_text("Edited")
        self.check()

    def move_paragraph_2_3_up(self) -> None:
        moving = self.paragraph("2.3").locator(".hw-paragraph__text").inner_text()
        self.page.get_by_role("button", name="Move up paragraph 2.3").click()
        expect(self.paragraph("2.2").locator(".hw-paragraph__text")).to_have_text(moving)

    def look_at_the_other_editing_pages(self) -> None:
        report = self.page.url.split("#")[0]
        for link in ["Add a paragraph after paragraph 1.1", "Remove paragraph 1.1"]:
            self.page.get_by_role("link", name=link, exact=True).click()
            self.page.wait_for_url(lambda url, report=report: url.split("#")[0] != report)
            self.check()
            self.page.goto(report)
        self.page.get_by_role("link", name="Change the report details").click()
        self.page.get_by_label("Subject heading").fill("")
        self.page.get_by_role("button", name="Save the details").click()
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Enter the subject heading."
        )
        self.check()
        self.page.goto(report)

    def ask_for_approval(self) -> None:
        self.page.get_by_role("button", name="Ask for approval").click()
        expect(self.page.locator(".govuk-notification-banner")).to_contain_text(
            "to approve the report"
        )
        self.check()

    def return_it_with_comments(self) -> None:
        self.page.get_by_role("link", name="Return with comments").click()
        self.page.get_by_role("button", name="Return the report").click()
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Say what needs to change"
        )
        self.check()
        self.page.get_by_label("What needs to change").fill(
            "Say which council paragraph 2.1 means."
        )
        self.page.get_by_role("button", name="Return the report").click()
        expect(self.page.locator("#review-comments")).to_contain_text(
            "Say which council paragraph 2.1 means."
        )
        expect(self.page.locator("#report-status")).to_contain_text("Status: Draft")
        self.check()

    def approve_it(self) -> None:
        self.page.get_by_role("button", name="Approve the report").click()
        expect(self.page.locator("#report-status")).to_contain_text("Status: Approved")
        self.check()

    def generate_the_pack_and_see_the_downloads(self) -> None:
        self.page.get_by_role("button", name="Generate pack").click()
        expect(self.page.get_by_role("heading", name="Downloads")).to_be_visible(timeout=60_000)
        self.check()
        for name in ["Report (Word)", "Appendix 1 (PowerPoint)", "Report (PDF)", "Data (JSON)"]:
            expect(self.page.get_by_role("link", name=name)).to_be_visible()
        with self.page.expect_download() as download:
            self.page.get_by_role("link", name="Report (Word)").click()
        assert download.value.suggested_filename.endswith("-report.docx")
        self.page.get_by_role("link", name="Back to the report").click()

    def publish_it(self) -> None:
        self.page.get_by_role("link", name="Publish the report").click()
        # Headway asks first, saying what becomes public.
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Publish the report?")
        expect(self.page.locator("main")).to_contain_text("the report as a PDF")
        self.check()
        self.page.get_by_role("button", name="Publish the report").click()
        expect(self.page.locator("#report-status")).to_contain_text("Status: Published")
        self.check()
        report = Report.objects.get(period__year=2021, period__quarter=3)
        # The pack approval started and the one asked for by hand: publishing made no other.
        assert Pack.objects.filter(report=report, state=Pack.State.DONE).count() == 2
        assert Pack.objects.filter(report=report).count() == 2
        self.public_address = self.page.locator("#report-status a").get_attribute("href")

    def read_it_at_its_public_address(self, browser: Any) -> None:
        """A councillor, not signed in, on a phone."""
        context = browser.new_context(viewport={"width": 320, "height": 640})
        phone = context.new_page()
        try:
            phone.goto(self.public_address)
            expect(phone.get_by_role("heading", level=1)).to_have_text(
                "One Source Strategy 2020-23 Progress Report for Q3"
            )
            expect(phone.locator("main")).to_contain_text("we kept every promise")
            assert axe_violations(phone, self.axe) == [], phone.url
            widths = phone.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1]
            # The charts keep a size their labels can be read at and scroll sideways instead.
            charts = phone.evaluate(
                "() => [...document.querySelectorAll('.chart-wrapper')].map("
                "w => [w.querySelector('svg').getBoundingClientRect().width, w.clientWidth])"
            )
            assert charts and all(drawn >= 576 > shown for drawn, shown in charts), charts
            pdf = phone.get_by_role("link", name="Download the report as a PDF")
            response = phone.request.get(urljoin(phone.url, pdf.get_attribute("href")))
            assert response.headers["content-type"] == "application/pdf"
            assert response.body().startswith(b"%PDF")
            phone.get_by_role("link", name="All published reports").click()
            expect(
                phone.get_by_role("link", name=re.compile("Progress Report for Q3"))
            ).to_be_visible()
            assert axe_violations(phone, self.axe) == [], phone.url
        finally:
            context.close()

    def withdraw_it_and_see_its_page_say_so(self, browser: Any) -> None:
        self.page.get_by_role("link", name="Withdraw the report").click()
        self.check()
        self.page.get_by_label("Why is the report withdrawn?").fill(
            "Paragraph 2.1 was wrong; a corrected report follows."
        )
        self.page.get_by_role("button", name="Withdraw the report").click()
        expect(self.page.locator("#report-status")).to_contain_text("Status: Withdrawn")
        self.check()
        context = browser.new_context()
        reader = context.new_page()
        try:
            reader.goto(self.public_address)
            expect(reader.get_by_role("note")).to_contain_text("This report has been withdrawn")
            expect(reader.get_by_role("note")).to_contain_text("a corrected report follows")
            assert axe_violations(reader, self.axe) == [], reader.url
        finally:
            context.close()
