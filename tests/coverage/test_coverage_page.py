"""The coverage page lists each gap with a link to where it is put right; the dashboard
counts them; the committee report's draft states them."""

from __future__ import annotations

from typing import Any

import pytest

from headway.accounts.models import User
from headway.committee.compose.cover import coverage_check_paragraph
from headway.committee.drafting import draft_report
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
