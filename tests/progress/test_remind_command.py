"""``headway remind`` lists who would be reminded and, without --dry-run, reminds them."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from headway.accounts.models import User
from headway.progress.models import Reminder, ReportingPeriod
from headway.strategy.models import Organisation, Service
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory


@pytest.fixture
def q3(org: Organisation, service: Service, lead: User) -> ReportingPeriod:
    period = ReportingPeriodFactory.create(
        organisation=org,
        year=2021,
        quarter=3,
        deadline=dt.date(2022, 1, 14),
        remind_days_before=7,
        remind_again_days_before=0,
    )
    for title, state in (("Payroll system", "draft"), ("Debt recovery", "submitted")):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(organisation=org, service=service, title=title),
            period=period,
            state=state,
        )
    User.objects.filter(pk=lead.pk).update(first_name="Head of", last_name="Finance (demo)")
    return period


def remind(*args: str) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_lists_who_would_be_reminded_and_sends_nothing(q3: ReportingPeriod) -> None:
    output = remind("--dry-run", "--date", "2022-01-07")
    assert output.splitlines() == [
        "Head of Finance (demo) <lead@example.org>: 2021-22 Q3 (Shared Service), "
        "1 of 2 to do, due in 7 days",
        "  - Payroll system (Finance): not started",
        "Dry run: 1 reminder would be sent; nothing was sent.",
    ]
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_it_says_how_late_overdue_returns_are(q3: ReportingPeriod) -> None:
    assert "1 of 2 to do, 3 days late" in remind("--dry-run", "--date", "2022-01-17")


def test_it_sends_and_records_the_reminders(q3: ReportingPeriod) -> None:
    output = remind("--date", "2022-01-07")
    assert output.splitlines()[-1] == "Sent 1 reminder."
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().sent_on == dt.date(2022, 1, 7)


def test_running_it_again_the_same_day_sends_nothing_more(q3: ReportingPeriod) -> None:
    remind("--date", "2022-01-07")
    assert remind("--date", "2022-01-07").strip() == "No reminders are due."
    assert len(mail.outbox) == 1


def test_it_says_who_has_no_email_address(q3: ReportingPeriod, lead: User) -> None:
    User.objects.filter(pk=lead.pk).update(email="")
    output = remind("--date", "2022-01-07")
    assert "Head of Finance (demo) <no email address: not sent>" in output
    assert output.splitlines()[-2:] == [
        "Sent 0 of 1 reminder:",
        "  Head of Finance (demo): no email address",
    ]
    assert mail.outbox == []


def test_it_says_when_no_reminders_are_due(q3: ReportingPeriod) -> None:
    assert remind("--date", "2022-01-10").strip() == "No reminders are due."


def test_it_refuses_a_date_it_cannot_read(db: None) -> None:
    with pytest.raises(CommandError, match="write it as 2022-01-07"):
        remind("--date", "7 January")


def test_a_dry_run_on_a_quiet_day_says_who_will_be_reminded_next_and_when(
    q3: ReportingPeriod,
) -> None:
    output = remind("--dry-run", "--date", "2022-01-10")
    assert output.splitlines() == [
        "No reminders are due today.",
        "The next reminders go on Friday 14 January 2022:",
        "Head of Finance (demo) <lead@example.org>: 2021-22 Q3 (Shared Service), "
        "1 of 2 to do, due today",
        "  - Payroll system (Finance): not started",
        "Dry run: nothing was sent.",
    ]


def test_a_dry_run_names_returns_nobody_will_be_reminded_of(
    q3: ReportingPeriod, org: Organisation
) -> None:
    UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org, title="Contracts register"),
        period=q3,
        state="draft",
    )
    lines = remind("--dry-run", "--date", "2022-01-07").splitlines()
    assert lines[-3:] == [
        "Returns still to do that nobody is reminded of (give the initiative an owner or its "
        "service a lead):",
        f"  - Contracts register ({Service.objects.exclude(name='Finance').get().name}): "
        "2021-22 Q3 (Shared Service), not started",
        "Dry run: 1 reminder would be sent; nothing was sent.",
    ]
