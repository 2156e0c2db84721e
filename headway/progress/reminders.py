"""Chasing returns: who is emailed about which outstanding returns, and when.

Each open period reminds the owners of its outstanding returns (drafts, and returns sent
back by a reviewer) on the days of its reminder schedule (``progress.reminder_schedule``:
by default 10 and 3 days before the deadline, on the day, then every 2 working days while
anything is late). A person gets one digest a day per period, listing all their returns.

Every message is logged as a ``Reminder`` in three steps: recorded as ``sending`` (whose
unique constraint makes sending safe to run twice, even at the same time), sent outside any
transaction, then marked with the mail server's answer: accepted, refused (with its code and
message), or failed (the server could not be reached: tried again on the next run). A crash
between the steps leaves ``sending``, never a claim that the message went.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet

from headway import clock
from headway.accounts.models import Membership, User
from headway.progress.links import return_url
from headway.progress.models import PeriodEvent, Reminder, ReportingPeriod, Update
from headway.progress.owners import owners_of_many
from headway.progress.permissions import check_may_chase_returns
from headway.progress.reminder_schedule import ReminderSchedule

log = logging.getLogger(__name__)


def reminder_kind(period: ReportingPeriod, today: date) -> str | None:
    """Whether the period's owners are reminded today, and of what; None on other days."""
    assert period.deadline is not None
    return ReminderSchedule.of(period).kind_on(period.deadline, today)


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
        if self.today == self.deadline:
            return f"Your {label} updates are due today, {due}: {count} to do"
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
        kind = reminder_kind(period, today)
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
        Reminder.objects.filter(period__in=periods, sent_on=today)
        .exclude(status=Reminder.Status.FAILED)
        .values_list("recipient_id", "period_id")
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


def next_reminder_day(period: ReportingPeriod, after: date) -> date:
    """The first day after ``after`` on which the period's owners are reminded."""
    assert period.deadline is not None
    return ReminderSchedule.of(period).next_day(period.deadline, after)


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
        days[period.pk] = next_reminder_day(period, today)
    day = min(days.values())
    due = [period for period in periods if days[period.pk] == day]
    kinds = {}
    for period in due:
        kind = reminder_kind(period, day)
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


@dataclass(frozen=True)
class Answer:
    """What came of one attempt to send: a ``Reminder.Status`` and the server's words."""

    status: str
    code: int | None = None
    message: str = ""
    # The server could not be reached (or would not let Headway in): stop this run.
    connection_lost: bool = False


def _text(message: bytes | str) -> str:
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)


def _refusal(code: int, message: bytes | str) -> Answer:
    """A permanent refusal (5xx) is final; a temporary one (4xx) is tried again next run."""
    status = Reminder.Status.REFUSED if code >= 500 else Reminder.Status.FAILED
    return Answer(status, code, _text(message))


def _send(plan: PlannedReminder, connection: BaseEmailBackend) -> Answer:
    """Send one reminder and read the server's answer; never raises."""
    message = EmailMessage(
        plan.subject,
        plan.body,
        settings.DEFAULT_FROM_EMAIL,
        [plan.recipient.email],
        connection=connection,
    )
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        return _refusal(*next(iter(error.recipients.values()), (550, b"Refused")))
    except smtplib.SMTPDataError as error:
        return _refusal(error.smtp_code, error.smtp_error)
    except smtplib.SMTPResponseException as error:
        # Connecting, greeting, signing in or the sender refused: no message can go this run.
        words = _text(error.smtp_error)
        return Answer(Reminder.Status.FAILED, error.smtp_code, words, connection_lost=True)
    except smtplib.SMTPException as error:  # Disconnected, or no STARTTLS or sign-in offered.
        why = str(error) or type(error).__name__
        return Answer(Reminder.Status.FAILED, None, why, connection_lost=True)
    except OSError as error:  # Refused, unreachable, timed out, a TLS failure.
        unreachable = f"Could not reach the mail server: {error.strerror or error}"
        return Answer(Reminder.Status.FAILED, None, unreachable, connection_lost=True)
    except Exception as error:
        log.exception("Could not send a reminder to %s", plan.recipient.email)
        return Answer(Reminder.Status.FAILED, None, f"{type(error).__name__}: {error}")
    return Answer(Reminder.Status.ACCEPTED)


def _record_intent(plan: PlannedReminder) -> Reminder | None:
    """Record that the reminder is being sent; None if another run has recorded it first."""
    try:
        with transaction.atomic():
            record = Reminder.objects.create(
                recipient=plan.recipient,
                period=plan.period,
                kind=plan.kind,
                sent_on=plan.today,
                returns_count=len(plan.to_do),
                email=plan.recipient.email,
                status=Reminder.Status.SENDING,
            )
            record.updates.set([item.update_id for item in plan.to_do])
    except IntegrityError:
        return None
    return record


def _record_answer(record: Reminder, answer: Answer) -> None:
    Reminder.objects.filter(pk=record.pk).update(
        status=answer.status,
        answer_code=answer.code,
        answer=answer.message[:2000],
        answered_at=clock.now(),
    )
    if answer.status != Reminder.Status.ACCEPTED:
        log.warning(
            "Reminder to %s %s: %s",
            record.email,
            Reminder.Status(answer.status).label.lower(),
            f"{answer.code or ''} {answer.message}".strip(),
        )


def send_planned(plans: list[PlannedReminder]) -> list[PlannedReminder]:
    """Email and log each reminder; return those the mail server accepted in this call.

    Each is recorded as being sent before it goes (a run that finds another's record skips
    it), sent outside the transaction, then marked with the server's answer. When the server
    cannot be reached the run stops there: the reminders not yet tried, and the one that
    failed, go on the next run. People with no email address are skipped.
    """
    sent = []
    connection = get_connection()
    try:
        for plan in plans:
            if not plan.recipient.email:
                continue
            record = _record_intent(plan)
            if record is None:
                continue  # Another run is sending it, or has sent it.
            answer = _send(plan, connection)
            _record_answer(record, answer)
            if answer.status == Reminder.Status.ACCEPTED:
                sent.append(plan)
            if answer.connection_lost:
                break
    finally:
        try:
            connection.close()
        except Exception:  # A connection that broke cannot always be closed politely.
            log.debug("Closing the mail connection failed", exc_info=True)
    return sent


def send_reminders(today: date | None = None) -> list[PlannedReminder]:
    """Send today's reminders. Safe to run any number of times a day."""
    return send_planned(plan_reminders(today))


def _kind_now(period: ReportingPeriod, today: date) -> str:
    """A reminder sent by hand: due soon, due today or overdue, whatever the schedule says."""
    assert period.deadline is not None
    if today < period.deadline:
        return Reminder.Kind.DUE_SOON
    return Reminder.Kind.DUE_TODAY if today == period.deadline else Reminder.Kind.OVERDUE


def _check_may_chase_now(period: ReportingPeriod, by: Membership) -> None:
    check_may_chase_returns(by, period.organisation)
    if not period.is_open or period.deadline is None:
        raise ValidationError(f"{period.label} is not open, so there is nothing to chase.")


def _last_answer(period: ReportingPeriod, recipient: User, today: date) -> Reminder | None:
    return Reminder.objects.filter(recipient=recipient, period=period, sent_on=today).last()


def _not_sent_message(name: str, record: Reminder | None) -> str:
    if record is not None and record.status == Reminder.Status.REFUSED:
        return (
            f"The mail server refused the reminder to {name} ({record.email}): "
            f"{record.answer_code} {record.answer}. Check their email address."
        )
    return (
        f"The reminder to {name} could not be sent. It will be tried again on the next "
        "run; if it still fails, tell your system administrator."
    )


def remind_owner_now(
    period: ReportingPeriod, recipient: User, by: Membership, today: date | None = None
) -> PlannedReminder:
    """Email one owner now about their returns still to do in the period, as a reminder.

    Recorded like the daily reminders, so the daily run does not email them again today;
    refused (``ValidationError``) if they were already reminded today, have nothing to do,
    or have no email address, or if the mail server refuses it.
    """
    _check_may_chase_now(period, by)
    today = today or clock.today()
    name = recipient.get_full_name() or recipient.username
    if (
        Reminder.objects.filter(recipient=recipient, period=period, sent_on=today)
        .exclude(status=Reminder.Status.FAILED)
        .exists()
    ):
        raise ValidationError(
            f"{name} has already been reminded today. Reminders go at most once a day."
        )
    plans = _plan([period], {period.pk: _kind_now(period, today)}, today, recipient.pk)
    if not plans:
        raise ValidationError(f"{name} has no {period.label} returns still to do.")
    if not recipient.email:
        raise ValidationError(
            f"{name} has no email address, so they cannot be reminded. Ask an administrator "
            "to add one."
        )
    if not send_planned(plans):
        raise ValidationError(_not_sent_message(name, _last_answer(period, recipient, today)))
    return plans[0]


@dataclass(frozen=True)
class ChaseResult:
    """What "Chase everyone overdue" did: reminders accepted, and those that were not."""

    planned: list[PlannedReminder]
    sent: list[PlannedReminder]

    @property
    def not_sent(self) -> list[PlannedReminder]:
        accepted = {id(plan) for plan in self.sent}
        return [plan for plan in self.planned if id(plan) not in accepted]

    @property
    def summary(self) -> str:
        """What was done, in a sentence or two: for the page and the period's history."""
        if not self.planned:
            return "Nobody to remind: everyone with returns to do was reminded today already."
        text = f"Reminded {_people(len(self.sent))} about their returns still to do."
        if self.not_sent:
            names = ", ".join(_name(plan.recipient) for plan in self.not_sent)
            text += f" Not sent to {names}: see the mail server's answers below."
        return text


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def chase_everyone_now(
    period: ReportingPeriod, by: Membership, today: date | None = None
) -> ChaseResult:
    """Email every owner with returns still to do one digest now, listing all of them.

    For the quarter's "Chase everyone overdue": one click, one email per person, logged
    like the daily reminders. People already reminded today are left out (one a day).
    """
    _check_may_chase_now(period, by)
    today = today or clock.today()
    plans = _plan([period], {period.pk: _kind_now(period, today)}, today)
    result = ChaseResult(planned=plans, sent=send_planned(plans))
    if plans:
        PeriodEvent.record(period.pk, PeriodEvent.Kind.CHASED, by=by.user, reason=result.summary)
    return result


def reminder_log(
    *,
    period: ReportingPeriod | None = None,
    recipient: Membership | None = None,
) -> QuerySet[Reminder]:
    """Every reminder sent for a period, or to a member about their organisation's returns,
    newest first, ready to page through.

    Each row has its recipient, period and the returns it listed (with their initiative),
    in a fixed number of queries per page.
    """
    rows = Reminder.objects.all()
    if period is not None:
        rows = rows.filter(period=period)
    if recipient is not None:
        rows = rows.filter(
            recipient_id=recipient.user_id, period__organisation_id=recipient.organisation_id
        )
    return (
        rows.select_related("recipient", "period")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=Update.objects.select_related("initiative").order_by(
                    "initiative__title", "pk"
                ),
            )
        )
        .order_by("-sent_on", "-created_at", "-pk")
    )
