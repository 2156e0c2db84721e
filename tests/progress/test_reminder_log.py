"""The log of reminders: what the quarter's page and a person's page show, a page at a time,
and "chase everyone" and a one-owner reminder reporting the mail server's answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from headway.accounts.models import Membership, User
from headway.progress.models import Reminder, ReportingPeriod
from headway.progress.reminders import chase_everyone_now, remind_owner_now, reminder_log
from headway.strategy.models import Organisation, Service
from tests.conftest import signed_in
from tests.factories import (
    InitiativeFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    UserFactory,
)
from tests.pages import Page
from tests.smtp_server import SmtpServer, sending_through, smtp_server

__all__ = ["smtp_server"]  # The fixture, imported to be used here.

DEADLINE = dt.date(2022, 1, 14)
LATE = dt.date(2022, 1, 17)


@pytest.fixture
def q3(org: Organisation, service: Service) -> ReportingPeriod:
    period = ReportingPeriodFactory.create(
        organisation=org, year=2021, quarter=3, deadline=DEADLINE, state="open"
    )
    for title in ("Payroll", "Debt recovery"):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(organisation=org, service=service, title=title),
            period=period,
            state="draft",
        )
    return period


def logged(period: ReportingPeriod, count: int, recipient: User) -> None:
    updates = list(period.updates.all())
    for day in range(count):
        reminder = Reminder.objects.create(
            recipient=recipient,
            period=period,
            kind="overdue",
            sent_on=DEADLINE + dt.timedelta(days=day + 1),
            returns_count=len(updates),
            email=recipient.email,
        )
        reminder.updates.set(updates)


def test_chasing_everyone_sends_each_owner_one_digest_of_all_their_returns(
    q3: ReportingPeriod, org: Organisation, service: Service, lead: User, as_admin: Membership
) -> None:
    owner = UserFactory.create(username="owner")
    UpdateFactory.create(
        initiative=InitiativeFactory.create(
            organisation=org, service=service, title="Laptops", owner=owner
        ),
        period=q3,
        state="returned",
    )
    result = chase_everyone_now(q3, by=as_admin, today=LATE)
    assert sorted((p.recipient.username, len(p.to_do)) for p in result.sent) == [
        ("lead", 2),
        ("owner", 1),
    ]
    assert result.not_sent == []
    assert sorted(m.to[0] for m in mail.outbox) == ["lead@example.org", "owner@example.org"]
    # Once a day: a second click the same day sends nothing more.
    assert chase_everyone_now(q3, by=as_admin, today=LATE).planned == []
    assert len(mail.outbox) == 2


def test_a_refused_reminder_says_what_the_mail_server_answered(
    q3: ReportingPeriod, lead: User, as_admin: Membership, smtp_server: SmtpServer, settings: Any
) -> None:
    sending_through(settings, smtp_server)
    smtp_server.mailbox.refuse.add(lead.email)
    with pytest.raises(ValidationError) as refused:
        remind_owner_now(q3, lead, by=as_admin, today=LATE)
    assert refused.value.messages == [
        "The mail server refused the reminder to lead (lead@example.org): 550 5.1.1 "
        "<lead@example.org>: Recipient address rejected: User unknown. Check their email "
        "address."
    ]
    result = chase_everyone_now(q3, by=as_admin, today=LATE)
    assert result.planned == []  # Refused is an answer: not tried again the same day.


def test_the_periods_page_shows_the_log_a_page_at_a_time(
    q3: ReportingPeriod, lead: User, admin_user: User
) -> None:
    logged(q3, 25, lead)
    client = signed_in(admin_user)
    path = reverse("progress:period", args=[q3.slug])
    first = Page.of(client.get(path))
    rows = first.texts("//table[@id='reminders']/tbody/tr")
    assert len(rows) == 20
    assert "8 Feb 2022" in rows[0]  # Newest first.
    assert "Debt recovery" in rows[0]
    assert "Payroll" in rows[0]
    second = Page.of(client.get(path, {"reminders": "2"}))
    assert len(second.texts("//table[@id='reminders']/tbody/tr")) == 5
    # A page past the end, or not a number, shows the nearest page.
    assert Page.of(client.get(path, {"reminders": "9"})).texts(
        "//table[@id='reminders']/tbody/tr"
    ) == second.texts("//table[@id='reminders']/tbody/tr")
    assert (
        len(
            Page.of(client.get(path, {"reminders": "x"})).texts("//table[@id='reminders']/tbody/tr")
        )
        == 20
    )


def test_reading_the_log_takes_the_same_queries_however_long_it_is(
    q3: ReportingPeriod, lead: User, django_assert_max_num_queries: Any
) -> None:
    def count(rows: int) -> int:
        Reminder.objects.all().delete()
        logged(q3, rows, lead)
        with django_assert_max_num_queries(100) as queries:
            page = list(reminder_log(period=q3)[:20])
            assert all(r.updates.all() and r.recipient.email for r in page)
        return len(queries)

    assert count(2) == count(20) == 2


def test_a_persons_page_shows_only_their_reminders_from_this_organisation(
    q3: ReportingPeriod, lead: User, admin_user: User, other_org: Organisation
) -> None:
    logged(q3, 1, lead)
    elsewhere = ReportingPeriodFactory.create(organisation=other_org, year=2021, quarter=3)
    Reminder.objects.create(
        recipient=lead, period=elsewhere, kind="overdue", sent_on=LATE, returns_count=1
    )
    membership = Membership.objects.get(user=lead, organisation=q3.organisation)
    assert list(reminder_log(recipient=membership).values_list("period", flat=True)) == [q3.pk]
    page = Page.of(signed_in(admin_user).get(reverse("people:person", args=[membership.pk])))
    [row] = page.texts("//table[@id='reminders']/tbody/tr")
    assert "2021-22 Q3" in row
