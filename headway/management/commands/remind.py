"""``headway remind``: email owners of outstanding returns the reminders due today."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from headway.progress.models import Reminder
from headway.progress.reminders import (
    PlannedReminder,
    plan_next_reminders,
    plan_reminders,
    returns_nobody_owns,
    send_planned,
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date {text!r} is not a date: write it as 2022-01-07.") from None


def _reminders(count: int) -> str:
    return "1 reminder" if count == 1 else f"{count} reminders"


def _why(plan: PlannedReminder) -> str:
    """Why a planned reminder was not accepted, from its log."""
    if not plan.recipient.email:
        return "no email address"
    record = (
        Reminder.objects.filter(recipient=plan.recipient, period=plan.period, sent_on=plan.today)
        .order_by("pk")
        .last()
    )
    if record is None:
        return "not tried: the mail server could not be reached; tried again on the next run"
    if record.status == Reminder.Status.REFUSED:
        return f"refused by the mail server: {record.answer_code} {record.answer}"
    if record.status == Reminder.Status.FAILED:
        answer = f"{record.answer_code or ''} {record.answer}".strip()
        return f"not sent ({answer}); tried again on the next run"
    return "sent by another run"


class Command(BaseCommand):
    help = (
        "Email the owners of outstanding returns the reminders due today (the daily task "
        "does this too). Each person is reminded at most once a day."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be reminded; send nothing."
        )
        parser.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD). Default: today."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options["date"]) if options["date"] else None
        plans = plan_reminders(today)
        if options["dry_run"]:
            self._dry_run(plans, today)
            return
        if not plans:
            self.stdout.write("No reminders are due.")
            return
        for plan in plans:
            self._describe(plan)
        sent = send_planned(plans)
        if len(sent) == len(plans):
            self.stdout.write(self.style.SUCCESS(f"Sent {_reminders(len(sent))}."))
            return
        self.stdout.write(self.style.WARNING(f"Sent {len(sent)} of {_reminders(len(plans))}:"))
        accepted = {id(plan) for plan in sent}
        for plan in plans:
            if id(plan) not in accepted:
                self.stdout.write(f"  {plan.recipient.email or plan.recipient}: {_why(plan)}")

    def _dry_run(self, plans: list[PlannedReminder], today: dt.date | None) -> None:
        """Who would be reminded today; on a day with none due, who will be next, and when."""
        if plans:
            for plan in plans:
                self._describe(plan)
            summary = f"Dry run: {_reminders(len(plans))} would be sent; nothing was sent."
        else:
            self.stdout.write("No reminders are due today.")
            upcoming = plan_next_reminders(today)
            day, later = upcoming if upcoming else (None, [])
            if day is not None and later:
                self.stdout.write(f"The next reminders go on {day:%A} {day.day} {day:%B %Y}:")
            for plan in later:
                self._describe(plan)
            summary = "Dry run: nothing was sent."
        unowned = returns_nobody_owns()
        if unowned:
            self.stdout.write(
                "Returns still to do that nobody is reminded of (give the initiative an owner "
                "or its service a lead):"
            )
            for period, item in unowned:
                self.stdout.write(
                    f"  - {item.initiative} ({item.service}): {period.label} "
                    f"({period.organisation}), {item.progress.lower()}"
                )
        self.stdout.write(summary)

    def _describe(self, plan: PlannedReminder) -> None:
        person = plan.recipient
        name = person.get_full_name() or person.username
        email = person.email or "no email address: not sent"
        self.stdout.write(
            f"{name} <{email}>: {plan.period.label} ({plan.period.organisation}), "
            f"{len(plan.to_do)} of {plan.total} to do, {plan.timing}"
        )
        for item in plan.to_do:
            self.stdout.write(f"  - {item.initiative} ({item.service}): {item.progress.lower()}")
