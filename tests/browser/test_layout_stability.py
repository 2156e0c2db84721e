"""On a phone, signed-in pages do not jump as they load: the service navigation is laid out
collapsed from the first paint, not collapsed by the script afterwards (Lighthouse measured
a cumulative layout shift of 0.397 at 412 px). On a phone and on a desktop nothing reaches
past the window or is cut off, however long the words people type: only a table scrolls
sideways, in its own box, and on a desktop not even that when there is room."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.models import Committee
from headway.progress.models import PeriodEvent, ReportingPeriod
from headway.strategy.models import Initiative, Organisation, Partner, Service
from tests.browsers import LAYOUT_SHIFT_LIMIT, LayoutShifts, beyond_the_window, boxes_that_scroll
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD
from tests.factories import (
    CommitteeFactory,
    InitiativeFactory,
    MeetingFactory,
    MilestoneFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)
from tests.indicators.factories import MeasureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 412, "height": 915}
SCRIPT_DELAY_SECONDS = 0.8


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2.625, is_mobile=True)
    page = context.new_page()
    # As on a slow mobile network: the page paints before GOV.UK Frontend's script arrives.
    page.route("**/govuk-frontend.min.js", _late)
    yield page
    context.close()


def _late(route: Any) -> None:
    time.sleep(SCRIPT_DELAY_SECONDS)
    route.continue_()


def _sign_in(phone: Any, live_server: Any, then: str) -> None:
    browser_sign_in(phone, live_server.url, "admin", PASSWORD, then=then)


def _settle(phone: Any) -> None:
    phone.wait_for_load_state("load")
    phone.wait_for_function("() => document.querySelector('[data-govuk-service-navigation-init]')")
    phone.wait_for_timeout(300)  # let the layout shifts be reported


@pytest.mark.parametrize("name", ["portfolio", "progress:dashboard"])
def test_a_signed_in_page_does_not_jump_on_a_phone(
    phone: Any, live_server: Any, admin_user: Any, pages_stay_still: LayoutShifts, name: str
) -> None:
    path = reverse(name)
    _sign_in(phone, live_server, path)
    _settle(phone)
    phone.reload()
    _settle(phone)

    assert pages_stay_still.of(f"{live_server.url}{path}") <= LAYOUT_SHIFT_LIMIT
    # Collapsed behind its Menu button, as GOV.UK Frontend leaves it.
    assert phone.get_by_role("button", name="Menu").is_visible()
    headway = phone.get_by_role("navigation", name="Headway")
    assert not headway.get_by_role("link", name="Portfolio").is_visible()


def test_the_navigation_still_opens_from_its_menu_button(
    phone: Any, live_server: Any, admin_user: Any
) -> None:
    _sign_in(phone, live_server, reverse("portfolio"))
    _settle(phone)

    phone.get_by_role("button", name="Menu").click()

    assert phone.get_by_role("link", name="Returns").is_visible()


def test_a_page_that_jumps_is_caught(
    phone: Any, live_server: Any, pages_stay_still: LayoutShifts
) -> None:
    """The recorder itself: a page that pushes its content down after painting is measured."""
    phone.goto(f"{live_server.url}/accessibility/")
    phone.wait_for_load_state("load")
    phone.evaluate(
        """() => {
          const block = document.createElement("div");
          block.style.height = "400px";
          document.body.prepend(block);
        }"""
    )
    phone.wait_for_timeout(300)

    jump = pages_stay_still.of(f"{live_server.url}/accessibility/")
    pages_stay_still.by_load.clear()  # measured on purpose: not a failure of this test
    assert jump > LAYOUT_SHIFT_LIMIT


DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}  # a phone, or a 1280-pixel screen at 400% zoom
# What people type: a 60-letter word with no space to break at, emoji, right-to-left text.
LONG_WORD = "Procurementtransformationprogrammeforallsharedbackofficeteams"
HOSTILE = f"{LONG_WORD} 🚀🏗️ تحديث نظام الرواتب"


@pytest.fixture
def quarter(org: Organisation, admin_user: User) -> ReportingPeriod:
    """A quarter with a history: its report drafted and the period closed, with reasons, by
    someone with a name as long as real ones."""
    admin_user.first_name, admin_user.last_name = "Performance Officer", "(demo)"
    admin_user.save()
    period: ReportingPeriod = ReportingPeriodFactory.create(organisation=org)
    PeriodEvent.record(
        period.pk,
        PeriodEvent.Kind.DRAFTED,
        by=admin_user,
        reason="“One Source Strategy 2020-23 Progress Report for Q3”, for the Joint Committee "
        "meeting of 11 March 2022.",
    )
    PeriodEvent.objects.create(
        period=period,
        kind=PeriodEvent.Kind.CLOSED,
        by=admin_user,
        returns_outstanding=2,
        reason="Two returns are outstanding: their owners are on leave until March.",
    )
    return period


@pytest.fixture
def hostile(
    org: Organisation, service: Service, partner: Partner, quarter: ReportingPeriod
) -> Initiative:
    """Everything a page lists, named with the words people really type."""
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    priority = PriorityFactory.create(strategy=strategy, number=1, title=HOSTILE)
    initiative: Initiative = InitiativeFactory.create(
        organisation=org,
        service=service,
        title=HOSTILE,
        priorities=[priority],
        partners=[partner],
    )
    MilestoneFactory.create(initiative=initiative, title=HOSTILE)
    UpdateFactory.create(
        initiative=initiative,
        period=quarter,
        status=status_value(org, "amber"),
        narrative=f"{HOSTILE}\n\n{LONG_WORD}",
    )
    # An initiative with no owner, milestone or return: a gap for the coverage check to list.
    InitiativeFactory.create(organisation=org, service=service, title=LONG_WORD)
    MeasureFactory.create(organisation=org, service=service, name=HOSTILE)
    committee = CommitteeFactory.create(organisation=org, name=f"{LONG_WORD} Joint Committee")
    MeetingFactory.create(committee=committee, venue=HOSTILE)
    return initiative


def _pages(quarter: ReportingPeriod, initiative: Initiative) -> list[str]:
    committee = Committee.objects.get(organisation=initiative.organisation)
    return [
        reverse("portfolio"),
        reverse("initiative", args=[initiative.pk]),
        reverse("strategy"),
        reverse("progress:period", args=[quarter.slug]),
        reverse("progress:periods"),
        reverse("progress:dashboard"),
        reverse("progress:my_returns"),
        reverse("progress:review_queue"),
        reverse("coverage:coverage"),
        reverse("indicators:measures"),
        reverse("organisation:settings"),
        reverse("organisation:committees"),
        reverse("organisation:committee", args=[committee.pk]),
        reverse("roadmap:road_map_now"),
        reverse("search:search") + f"?q={LONG_WORD}",
        reverse("roadmap:change_requests"),
    ]


def test_the_quarter_page_shows_its_whole_history_on_a_desktop(
    page: Any, live_server: Any, admin_user: User, quarter: ReportingPeriod
) -> None:
    """The history table has the page's width: on a desktop it needs no scrolling."""
    browser_sign_in(page, live_server.url, "admin", PASSWORD)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}{reverse('progress:period', args=[quarter.slug])}")

    assert page.locator("#events").is_visible()
    assert boxes_that_scroll(page) == []
    assert beyond_the_window(page) == []


@pytest.mark.parametrize("viewport", [NARROW, DESKTOP], ids=["320px", "1280px"])
def test_nothing_reaches_past_the_window_however_long_the_words(
    page: Any,
    live_server: Any,
    admin_user: User,
    quarter: ReportingPeriod,
    hostile: Initiative,
    viewport: dict[str, int],
) -> None:
    browser_sign_in(page, live_server.url, "admin", PASSWORD)
    page.set_viewport_size(viewport)
    problems = {}
    for path in _pages(quarter, hostile):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").is_visible(), path
        if found := beyond_the_window(page):
            problems[path] = found
    assert problems == {}


def test_a_page_too_wide_for_the_window_is_caught(page: Any, live_server: Any) -> None:
    """The measure itself: a table outside a scrolling box that is wider than a phone is found,
    and the same table in the box is not."""
    page.set_viewport_size(NARROW)
    page.goto(f"{live_server.url}/accessibility/")
    page.evaluate(
        """() => {
          const table = document.createElement("table");
          const cells = ["wide ".repeat(10), "x".repeat(60)];
          table.innerHTML = `<tr><td>${cells[0]}</td><td>${cells[1]}</td></tr>`;
          document.querySelector("main").append(table);
        }"""
    )
    assert any("<table" in line for line in beyond_the_window(page))
    page.evaluate(
        """() => {
          const box = document.createElement("div");
          box.className = "hw-table-scroll";
          const table = document.querySelector("main table");
          table.replaceWith(box);
          box.append(table);
        }"""
    )
    assert beyond_the_window(page) == []
    assert len(boxes_that_scroll(page)) == 1
