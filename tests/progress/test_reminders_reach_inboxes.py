"""Reminders go through a real SMTP server (aiosmtpd on 127.0.0.1) with Django's SMTP backend:
each overdue owner gets one digest listing all their returns, the server's refusal of an
address is logged with its answer, and a second run the same day sends nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from headway.accounts.models import Membership, Role, User
from headway.progress import reminders
from headway.progress.models import Reminder, ReportingPeriod
from headway.strategy.models import Organisation, Service
from tests.conftest import signed_in
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    ReportingPeriodFactory,
    ServiceFactory,
    UpdateFactory,
    UserFactory,
)
from tests.pages import Page
from tests.smtp_server import (
    Mailbox,
    SmtpServer,
    password_check,
    sending_through,
    smtp_server,
    start,
)

__all__ = ["smtp_server"]  # The fixture, imported to be used here.

DEADLINE = dt.date(2022, 1, 14)  # A Friday.
FIRST_LATE_DAY = "2022-01-17"  # The Monday after: the first working day late.
REFUSED = "legal@example.org"


@pytest.fixture
def q3(org: Organisation, service: Service, lead: User) -> ReportingPeriod:
    """Finance's lead has two late returns (and one approved), ICT's one, Legal's one; the
    mail server does not know Legal's lead's address."""
    period = ReportingPeriodFactory.create(
        organisation=org, year=2021, quarter=3, deadline=DEADLINE, state="open"
    )
    ict = _service_with_lead(org, "ICT", "ict")
    legal = _service_with_lead(org, "Legal", "legal")
    for where, title, state in (
        (service, "Payroll system", "draft"),
        (service, "Debt recovery", "returned"),
        (service, "Budget book", "approved"),
        (ict, "Laptop refresh", "draft"),
        (legal, "Contracts register", "draft"),
    ):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(organisation=org, service=where, title=title),
            period=period,
            state=state,
        )
    return period


def _service_with_lead(org: Organisation, name: str, username: str) -> Service:
    found = ServiceFactory.create(organisation=org, name=name)
    MembershipFactory.create(
        user=UserFactory.create(username=username),
        organisation=org,
        role=Role.SERVICE_LEAD,
        services=[found],
    )
    return found


def remind(day: str = FIRST_LATE_DAY) -> str:
    out = StringIO()
    call_command("remind", "--date", day, stdout=out)
    return out.getvalue()


def log() -> list[tuple[str, str, int | None, str]]:
    return [
        (r.email, r.status, r.answer_code, r.answer)
        for r in Reminder.objects.order_by("email", "pk")
    ]


def test_each_overdue_owner_gets_one_digest_and_the_refusal_is_logged(
    q3: ReportingPeriod, smtp_server: SmtpServer, settings: Any
) -> None:
    sending_through(settings, smtp_server, DEFAULT_FROM_EMAIL="headway@council.example")
    smtp_server.mailbox.refuse.add(REFUSED)

    output = remind()

    mailbox = smtp_server.mailbox
    assert sorted(r.recipients[0] for r in mailbox.received) == [
        "ict@example.org",
        "lead@example.org",
    ]
    assert all(r.sender == "headway@council.example" for r in mailbox.received)
    [finance] = mailbox.to("lead@example.org")
    assert finance["Subject"] == (
        "Your 2021-22 Q3 updates were due on 14 January: 2 of 3 still to do"
    )
    body = finance.get_content()
    assert "- Payroll system (Finance), not started:" in body
    assert "- Debt recovery (Finance), returned:" in body
    assert "Budget book" not in body
    [ict] = mailbox.to("ict@example.org")
    assert "- Laptop refresh (ICT), not started:" in ict.get_content()

    assert log() == [
        ("ict@example.org", "accepted", None, ""),
        ("lead@example.org", "accepted", None, ""),
        (
            REFUSED,
            "refused",
            550,
            f"5.1.1 <{REFUSED}>: Recipient address rejected: User unknown",
        ),
    ]
    finance_log = Reminder.objects.get(email="lead@example.org")
    assert sorted(u.initiative.title for u in finance_log.updates.all()) == [
        "Debt recovery",
        "Payroll system",
    ]
    assert output.splitlines()[-2:] == [
        "Sent 2 of 3 reminders:",
        f"  {REFUSED}: refused by the mail server: 550 5.1.1 <{REFUSED}>: Recipient address "
        "rejected: User unknown",
    ]

    # A second run the same day (the task, or someone running the command again) sends
    # nothing, and does not try the refused address again.
    assert remind().strip() == "No reminders are due."
    assert len(mailbox.received) == 2
    assert Reminder.objects.count() == 3


def test_the_log_is_on_the_periods_page_and_each_persons_page(
    q3: ReportingPeriod, smtp_server: SmtpServer, settings: Any, admin_user: User
) -> None:
    sending_through(settings, smtp_server)
    smtp_server.mailbox.refuse.add(REFUSED)
    remind()
    client = signed_in(admin_user)

    page = Page.of(client.get(reverse("progress:period", args=[q3.slug])))
    rows = page.texts("//table[@id='reminders']/tbody/tr")
    assert len(rows) == 3
    refused = next(row for row in rows if REFUSED in row)
    assert "Contracts register" in refused
    assert "Refused" in refused
    assert "550 5.1.1" in refused
    finance = next(row for row in rows if "lead@example.org" in row)
    assert "Payroll system" in finance
    assert "Debt recovery" in finance
    assert "Accepted" in finance

    legal = Membership.objects.get(user__username="legal")
    page = Page.of(client.get(reverse("people:person", args=[legal.pk])))
    [row] = page.texts("//table[@id='reminders']/tbody/tr")
    assert "2021-22 Q3" in row
    assert "Recipient address rejected" in row


def test_a_server_that_cannot_be_reached_is_logged_and_tried_again_on_the_next_run(
    q3: ReportingPeriod, settings: Any
) -> None:
    mailbox = Mailbox()
    server = start(mailbox)
    server.controller.stop()  # Its port is now closed: nothing answers.
    sending_through(settings, server)

    output = remind()

    # The run stops at the first failure: one logged as not sent, the others not tried.
    [(email, status, code, answer)] = log()
    assert (status, code) == ("failed", None)
    assert answer.startswith("Could not reach the mail server: ")
    assert "Sent 0 of 3 reminders:" in output
    assert "not tried: the mail server could not be reached" in output

    server = start(mailbox, port=server.port)  # The server is back.
    try:
        remind()
    finally:
        server.controller.stop()
    assert len(mailbox.received) == 3
    statuses = [(r.email, r.status) for r in Reminder.objects.order_by("pk")]
    assert statuses[0] == (email, "failed")
    assert sorted(s for _, s in statuses[1:]) == ["accepted"] * 3


# The test server signs in without TLS (which needs a certificate); aiosmtpd warns of that.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_it_signs_in_with_the_configured_account(q3: ReportingPeriod, settings: Any) -> None:
    mailbox = Mailbox()
    server = start(
        mailbox,
        authenticator=password_check("headway", "right"),
        auth_required=True,
        auth_require_tls=False,
    )
    try:
        sending_through(settings, server, EMAIL_HOST_USER="headway", EMAIL_HOST_PASSWORD="wrong")
        remind()
        [(_, status, code, answer)] = log()
        assert (status, code, answer) == ("failed", 535, "5.7.8 Authentication credentials invalid")
        assert mailbox.received == []

        settings.EMAIL_HOST_PASSWORD = "right"
        remind()
        assert len(mailbox.received) == 3
    finally:
        server.controller.stop()


def test_starttls_that_the_server_does_not_offer_is_logged_not_sent(
    q3: ReportingPeriod, smtp_server: SmtpServer, settings: Any
) -> None:
    sending_through(settings, smtp_server, EMAIL_USE_TLS=True)
    remind()
    [(_, status, _, answer)] = log()
    assert status == "failed"
    assert "STARTTLS" in answer
    assert smtp_server.mailbox.received == []


def test_a_crash_while_sending_never_claims_the_reminder_went(
    q3: ReportingPeriod, smtp_server: SmtpServer, settings: Any, monkeypatch: Any
) -> None:
    sending_through(settings, smtp_server)

    def crash(*args: Any) -> None:
        raise SystemExit("The worker was stopped.")

    monkeypatch.setattr(reminders, "_send", crash)
    with pytest.raises(SystemExit):
        remind()
    [(_, status, _, _)] = log()
    assert status == "sending"

    # Whether it went is not known: the same day's runs leave that person alone rather
    # than risk a second email, and remind the others.
    monkeypatch.undo()
    remind()
    assert len(smtp_server.mailbox.received) == 2
    assert sorted(s for _, s, _, _ in log()) == ["accepted", "accepted", "sending"]


def test_a_temporary_refusal_is_tried_again_and_the_others_still_go(
    q3: ReportingPeriod, smtp_server: SmtpServer, settings: Any
) -> None:
    sending_through(settings, smtp_server)
    smtp_server.mailbox.defer.add("ict@example.org")
    remind()
    assert sorted(r.recipients[0] for r in smtp_server.mailbox.received) == [
        "lead@example.org",
        "legal@example.org",
    ]
    deferred = Reminder.objects.get(email="ict@example.org")
    assert (deferred.status, deferred.answer_code) == ("failed", 450)
    assert deferred.answer == "4.2.1 <ict@example.org>: Mailbox busy, try again later"

    smtp_server.mailbox.defer.clear()
    remind()
    assert [r.recipients for r in smtp_server.mailbox.received][2:] == [["ict@example.org"]]


def test_implicit_tls_to_a_server_that_does_not_speak_it_is_logged_not_sent(
    q3: ReportingPeriod, smtp_server: SmtpServer, settings: Any
) -> None:
    sending_through(settings, smtp_server, EMAIL_USE_SSL=True)
    remind()
    [(_, status, _, answer)] = log()
    assert status == "failed"
    assert answer.startswith("Could not reach the mail server: [SSL")
    assert smtp_server.mailbox.received == []
