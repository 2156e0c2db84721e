"""Page objects for the update cycle's pages, as a person uses them: by labels and buttons.

Every page object checks the page with axe-core when it arrives, so a journey cannot pass
over a page with a WCAG 2.2 A or AA failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.browsers import axe_violations
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD


@dataclass
class Browser:
    """One person's browser tab on the live site."""

    page: Any
    base_url: str
    axe_source: str

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def check(self) -> None:
        """The page reached passes axe-core's WCAG 2.2 A and AA rules."""
        self.page.wait_for_load_state()
        violations = axe_violations(self.page, self.axe_source)
        assert not violations, f"{self.page.url}: {violations}"

    def click(self, name: str, role: str = "button") -> None:
        """Click a button or link that opens a page, and check the page it opens (a click
        returns when the navigation starts, before the new page is there)."""
        with self.page.expect_navigation():
            self.page.get_by_role(role, name=name, exact=True).click()
        self.check()

    @property
    def heading(self) -> str:
        return str(self.page.locator("h1").inner_text()).strip()

    def text_of(self, selector: str) -> str:
        return " ".join(str(self.page.locator(selector).inner_text()).split())

    @property
    def success(self) -> str:
        return self.text_of(".govuk-notification-banner--success")

    @property
    def errors(self) -> list[str]:
        links = self.page.locator(".govuk-error-summary__list a").all_inner_texts()
        return [" ".join(text.split()) for text in links]


class SignIn:
    def __init__(self, tab: Browser) -> None:
        self.tab = tab

    def as_(self, username: str, then: str) -> None:
        browser_sign_in(self.tab.page, self.tab.base_url, username, PASSWORD, then=then)
        self.tab.check()


class TaskList:
    def __init__(self, tab: Browser) -> None:
        self.tab = tab

    def open(self) -> TaskList:
        self.tab.goto("/returns/")
        return self

    def status_of(self, initiative: str) -> str:
        item = self.tab.page.locator(".govuk-task-list__item", has_text=initiative)
        return str(item.locator(".govuk-task-list__status").inner_text()).strip()

    def hint_of(self, initiative: str) -> str:
        item = self.tab.page.locator(".govuk-task-list__item", has_text=initiative)
        return " ".join(str(item.locator(".govuk-task-list__hint").inner_text()).split())

    def open_return(self, initiative: str) -> ReturnForm:
        self.tab.click(initiative, role="link")
        return ReturnForm(self.tab)


class ReturnForm:
    def __init__(self, tab: Browser) -> None:
        self.tab = tab

    def choose_status(self, label: str) -> None:
        self.tab.page.get_by_role("radio", name=label).check()

    def write(self, label: str, text: str) -> None:
        self.tab.page.get_by_label(label, exact=True).fill(text)

    def value_of(self, label: str) -> str:
        return str(self.tab.page.get_by_label(label, exact=True).input_value())

    def set_date(self, group: str, day: str, month: str, year: str) -> None:
        fieldset = self.tab.page.get_by_role("group", name=group)
        fieldset.get_by_label("Day").fill(day)
        fieldset.get_by_label("Month").fill(month)
        fieldset.get_by_label("Year").fill(year)

    def save_draft(self) -> None:
        self.tab.click("Save as draft")

    def submit(self) -> None:
        self.tab.click("Submit for review")

    @property
    def reviewer_comment(self) -> str:
        return self.tab.text_of("#review-comment")


class ReviewQueue:
    def __init__(self, tab: Browser) -> None:
        self.tab = tab

    def open(self) -> ReviewQueue:
        self.tab.goto("/review/")
        return self

    @property
    def waiting(self) -> list[str]:
        return [text.strip() for text in self.tab.page.locator("tbody th a").all_inner_texts()]

    def review(self, initiative: str) -> Review:
        self.tab.click(initiative, role="link")
        return Review(self.tab)


class Review:
    def __init__(self, tab: Browser) -> None:
        self.tab = tab

    def added_in(self, field: str) -> list[str]:
        words = self.tab.page.locator(f"#field-{field} ins").all_text_contents()
        return [" ".join(text.split()) for text in words]

    def approve(self) -> None:
        self.tab.click("Approve")

    def return_with(self, comment: str) -> None:
        self.tab.page.get_by_label("Or return it to the service with a comment").fill(comment)
        self.tab.click("Return with comment")


class Dashboard:
    def __init__(self, tab: Browser) -> None:
        self.tab = tab

    def open(self) -> Dashboard:
        self.tab.goto("/dashboard/")
        return self

    @property
    def headline(self) -> str:
        return self.tab.text_of("#headline")

    def row_of(self, service: str) -> str:
        return self.tab.text_of(f"#by-service tbody tr:has-text('{service}')")


class Home:
    def __init__(self, tab: Browser) -> None:
        self.tab = tab

    @property
    def cycle(self) -> str:
        return self.tab.text_of("#cycle")

    def open_dashboard(self) -> Dashboard:
        self.tab.click("Open the completion dashboard", role="link")
        return Dashboard(self.tab)


class OverdueList:
    def __init__(self, tab: Browser) -> None:
        self.tab = tab

    def row_of(self, owner: str) -> str:
        return self.tab.text_of(f"#overdue + p + div tbody tr:has-text('{owner}')")

    def remind(self, owner: str) -> None:
        self.tab.click(f"Send reminder to {owner}")


class Period:
    def __init__(self, tab: Browser) -> None:
        self.tab = tab

    def open(self, slug: str) -> Period:
        self.tab.goto(f"/periods/{slug}/")
        return self

    @property
    def history(self) -> str:
        return self.tab.text_of("#events")

    def close(self, reason: str = "") -> None:
        self.tab.click("Close this period", role="button")
        if reason:
            self.tab.page.get_by_label("Reason for closing with returns not approved").fill(reason)
        self.tab.click("Close the period anyway")

    def reopen(self, reason: str) -> None:
        self.tab.click("Reopen this period", role="button")
        self.tab.page.get_by_label("Why reopen it?").fill(reason)
        self.tab.click("Reopen the period")
