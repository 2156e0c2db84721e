"""Chasing returns: who is emailed about which outstanding returns, and when.

Each open period reminds the owners of its outstanding returns (drafts, and returns sent
back by a reviewer) ``remind_days_before`` days before its deadline, then the day after the
deadline and every 7 days while anything is overdue. A person gets one email a day per
period, listing all their returns; each is recorded as a ``Reminder``, whose unique
constraint makes sending safe to run twice, even at the same time.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from headway.accounts.models import User
from headway.progress.links import return_url
from headway.progress.models import Reminder, ReportingPeriod, Update
from headway.progress.owners import owners_of_many

log = logging.getLogger(__name__)

OVERDUE_EVERY_DAYS = 7


def reminder_kind(deadline: date, remind_days_before: int, today: date) -> str | None:
    """Whether owners are reminded today, and of what; None on other days."""
    days_left = (deadline - today).days
    if remind_days_before > 0 and days_left == remind_days_before:
        return Reminder.Kind.DUE_SOON
    days_late = -days_left
    if days_late >= 1 and (days_late - 1) % OVERDUE_EVERY_DAYS == 0:
        return Reminder.Kind.OVERDUE
    return None


def _day_month(day: date) -> str:
    return f"{day.day} {day:%B}"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def timing(deadline: date, today: date) -> str:
    """``due in 7 days``, ``due today`` or ``3 days late``."""
    days_left = (deadline - today).days
    if days_left > 0:
        return f"due in {_days(days_left)}"
    if days_left == 0:
        return "due today"
    return f"{_days(-days_left)} late"


@dataclass(frozen=True)
class ReturnToDo:
    update_id: int
    initiative: str
    service: str
    progress: str

    @property
    def url(self) -> str:
        return return_url(self.update_id)


@dataclass(frozen=True)
class PlannedReminder:
    """One email to one person about one period's returns."""

    recipient: User
    period: ReportingPeriod
    kind: str
    today: date
    to_do: tuple[ReturnToDo, ...]
    total: int

    @property
    def deadline(self) -> date:
        assert self.period.deadline is not None
        return self.period.deadline

    @property
    def timing(self) -> str:
        return timing(self.deadline, self.today)

    @property
    def subject(self) -> str:
        label, due = self.period.label, _day_month(self.deadline)
        count = f"{len(self.to_do)} of {self.total}"
        if self.kind == Reminder.Kind.OVERDUE:
            return f"Your {label} updates were due on {due}: {count} still to do"
        return f"Your {label} updates are due on {due}: {count} to do"

    @property
    def body(self) -> str:
        name = self.recipient.get_full_name() or self.recipient.username
        deadline = f"{self.deadline:%A} {self.deadline.day} {self.deadline:%B %Y}"
        when = f"are due on {deadline}, in {_days((self.deadline - self.today).days)}"
        if self.kind == Reminder.Kind.OVERDUE:
            when = f"were due on {deadline}, {_days((self.today - self.deadline).days)} ago"
        if self.total == 1:
            count = "Your return is still to do"
        elif len(self.to_do) == self.total:
            count = f"All {self.total} of your returns are still to do"
        else:
            count = f"{len(self.to_do)} of your {self.total} returns are still to do"
        lines = [
            f"Hello {name},",
            "",
            f"Your {self.period.label} updates {when}. {count}:",
            "",
            *(f"- {r.initiative} ({r.service}), {r.progress.lower()}: {r.url}" for r in self.to_do),
            "",
            "Each return starts from last quarter's approved text: change what has changed, "
            "then submit it for review.",
            "",
            "Headway",
        ]
        return "\n".join(lines) + "\n"


def plan_reminders(today: date | None = None) -> list[PlannedReminder]:
    """The reminders due today and not yet sent, in a fixed number of queries."""
    today = today or timezone.localdate()
    periods = [
        period
        for period in ReportingPeriod.objects.filter(
            state=ReportingPeriod.State.OPEN, deadline__isnull=False
        ).select_related("organisation")
        if period.deadline and reminder_kind(period.deadline, period.remind_days_before, today)
    ]
    if not periods:
        return []
    returns = list(
        Update.objects.filter(period__in=periods)
        .select_related("initiative__service")
        .only(
            "state",
            "started_at",
            "period",
            "initiative__title",
            "initiative__owner",
            "initiative__organisation",
            "initiative__service__name",
        )
        .order_by("initiative__title", "pk")
    )
    owners = owners_of_many({r.initiative_id: r.initiative for r in returns}.values())
    already = set(
        Reminder.objects.filter(period__in=periods, sent_on=today).values_list(
            "recipient_id", "period_id"
        )
    )

    people: dict[int, User] = {}
    totals: dict[tuple[int, int], int] = defaultdict(int)
    to_do: dict[tuple[int, int], list[ReturnToDo]] = defaultdict(list)
    for update in returns:
        for person in owners[update.initiative_id]:
            key = (person.pk, update.period_id)
            people[person.pk] = person
            totals[key] += 1
            if update.is_outstanding:
                to_do[key].append(
                    ReturnToDo(
                        update_id=update.pk,
                        initiative=update.initiative.title,
                        service=update.initiative.service.name,
                        progress=Update.Progress(update.progress).label,
                    )
                )

    by_id = {period.pk: period for period in periods}
    plans = []
    for (person_id, period_id), items in to_do.items():
        if (person_id, period_id) in already:
            continue
        period = by_id[period_id]
        assert period.deadline is not None
        kind = reminder_kind(period.deadline, period.remind_days_before, today)
        assert kind is not None
        plans.append(
            PlannedReminder(
                recipient=people[person_id],
                period=period,
                kind=kind,
                today=today,
                to_do=tuple(items),
                total=totals[(person_id, period_id)],
            )
        )
    plans.sort(key=lambda p: (p.period.organisation.name, str(p.recipient), p.recipient.pk))
    return plans


def send_planned(plans: list[PlannedReminder]) -> list[PlannedReminder]:
    """Email and record each reminder; return those sent by this call.

    A reminder is recorded before its email goes, in one transaction: if another run has
    recorded it first, the unique constraint stops this one, and if the email fails the
    record is rolled back so the next run tries again. People with no email address are
    skipped.
    """
    sent = []
    with get_connection() as connection:
        for plan in plans:
            if not plan.recipient.email:
                continue
            try:
                with transaction.atomic():
                    try:
                        with transaction.atomic():
                            Reminder.objects.create(
                                recipient=plan.recipient,
                                period=plan.period,
                                kind=plan.kind,
                                sent_on=plan.today,
                                returns_count=len(plan.to_do),
                            )
                    except IntegrityError:
                        continue  # Another run sent it.
                    EmailMessage(
                        plan.subject,
                        plan.body,
                        settings.DEFAULT_FROM_EMAIL,
                        [plan.recipient.email],
                        connection=connection,
                    ).send()
            except Exception:
                log.exception("Could not send a reminder to %s", plan.recipient.email)
                continue
            sent.append(plan)
    return sent


def send_reminders(today: date | None = None) -> list[PlannedReminder]:
    """Send today's reminders. Safe to run any number of times a day."""
    return send_planned(plan_reminders(today))
