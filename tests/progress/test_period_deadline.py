"""An administrator moves an open period's deadline and first reminder from the period's page;
the move is recorded in the period's history, and a closed period must be reopened first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from headway.accounts.models import Membership, User
from headway.progress.lifecycle import change_deadline
from headway.progress.models import PeriodEvent, ReportingPeriod
from headway.strategy.models import Organisation
from tests.conftest import signed_in
from tests.factories import ReportingPeriodFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def q3(org: Organisation) -> ReportingPeriod:
    return ReportingPeriodFactory.create(
        organisation=org, year=2021, quarter=3, deadline=dt.date(2022, 1, 14)
    )


def _path(period: ReportingPeriod) -> str:
    return reverse("progress:period_deadline", args=[period.slug])


def _posted(day: str, remind: str = "10", reason: str = "", **schedule: str) -> dict[str, str]:
    return {
        "deadline-day": day,
        "deadline-month": "1",
        "deadline-year": "2022",
        "remind_days_before": remind,
        "remind_again_days_before": "3",
        "remind_on_deadline": "yes",
        "remind_overdue_every": "2",
        **schedule,
        "reason": reason,
    }


def test_the_period_page_offers_the_change_while_open(
    admin_user: User, q3: ReportingPeriod
) -> None:
    page = Page.of(signed_in(admin_user).get(reverse("progress:period", args=[q3.slug])))
    assert page.links()["Change the deadline"] == _path(q3)
    ReportingPeriod.objects.filter(pk=q3.pk).update(state="closed")
    page = Page.of(signed_in(admin_user).get(reverse("progress:period", args=[q3.slug])))
    assert "Change the deadline" not in page.links()


def test_the_form_starts_from_the_current_deadline(admin_user: User, q3: ReportingPeriod) -> None:
    page = Page.of(signed_in(admin_user).get(_path(q3)))
    parts = [
        page.tree.xpath(f"//input[@name='deadline-{p}']/@value")[0]
        for p in ("day", "month", "year")
    ]
    assert parts == ["14", "1", "2022"]


def test_moving_the_deadline_is_saved_and_recorded(admin_user: User, q3: ReportingPeriod) -> None:
    client = signed_in(admin_user)
    response = client.post(_path(q3), _posted("21", "7", "Christmas break."))
    assert response["Location"] == reverse("progress:period", args=[q3.slug])
    q3.refresh_from_db()
    assert (q3.deadline, q3.remind_days_before) == (dt.date(2022, 1, 21), 7)
    event = PeriodEvent.objects.get(period=q3, kind="deadline")
    assert (event.by, event.reason) == (
        admin_user,
        "Deadline 14 January 2022 to 21 January 2022. Reminders: 7 and 3 days before the "
        "deadline, on the day, then every 2 working days while returns are late. "
        "Christmas break.",
    )
    page = Page.of(client.get(response["Location"]))
    assert "Deadline changed" in page.text("//table[@id='events']")
    assert "21 January 2022" in page.text()


def test_a_wrong_deadline_says_what_to_fix_and_changes_nothing(
    admin_user: User, q3: ReportingPeriod
) -> None:
    client = signed_in(admin_user)
    page = Page.of(client.post(_path(q3), _posted("", "90")))
    summary = page.texts("//div[contains(@class, 'govuk-error-summary')]//li")
    assert "Enter a number of days from 0 to 60" in summary
    assert len(summary) == 2
    # The same deadline and reminder again is not a change.
    page = Page.of(client.post(_path(q3), _posted("14")))
    assert "these are the current ones" in page.text()
    q3.refresh_from_db()
    assert q3.deadline == dt.date(2022, 1, 14)
    assert not PeriodEvent.objects.filter(kind="deadline").exists()


def test_a_deadline_before_the_quarter_starts_is_refused(
    admin_user: User, q3: ReportingPeriod
) -> None:
    membership = Membership.objects.get(user=admin_user)
    with pytest.raises(ValidationError) as refused:
        change_deadline(q3, membership, dt.date(2021, 9, 1), 7)
    assert "on or after 1 October 2021" in str(refused.value)
    q3.refresh_from_db()
    assert q3.deadline == dt.date(2022, 1, 14)


def test_a_closed_period_is_reopened_first(admin_user: User, q3: ReportingPeriod) -> None:
    ReportingPeriod.objects.filter(pk=q3.pk).update(state="closed")
    client = signed_in(admin_user)
    assert "Reopen it first" in Page.of(client.get(_path(q3))).text()
    page = Page.of(client.post(_path(q3), _posted("21")))
    assert "only an open period's deadline can be changed" in page.text()
    q3.refresh_from_db()
    assert q3.deadline == dt.date(2022, 1, 14)


def test_only_the_organisation_s_administrators_change_it(
    reviewer: User, lead: User, outsider: User, q3: ReportingPeriod
) -> None:
    for user in (reviewer, lead):
        assert signed_in(user).post(_path(q3), _posted("21")).status_code == 403
    assert signed_in(outsider).post(_path(q3), _posted("21")).status_code == 404
    q3.refresh_from_db()
    assert q3.deadline == dt.date(2022, 1, 14)


def test_the_reminder_schedule_is_changed_beside_the_deadline(
    admin_user: User, q3: ReportingPeriod
) -> None:
    client = signed_in(admin_user)
    period_page = reverse("progress:period", args=[q3.slug])
    assert (
        "10 and 3 days before the deadline, on the day, then every 2 working days while "
        "returns are late" in Page.of(client.get(period_page)).text()
    )
    posted = _posted(
        "14", remind_again_days_before="0", remind_on_deadline="no", remind_overdue_every="5"
    )
    assert client.post(_path(q3), posted)["Location"] == period_page
    q3.refresh_from_db()
    assert (q3.remind_again_days_before, q3.remind_on_deadline, q3.remind_overdue_every) == (
        0,
        False,
        5,
    )
    assert (
        "10 days before the deadline, then every 5 working days while returns are late"
        in Page.of(client.get(period_page)).text()
    )


@pytest.mark.parametrize(
    ("schedule", "field", "message"),
    [
        (
            {"remind_again_days_before": "10"},
            "remind_again_days_before",
            "Enter fewer days than the first reminder (10 days), or 0 for no second reminder",
        ),
        (
            {"remind_days_before": "0"},
            "remind_again_days_before",
            "Set the first reminder before the second",
        ),
        (
            {"remind_overdue_every": "0"},
            "remind_overdue_every",
            "Enter a number of working days from 1 to 20",
        ),
        (
            {"remind_on_deadline": ""},
            "remind_on_deadline",
            "Select whether to remind owners on the day",
        ),
    ],
)
def test_a_schedule_that_cannot_be_kept_says_what_to_fix(
    admin_user: User, q3: ReportingPeriod, schedule: dict[str, str], field: str, message: str
) -> None:
    page = Page.of(signed_in(admin_user).post(_path(q3), _posted("21", **schedule)))
    links = page.tree.xpath("//div[contains(@class, 'govuk-error-summary')]//a")
    assert [(a.text_content().strip()[: len(message)], a.get("href")) for a in links] == [
        (message, f"#{field}")
    ]
    q3.refresh_from_db()
    assert (q3.deadline, q3.remind_again_days_before, q3.remind_overdue_every) == (
        dt.date(2022, 1, 14),
        3,
        2,
    )
