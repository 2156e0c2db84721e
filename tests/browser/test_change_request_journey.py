"""The change journey in a real browser, on the demo, with axe-core on every page it opens."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pptx import Presentation

from headway.accounts.models import User
from headway.committee.models import Committee, Meeting
from headway.committee.packs import pack_files
from headway.committee.reports import report_for
from headway.demo import DEMO_PASSWORD, DemoSummary, load_demo
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.roadmap import choosing, map_pages
from headway.roadmap.changes import propose
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative
from tests.browsers import axe_violations
from tests.browsers import sign_in as browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHY = "The councils now do this themselves, so the shared team is no longer needed for it."


@pytest.fixture
def demo_site(db: None) -> DemoSummary:
    return load_demo()


class Visitor:
    """One person in their own browser window, signed in, checking each page with axe."""

    def __init__(self, browser: Any, live_server: Any, axe_source: str, username: str) -> None:
        self.url = live_server.url
        self.axe = axe_source
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        browser_sign_in(self.page, self.url, username, DEMO_PASSWORD)

    def open(self, path: str) -> Any:
        self.page.goto(f"{self.url}{path}")
        self.check()
        return self.page

    def check(self) -> None:
        assert axe_violations(self.page, self.axe) == [], self.page.url

    def click(self, name: str, role: str = "button") -> None:
        """Click a button or link that opens a page, and check the page it opens (a click
        returns when the navigation starts, before the new page is there)."""
        with self.page.expect_navigation():
            self.page.get_by_role(role, name=name, exact=True).click()
        self.check()

    def text(self) -> str:
        return str(self.page.locator("main").inner_text())

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visitors(browser: Any, live_server: Any, axe_source: str) -> Iterator[Any]:
    opened: list[Visitor] = []

    def visit(username: str) -> Visitor:
        visitor = Visitor(browser, live_server, axe_source, username)
        opened.append(visitor)
        return visitor

    yield visit
    for visitor in opened:
        visitor.close()


def _date(page: Any, day: dt.date) -> None:
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))


def _activity() -> Initiative:
    """An activity on the maps that serves both councils."""
    candidates = Initiative.objects.filter(
        kind=Initiative.Kind.ACTIVITY, status=Initiative.Status.IN_PROGRESS
    ).order_by("external_reference")
    return next(i for i in candidates if i.partners.count() == 2)


def _next_quarters_pack(organisation: Any) -> dict[str, bytes]:
    quarter = Quarter.of(timezone.localdate())
    period = ReportingPeriod.objects.create(
        organisation=organisation,
        year=quarter.year,
        quarter=quarter.number,
        state=ReportingPeriod.State.UPCOMING,
        deadline=quarter.last_day + dt.timedelta(days=14),
    )
    committee = Committee.objects.get(organisation=organisation)
    Meeting.objects.create(committee=committee, date=quarter.last_day + dt.timedelta(days=30))
    return pack_files(report_for(period, committee))


def _slide_texts(pptx: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(pptx))
    return [
        " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in deck.slides
    ]


def test_an_activity_is_deprioritised_after_both_councils_answer(
    demo_site: DemoSummary, visitors: Any
) -> None:
    """As the performance officer I propose taking an activity off the maps; both partner
    councils answer; a reviewer agrees; the road map, the version history and the next
    quarter's pack all show the change and why it was made."""
    activity = _activity()
    today = timezone.localdate()

    officer = visitors("admin")
    officer.open("/change-requests/")
    officer.click("Propose a change")
    officer.click("Continue")  # Nothing chosen: the error summary says what to do.
    assert "Choose the kind of change you propose" in officer.text()
    officer.page.get_by_label("Deprioritise", exact=True).check()
    officer.click("Continue")
    officer.page.get_by_label("Initiative").select_option(
        label=f"{activity.title} ({activity.service.name})"
    )
    officer.click("Continue")
    officer.click("Save as a draft")  # Without a reason: refused, and said why.
    assert "Say why this change is needed" in officer.text()
    officer.page.get_by_label("Why is this change needed?").fill(WHY)
    officer.click("Save as a draft")
    assert "Change request saved as a draft" in officer.text()
    officer.click("Open for consultation")
    _date(officer.page, today + dt.timedelta(days=7))
    officer.click("Open the consultation")
    assert "Consultation opened: Havering and Newham are asked for their view" in officer.text()
    change = ChangeRequest.objects.get(rationale=WHY)

    for username, answer, comment in (
        ("partner", "Supports", ""),
        ("partner-havering", "Supports with comments", "Tell the staff affected early."),
    ):
        contact = visitors(username)
        contact.open("/consultations/")
        contact.click(activity.title, role="link")
        assert WHY in contact.text()
        contact.page.get_by_label(answer, exact=True).check()
        if comment:
            contact.page.get_by_label("Comment", exact=True).fill(comment)
        contact.click("Send your answer")
        assert "Your answer is recorded" in contact.text()

    reviewer = visitors("reviewer")
    reviewer.open(f"/change-requests/{change.pk}/")
    assert "2 partner councils asked; 2 answered." in reviewer.text()
    reviewer.click("Record the decision")
    reviewer.page.get_by_label("Agreed", exact=True).check()
    reviewer.click("Record the decision")
    assert "Change agreed. The maps now show it, as a new map version." in reviewer.text()

    viewer = visitors("viewer")
    viewer.open(f"/roadmap/{Quarter.of(today).financial_year.label}/")
    assert activity.title not in viewer.text()
    viewer.open("/map-versions/")
    viewer.click("Why, and what the partner councils said (version 4)", role="link")
    removed = viewer.text()
    assert activity.title in removed and WHY in removed
    assert "Havering supports with comments; Newham supports" in removed

    havering = visitors("partner-havering")
    havering.open(f"/change-requests/{change.pk}/")  # The decision email's link.
    assert "answer was recorded" in havering.text()

    pack = _next_quarters_pack(change.organisation)
    summary = f"{activity.title} deprioritised, leaving the maps"
    html = pack["report.html"].decode()
    assert summary in html and WHY in html
    changes = next(t for t in _slide_texts(pack["appendix.pptx"]) if "Changes since" in t)
    answers = "Newham supported the change and Havering supported it with comments."
    assert f"{summary}. {answers}" in changes
    [frozen] = json.loads(pack["data.json"])["map_changes"]
    assert (frozen["summary"], frozen["rationale"]) == (summary, WHY)


def test_the_maps_and_the_road_map_pages_pass_axe_for_each_role(
    demo_site: DemoSummary, visitors: Any
) -> None:
    viewer = visitors("viewer")
    for path in (
        "/roadmap/2021-22/",
        "/priority-map/2021-23/",
        "/roadmap/2021-22/?partner=999",
        "/priority-map/2021-24/",
        "/map-versions/",
        "/map-versions/compare/?from=1&to=3",
        "/map-versions/compare/?from=3&to=1",
    ):
        viewer.open(path)

    open_request = ChangeRequest.objects.get(state=ChangeRequest.State.CONSULTING)
    agreed = ChangeRequest.objects.filter(state=ChangeRequest.State.AGREED).first()
    assert agreed is not None and open_request.initiative_id is not None
    officer = visitors("admin")
    draft = propose(
        open_request.organisation,
        ChangeRequest.Kind.RESCHEDULE,
        User.objects.get(username="admin"),
        "The supplier needs another quarter.",
        {"planned_end": "2022-06-30"},
        initiative=open_request.initiative,
    )
    for path in (
        "/change-requests/",
        f"/change-requests/{open_request.pk}/",
        f"/change-requests/{draft.pk}/",
        f"/change-requests/{draft.pk}/edit/",
        f"/change-requests/{agreed.pk}/",
        f"/change-requests/{open_request.pk}/decide/",
        f"/change-requests/{open_request.pk}/withdraw/",
        "/change-requests/new/add_priority/",
        "/change-requests/new/add_initiative/",
        "/change-requests/new/close/",
        *(
            f"/change-requests/new/{kind}/?initiative={open_request.initiative_id}"
            for kind in ("reprioritise", "deprioritise", "reschedule", "close")
        ),
    ):
        officer.open(path)
    officer.open("/change-requests/new/add_initiative/")
    officer.click("Save as a draft")  # Every field's error at once.
    officer.open(f"/change-requests/{open_request.pk}/decide/")
    officer.page.get_by_label("Agreed", exact=True).check()
    officer.click("Record the decision")  # Havering has not answered: a note is needed.
    assert "Say why the decision is taken without every partner's answer" in officer.text()

    havering = visitors("partner-havering")
    havering.open("/consultations/")
    for consultation in open_request.consultations.filter(partner__short_name="Havering"):
        havering.open(f"/consultations/{consultation.pk}/")
    for consultation in agreed.consultations.filter(partner__short_name="Havering"):
        havering.open(f"/consultations/{consultation.pk}/")


def test_the_maps_reflow_at_400_percent_zoom(demo_site: DemoSummary, visitors: Any) -> None:
    """320 CSS pixels wide: the page never scrolls sideways; the pictures keep a size their
    labels can be read at, and they and wide tables scroll in boxes keyboards can reach."""
    officer = visitors("admin")
    officer.page.set_viewport_size({"width": 320, "height": 640})
    open_request = ChangeRequest.objects.get(state=ChangeRequest.State.CONSULTING)
    pictures = 0
    for path in (
        "/roadmap/2021-22/",
        "/priority-map/2021-23/",
        "/map-versions/",
        "/map-versions/compare/",
        "/change-requests/",
        f"/change-requests/{open_request.pk}/",
        f"/change-requests/{open_request.pk}/decide/",
    ):
        officer.page.goto(f"{officer.url}{path}")
        widths = officer.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], path
        for box in officer.page.locator(".hw-map-picture__scroll").all():
            assert box.locator("svg").bounding_box()["width"] >= 640, path
            assert box.get_attribute("tabindex") == "0", path
            assert box.get_attribute("aria-label").endswith("(scrolls sideways)"), path
            pictures += 1
    assert pictures >= 2  # the road map and the priority map


def test_a_map_shown_a_priority_at_a_time_passes_axe_and_reflows(
    demo_site: DemoSummary, visitors: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's maps are small; with room for five rows they are too large to read whole,
    and show a priority at a time, with a chooser and pages."""
    monkeypatch.setattr(map_pages, "READABLE_ROWS", 5)
    viewer = visitors("viewer")
    for path in (
        "/roadmap/2021-22/",
        "/roadmap/2021-22/?priority=2&page=2",
        "/priority-map/2021-23/?priority=3",
    ):
        viewer.open(path)
        assert "Choose a priority" in viewer.text()
    viewer.page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/roadmap/2021-22/?priority=2&page=2", "/priority-map/2021-23/"):
        viewer.page.goto(f"{viewer.url}{path}")
        widths = viewer.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], path


def test_an_initiative_is_found_by_words_when_the_maps_hold_too_many_to_list(
    demo_site: DemoSummary, visitors: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's maps are short enough to list whole; with room for ten, the officer finds
    the initiative by its words."""
    monkeypatch.setattr(choosing, "SHOWN", 10)
    officer = visitors("admin")
    officer.open("/change-requests/new/reschedule/")
    assert "The first 10 by title" in officer.text()
    officer.page.get_by_label("Find the initiative").fill("payroll")
    officer.click("Find")
    # Waits for the new page: a click returns when the navigation starts.
    expect(officer.page.locator("main")).to_contain_text("initiatives match “payroll”")
    officer.check()
    officer.page.get_by_label("Initiative", exact=True).select_option(
        label="Replace the payroll system (Payroll and Pensions)"
    )
    officer.click("Continue")
    expect(officer.page.get_by_role("heading", level=1)).to_have_text(
        "Reschedule: Replace the payroll system"
    )
    officer.check()
