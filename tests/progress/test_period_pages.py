"""Administrators open a period, close it (refused while returns are outstanding unless a
reason is given) and reopen it with a reason; every step is shown in the period's history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.progress.models import PeriodEvent, ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db

OPEN = reverse("progress:open_period")


def _summary_links(page: Page) -> dict[str, str]:
    return page.links("//div[contains(@class, 'govuk-error-summary')]//a")


def test_the_open_form_suggests_the_next_quarter_and_a_deadline(
    admin_user: User, org: Organisation
) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="closed")
    page = Page.of(signed_in(admin_user).get(OPEN))
    assert page.tree.xpath("//input[@name='quarter']/@value") == ["2021-22 Q3"]
    parts = [
        page.tree.xpath(f"//input[@name='deadline-{p}']/@value")[0]
        for p in ("day", "month", "year")
    ]
    assert parts == ["14", "1", "2022"]
    assert page.tree.xpath("//input[@name='remind_days_before']/@value") == ["10"]


def test_opening_creates_the_returns_and_shows_the_period(
    admin_user: User, org: Organisation, service: Service
) -> None:
    InitiativeFactory.create(organisation=org, service=service)
    client = signed_in(admin_user)
    response = client.post(
        OPEN,
        {
            "quarter": "2021-22 Q3",
            "deadline-day": "14",
            "deadline-month": "1",
            "deadline-year": "2022",
            "remind_days_before": "5",
        },
    )
    period = ReportingPeriod.objects.get()
    assert response["Location"] == reverse("progress:period", args=["2021-22-Q3"])
    assert (period.state, period.deadline, period.remind_days_before) == (
        "open",
        dt.date(2022, 1, 14),
        5,
    )
    page = Page.of(client.get(response["Location"]))
    assert "2021-22 Q3 is open: 1 return created" in page.text()
    assert "Opened" in page.text("//table[@id='events']")


def test_opening_says_what_to_fix(admin_user: User, org: Organisation) -> None:
    response = signed_in(admin_user).post(
        OPEN,
        {"quarter": "Q3", "deadline-day": "14", "deadline-year": "2022", "remind_days_before": "x"},
    )
    assert _summary_links(Page.of(response)) == {
        "'Q3' is not a quarter: write it as 2021-22 Q3 or 2021-22-Q3.": "#quarter",
        "Deadline must include a month": "#deadline-month",
        "Enter the number of days as a whole number, like 7": "#remind_days_before",
    }
    assert not ReportingPeriod.objects.exists()


def test_a_rule_s_refusal_is_shown_on_its_field(admin_user: User, org: Organisation) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="open")
    response = signed_in(admin_user).post(
        OPEN,
        {
            "quarter": "2021-22 Q3",
            "deadline-day": "14",
            "deadline-month": "1",
            "deadline-year": "2022",
            "remind_days_before": "7",
        },
    )
    assert _summary_links(Page.of(response)) == {
        "2021-22 Q2 is still open. Close it before opening 2021-22 Q3: only one period can be "
        "open at a time.": "#quarter"
    }


@pytest.fixture
def q3(org: Organisation, initiative: Initiative) -> ReportingPeriod:
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    UpdateFactory.create(initiative=initiative, period=period, state="draft")
    UpdateFactory.create(initiative=InitiativeFactory.create(organisation=org), period=period)
    return period


def _close(period: ReportingPeriod) -> str:
    return reverse("progress:close_period", args=[period.slug])


def test_closing_says_what_it_freezes_and_lists_what_is_outstanding(
    admin_user: User, q3: ReportingPeriod
) -> None:
    page = Page.of(signed_in(admin_user).get(_close(q3)))
    text = page.text()
    assert "can no longer be changed by anyone" in text
    assert (
        "Nothing can change afterwards unless an administrator reopens the period, giving a reason"
        in text
    )
    assert page.texts("//h2[@id='outstanding']") == ["1 of 2 returns not yet approved"]
    assert page.texts("//table//th[@scope='row']") == ["Payroll system"]


def test_closing_lists_the_returns_not_yet_approved_a_page_at_a_time(
    admin_user: User, org: Organisation, service: Service, q3: ReportingPeriod
) -> None:
    """At a thousand initiatives hundreds may be left: twenty to a page, all counted."""
    for n in range(1, 25):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=org, service=service, title=f"Left {n:02}"
            ),
            period=q3,
            state="draft",
        )
    client = signed_in(admin_user)
    first = Page.of(client.get(_close(q3)))
    assert first.texts("//h2[@id='outstanding']") == ["25 of 26 returns not yet approved"]
    assert len(first.texts("//table//th[@scope='row']")) == 20
    pages = first.links("//nav[@aria-label='Pages of returns not yet approved']//a")
    assert pages["Next page"] == "?page=2#outstanding"
    second = Page.of(client.get(_close(q3) + "?page=2"))
    rows = first.texts("//table//th[@scope='row']") + second.texts("//table//th[@scope='row']")
    assert sorted(rows) == sorted(["Payroll system", *(f"Left {n:02}" for n in range(1, 25))])


def test_closing_with_returns_outstanding_needs_a_reason(
    admin_user: User, q3: ReportingPeriod
) -> None:
    client = signed_in(admin_user)
    page = Page.of(client.post(_close(q3), {"force_reason": ""}))
    assert _summary_links(page) == {
        "1 return is not yet approved. Approve or return them first, or give a reason for "
        "closing the period anyway.": "#force_reason"
    }
    q3.refresh_from_db()
    assert q3.is_open

    response = client.post(_close(q3), {"force_reason": "Committee papers are due."})
    assert response["Location"] == reverse("progress:period", args=[q3.slug]) + "#next-step"
    q3.refresh_from_db()
    assert q3.is_closed
    event = PeriodEvent.objects.get(kind="closed")
    assert (event.reason, event.returns_outstanding) == ("Committee papers are due.", 1)
    history = Page.of(client.get(response["Location"])).text("//table[@id='events']")
    assert "Closed with 1 return not approved" in history
    assert "Committee papers are due." in history


def test_a_period_with_every_return_approved_closes_without_a_reason(
    admin_user: User, q3: ReportingPeriod
) -> None:
    Update.objects.filter(period=q3).update(state="approved")
    client = signed_in(admin_user)
    assert "All 2 returns are approved." in Page.of(client.get(_close(q3))).text()
    client.post(_close(q3), {})
    q3.refresh_from_db()
    assert q3.is_closed


def test_reopening_needs_a_reason_which_is_recorded(admin_user: User, q3: ReportingPeriod) -> None:
    ReportingPeriod.objects.filter(pk=q3.pk).update(state="closed")
    client = signed_in(admin_user)
    path = reverse("progress:reopen_period", args=[q3.slug])
    page = Page.of(client.post(path, {"reason": ""}))
    assert _summary_links(page) == {"Say why the period is being reopened.": "#reason"}
    client.post(path, {"reason": "Finance's return was approved in error."})
    q3.refresh_from_db()
    assert q3.is_open
    assert (
        PeriodEvent.objects.get(kind="reopened").reason == "Finance's return was approved in error."
    )


def test_the_list_shows_each_period_s_state_and_returns(
    admin_user: User, q3: ReportingPeriod
) -> None:
    page = Page.of(signed_in(admin_user).get(reverse("progress:periods")))
    assert page.texts("//tbody/tr") == ["2021-22 Q3 Open 14 Jan 2022 1 of 2"]
    assert page.count("//a[text()='Open a period']") == 0


def test_only_administrators_manage_periods(
    reviewer: User, lead: User, q3: ReportingPeriod
) -> None:
    for user in (reviewer, lead):
        for path in (reverse("progress:periods"), OPEN, _close(q3)):
            assert signed_in(user).get(path).status_code == 403, path
        assert signed_in(user).post(_close(q3), {"force_reason": "x"}).status_code == 403
    q3.refresh_from_db()
    assert q3.is_open


def test_another_organisation_s_period_is_not_found(outsider: User, q3: ReportingPeriod) -> None:
    assert signed_in(outsider).get(reverse("progress:period", args=[q3.slug])).status_code == 404
    assert signed_in(outsider).post(_close(q3), {"force_reason": "x"}).status_code == 404
    q3.refresh_from_db()
    assert q3.is_open
