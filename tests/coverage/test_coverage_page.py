"""The coverage page lists each gap with a link to where it is put right; the dashboard
counts them; the committee report's draft states them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.accounts.models import User
from headway.committee.compose.cover import coverage_check_paragraph
from headway.committee.drafting import draft_report
from headway.coverage import views
from tests.conftest import signed_in
from tests.coverage.conftest import TODAY, Portfolio, sound_initiative
from tests.factories import CommitteeFactory, MeetingFactory, ReportFactory, ServiceFactory


@pytest.fixture(autouse=True)
def on_the_portfolio_s_calendar(settings: Any) -> None:
    settings.DEBUG = True
    settings.DEMO_DATE = TODAY


def test_the_page_lists_each_gap_with_its_fix(portfolio: Portfolio, reviewer: User) -> None:
    orphan = sound_initiative(portfolio, title="Orphan <b>work</b>", priorities=[])
    html = signed_in(reviewer).get("/coverage/").content.decode()
    assert "1 gap found" in html
    assert "Orphan &lt;b&gt;work&lt;/b&gt;" in html
    assert f'href="/change-requests/new/reprioritise/?initiative={orphan.pk}"' in html
    assert "Priorities with no active initiative</dt>" in html


def test_the_page_says_when_nothing_is_missing(portfolio: Portfolio, admin_user: User) -> None:
    html = signed_in(admin_user).get("/coverage/").content.decode()
    assert "No gaps found" in html and "as of 18 February 2022" in html


def test_the_dashboard_counts_the_gaps(portfolio: Portfolio, admin_user: User) -> None:
    ServiceFactory.create(organisation=portfolio.org, name="Idle")
    html = signed_in(admin_user).get("/dashboard/").content.decode()
    assert 'href="/coverage/"' in html
    assert "1 gap in how the strategy is delivered" in html


def test_the_report_states_what_the_check_found() -> None:
    data = {
        "coverage_check": {
            "as_of": "2022-02-18",
            "quarter": "2021-22 Q3",
            "rules": [
                {
                    "key": "a",
                    "noun": "priority",
                    "phrase": "with no active initiative",
                    "subjects": ["3. Digital"],
                },
                {"key": "b", "noun": "initiative", "phrase": "with no priority", "subjects": []},
                {
                    "key": "c",
                    "noun": "road map item",
                    "phrase": "with no update in 2021-22 Q3",
                    "subjects": ["a", "b", "c", "d"],
                },
            ],
        }
    }
    paragraph = coverage_check_paragraph(data)
    assert paragraph is not None and paragraph.key == "coverage-check"
    assert paragraph.text.endswith(
        "found one priority with no active initiative (3. Digital) and four road map items "
        "with no update in 2021-22 Q3."
    )
    assert paragraph.text.startswith("The coverage check on 18 February 2022")


def test_the_report_says_so_when_the_check_found_nothing() -> None:
    data: dict[str, Any] = {"coverage_check": {"as_of": "2022-02-18", "quarter": None, "rules": []}}
    paragraph = coverage_check_paragraph(data)
    assert paragraph is not None and "found every priority delivered" in paragraph.text
    assert coverage_check_paragraph({}) is None


def test_the_drafted_report_has_the_paragraph(portfolio: Portfolio) -> None:
    ServiceFactory.create(organisation=portfolio.org, name="Idle")
    meeting = MeetingFactory.create(committee=CommitteeFactory.create(organisation=portfolio.org))
    report = draft_report(ReportFactory.create(meeting=meeting, period=portfolio.q3))
    texts = [p.text for p in report.sections.get(key="progress").paragraphs.order_by("position")]
    checked = [t for t in texts if t.startswith("The coverage check on")]
    assert len(checked) == 1 and "one service with no active initiative (Idle)" in checked[0]


def _idle_services(portfolio: Portfolio, count: int) -> None:
    for n in range(count):
        ServiceFactory.create(organisation=portfolio.org, name=f"Idle {n:02d}")


def test_the_page_shows_each_rule_s_first_gaps_and_links_to_all(
    portfolio: Portfolio, admin_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "FIRST_GAPS", 2)
    _idle_services(portfolio, 5)
    html = signed_in(admin_user).get("/coverage/").content.decode()
    assert "5 gaps found" in html
    assert "Idle 00" in html and "Idle 01" in html and "Idle 02" not in html
    assert 'href="?rule=service-no-initiative"' in html and "Show all 5" in html


def test_a_rule_s_own_page_lists_its_gaps_a_page_at_a_time(
    portfolio: Portfolio, admin_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "GAPS_PER_PAGE", 2)
    _idle_services(portfolio, 5)
    browser = signed_in(admin_user)
    first = browser.get("/coverage/?rule=service-no-initiative").content.decode()
    assert '<h1 class="govuk-heading-l">Services with no initiative</h1>' in first
    assert "5 found as of 18 February 2022: 1 to 2 shown" in first
    assert "Idle 01" in first and "Idle 02" not in first
    assert 'href="?rule=service-no-initiative&amp;page=3"' in first
    last = browser.get("/coverage/?rule=service-no-initiative&page=3").content.decode()
    assert "Idle 04" in last and "Idle 03" not in last


def test_a_rule_the_check_does_not_have_is_not_found(
    portfolio: Portfolio, admin_user: User
) -> None:
    assert signed_in(admin_user).get("/coverage/?rule=nonsense").status_code == 404


def test_the_page_takes_the_same_queries_however_many_gaps(
    portfolio: Portfolio, admin_user: User, django_assert_num_queries: Any
) -> None:
    browser = signed_in(admin_user)
    browser.get("/coverage/")
    with CaptureQueriesContext(connection) as few:
        browser.get("/coverage/")
    _idle_services(portfolio, 30)
    for n in range(5):
        sound_initiative(portfolio, title=f"Orphan {n}", priorities=[])
    with django_assert_num_queries(len(few)):
        html = browser.get("/coverage/").content.decode()
    assert "Show all 30" in html
