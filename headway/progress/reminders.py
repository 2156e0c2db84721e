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
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction

from headway import clock
from headway.accounts.models import Membership, User
from headway.progress.links import return_url
from headway.progress.models import Reminder, ReportingPeriod, Update
from headway.progress.owners import owners_of_many
from headway.progress.permissions import check_may_chase_returns

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
        days_left = (self.deadline - self.today).days
        when = f"are due on {deadline}, in {_days(days_left)}"
        if days_left == 0:
            when = f"are due today, {deadline}"
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
    today = today or clock.today()
    kinds: dict[int, str] = {}
    periods = []
    for period in _open_periods():
        assert period.deadline is not None
        kind = reminder_kind(period.deadline, period.remind_days_before, today)
        if kind is not None:
            periods.append(period)
            kinds[period.pk] = kind
    return _plan(periods, kinds, today)


def _open_periods() -> list[ReportingPeriod]:
    return list(
        ReportingPeriod.objects.filter(
            state=ReportingPeriod.State.OPEN, deadline__isnull=False
        ).select_related("organisation")
    )


def _returns_of(periods: list[ReportingPeriod]) -> list[Update]:
    return list(
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


def _to_do(update: Update) -> ReturnToDo:
    return ReturnToDo(
        update_id=update.pk,
        initiative=update.initiative.title,
        service=update.initiative.service.name,
        progress=Update.Progress(update.progress).label,
    )


def _plan(
    periods: list[ReportingPeriod],
    kinds: dict[int, str],
    today: date,
    recipient_id: int | None = None,
) -> list[PlannedReminder]:
    """One reminder per person and period with returns still to do, unless sent today."""
    if not periods:
        return []
    returns = _returns_of(periods)
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
            if recipient_id is not None and person.pk != recipient_id:
                continue
            key = (person.pk, update.period_id)
            people[person.pk] = person
            totals[key] += 1
            if update.is_outstanding:
                to_do[key].append(_to_do(update))

    by_id = {period.pk: period for period in periods}
    plans = [
        PlannedReminder(
            recipient=people[person_id],
            period=by_id[period_id],
            kind=kinds[period_id],
            today=today,
            to_do=tuple(items),
            total=totals[(person_id, period_id)],
        )
        for (person_id, period_id), items in to_do.items()
        if (person_id, period_id) not in already
    ]
    plans.sort(key=lambda p: (p.period.organisation.name, str(p.recipient), p.recipient.pk))
    return plans


def next_reminder_day(deadline: date, remind_days_before: int, after: date) -> date:
    """The first day after ``after`` on which owners are reminded (see ``reminder_kind``)."""
    due_soon = deadline - timedelta(days=remind_days_before)
    if remind_days_before > 0 and due_soon > after:
        return due_soon
    first_overdue = deadline + timedelta(days=1)
    if first_overdue > after:
        return first_overdue
    weeks = (after - first_overdue).days // OVERDUE_EVERY_DAYS + 1
    return first_overdue + timedelta(days=weeks * OVERDUE_EVERY_DAYS)


def plan_next_reminders(today: date | None = None) -> tuple[date, list[PlannedReminder]] | None:
    """The next day after today on which reminders go, and those that would go then.

    None when no open period has a deadline. For ``headway remind --dry-run`` on a day
    when none are due, so that it can still say who will be chased, and when.
    """
    today = today or clock.today()
    periods = _open_periods()
    if not periods:
        return None
    days = {}
    for period in periods:
        assert period.deadline is not None
        days[period.pk] = next_reminder_day(period.deadline, period.remind_days_before, today)
    day = min(days.values())
    due = [period for period in periods if days[period.pk] == day]
    kinds = {}
    for period in due:
        assert period.deadline is not None
        kind = reminder_kind(period.deadline, period.remind_days_before, day)
        assert kind is not None
        kinds[period.pk] = kind
    return day, _plan(due, kinds, day)


def returns_nobody_owns(today: date | None = None) -> list[tuple[ReportingPeriod, ReturnToDo]]:
    """Outstanding returns of open periods with no owner and no service lead to remind.

    Nobody is chased for these: the performance team should give the initiative an owner
    or its service a lead.
    """
    periods = _open_periods()
    if not periods:
        return []
    returns = [update for update in _returns_of(periods) if update.is_outstanding]
    owners = owners_of_many({r.initiative_id: r.initiative for r in returns}.values())
    by_id = {period.pk: period for period in periods}
    return [
        (by_id[update.period_id], _to_do(update))
        for update in returns
        if not owners[update.initiative_id]
    ]


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


def remind_owner_now(
    period: ReportingPeriod, recipient: User, by: Membership, today: date | None = None
) -> PlannedReminder:
    """Email one owner now about their returns still to do in the period, as a reminder.

    Recorded like the daily reminders, so the daily run does not email them again today;
    refused (``ValidationError``) if they were already reminded today, have nothing to do,
    or have no email address.
    """
    check_may_chase_returns(by, period.organisation)
    today = today or clock.today()
    name = recipient.get_full_name() or recipient.username
    if not period.is_open or period.deadline is None:
        raise ValidationError(f"{period.label} is not open, so there is nothing to chase.")
    if Reminder.objects.filter(recipient=recipient, period=period, sent_on=today).exists():
        raise ValidationError(
            f"{name} has already been reminded today. Reminders go at most once a day."
        )
    kind = Reminder.Kind.OVERDUE if today > period.deadline else Reminder.Kind.DUE_SOON
    plans = _plan([period], {period.pk: kind}, today, recipient_id=recipient.pk)
    if not plans:
        raise ValidationError(f"{name} has no {period.label} returns still to do.")
    if not recipient.email:
        raise ValidationError(
            f"{name} has no email address, so they cannot be reminded. Ask an administrator "
            "to add one."
        )
    if not send_planned(plans):
        raise ValidationError(
            f"The reminder to {name} could not be sent. Try again later; if it still fails, "
            "tell your system administrator."
        )
    return plans[0]
