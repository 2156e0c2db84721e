"""The demo runs on its own quarter's calendar: 18 February 2022, the day its 2021-22 Q3
report was drafted. Its pages count deadlines from that day, say that the date is
simulated, and nothing in its story happens after it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from headway.accounts.models import User
from headway.committee.models import Report
from headway.demo import DemoSummary
from headway.demo.plan import TODAY
from headway.progress.chasing import owners_to_chase
from headway.progress.dashboard import period_dashboard
from headway.progress.models import ReportingPeriod, Update
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Milestone
from tests.conftest import signed_in
from tests.pages import Page


@pytest.fixture
def on_the_demo_s_calendar(settings: Any) -> None:
    settings.DEBUG = True
    settings.DEMO_DATE = TODAY


def _user(name: str) -> User:
    return User.objects.get(username=name)


def test_today_is_the_day_the_q3_report_was_drafted(demo: DemoSummary) -> None:
    report = Report.objects.select_related("snapshot", "meeting").get(state="draft")

    assert report.period.label == "2021-22 Q3"
    assert report.snapshot is not None
    assert timezone.localdate(report.snapshot.taken_at) == TODAY


def test_nothing_in_the_demo_happens_after_its_today(demo: DemoSummary) -> None:
    latest = [
        Update.objects.aggregate(Max("submitted_at"))["submitted_at__max"],
        Update.objects.aggregate(Max("reviewed_at"))["reviewed_at__max"],
        Consultation.objects.aggregate(Max("answered_at"))["answered_at__max"],
        ChangeRequest.objects.aggregate(Max("proposed_at"))["proposed_at__max"],
    ]
    days = [timezone.localdate(moment) for moment in latest if moment is not None]
    days += [
        ChangeRequest.objects.aggregate(Max("decided_on"))["decided_on__max"],
        Milestone.objects.aggregate(Max("completed_on"))["completed_on__max"],
    ]

    assert len(days) == 6
    assert max(days) <= TODAY


def test_the_dashboard_counts_lateness_from_the_demo_s_date(
    demo: DemoSummary, on_the_demo_s_calendar: None
) -> None:
    page = Page.of(signed_in(_user("admin")).get(reverse("progress:dashboard")))

    late = page.texts(
        "//table[caption[normalize-space()='Overdue returns by owner']]"
        "//td[contains(@class, 'govuk-table__cell--numeric')]"
    )
    assert late and set(late) == {"35"}  # 14 January to 18 February 2022
    assert "were due on 14 January 2022" in page.text()


def test_no_page_says_a_return_is_years_late(
    demo: DemoSummary, on_the_demo_s_calendar: None
) -> None:
    lead = signed_in(_user("lead"))
    admin = signed_in(_user("admin"))
    texts = [
        Page.of(admin.get(reverse("progress:dashboard"))).text(),
        Page.of(lead.get(reverse("progress:my_returns"))).text(),
        Page.of(admin.get(reverse("portfolio"))).text(),
    ]

    days_late = [int(n) for text in texts for n in re.findall(r"(\d+) days? late", text)]
    assert days_late and set(days_late) == {35}


def test_every_page_says_the_date_is_simulated(
    demo: DemoSummary, on_the_demo_s_calendar: None
) -> None:
    page = Page.of(signed_in(_user("viewer")).get(reverse("portfolio")))

    banner = page.text("//div[contains(@class, 'govuk-phase-banner')]")
    assert "simulated date" in banner
    assert "Friday 18 February 2022" in banner


def test_no_banner_on_the_real_calendar(demo: DemoSummary, settings: Any) -> None:
    settings.DEMO_DATE = None

    page = Page.of(signed_in(_user("viewer")).get(reverse("portfolio")))

    assert page.count("//div[contains(@class, 'govuk-phase-banner')]") == 0


def test_every_late_return_in_the_demo_has_someone_to_chase(
    demo: DemoSummary, on_the_demo_s_calendar: None
) -> None:
    period = ReportingPeriod.objects.get(organisation=demo.organisation, state="open")

    chase = owners_to_chase(period_dashboard(period))

    assert chase and all(row.owner is not None for row in chase)
    ict = next(row for row in chase if "ICT" in row.leads_for)
    assert ict.owner is not None and ict.owner.get_full_name() == "Head of ICT (demo)"
