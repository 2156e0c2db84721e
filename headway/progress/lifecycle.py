"""Opening, closing and reopening a reporting period.

An organisation has at most one open period. Opening it creates a return for every active
initiative, pre-filled from its last approved return so officers change only what changed.
Closing freezes the period and its returns (the models refuse any change); only reopening,
with a reason, unfreezes it. Each step is recorded as a ``PeriodEvent``.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from simple_history.utils import bulk_create_with_history

from headway import clock
from headway.accounts.models import Membership
from headway.lib.fy import Quarter
from headway.progress.errors import PeriodClosed
from headway.progress.milestone_dates import reported_dates
from headway.progress.models import PeriodEvent, ReportingPeriod, Update
from headway.progress.models.status import ensure_status_scale
from headway.progress.permissions import (
    check_may_edit_return,
    check_may_manage_periods,
    may_edit_return,
)
from headway.progress.reminder_schedule import ReminderSchedule, check_schedule
from headway.strategy.models import Initiative, Milestone, Organisation

# Copied from the last approved return into the new one.
PREFILLED_FIELDS = (
    "status_id",
    "narrative",
    "achievements",
    "next_steps",
    "risks",
    "percent_complete",
)
BATCH_SIZE = 500
# Services have a fortnight after the quarter ends to send their returns, unless told otherwise.
DEFAULT_DAYS_TO_RESPOND = 14


def next_quarter_to_open(organisation: Organisation, today: date | None = None) -> Quarter:
    """The quarter the performance team will most likely open next.

    The one after the organisation's latest period; with no periods yet, the quarter that
    ended most recently, since returns are collected after a quarter ends.
    """
    latest = (
        ReportingPeriod.objects.filter(organisation=organisation)
        .exclude(state=ReportingPeriod.State.UPCOMING)
        .order_by("-year", "-quarter")
        .first()
    )
    if latest is not None:
        return latest.as_quarter.next()
    return Quarter.of(today or clock.today()).previous()


def suggested_deadline(quarter: Quarter) -> date:
    """A fortnight after the quarter ends: 14 January for October to December."""
    return quarter.last_day + timedelta(days=DEFAULT_DAYS_TO_RESPOND)


def _returns(count: int) -> str:
    return f"{count} return" if count == 1 else f"{count} returns"


def _lock(period: ReportingPeriod) -> ReportingPeriod:
    return ReportingPeriod.objects.select_for_update().get(pk=period.pk)


def _other_open_period(organisation_id: int, period_pk: int | None) -> ReportingPeriod | None:
    others = ReportingPeriod.objects.filter(
        organisation_id=organisation_id, state=ReportingPeriod.State.OPEN
    )
    if period_pk is not None:
        others = others.exclude(pk=period_pk)
    return others.first()


def open_period(
    organisation: Organisation,
    quarter: Quarter,
    deadline: date,
    by: Membership,
    remind_days_before: int | None = None,
) -> ReportingPeriod:
    """Open the quarter's period and create its returns, one per active initiative.

    ``remind_days_before`` sets when owners are first reminded (the period's own setting,
    10 days, if not given; 0 for no reminder before the deadline); the rest of the reminder
    schedule keeps its defaults, less a second reminder no closer to the deadline than it.
    """
    check_may_manage_periods(by, organisation)
    if remind_days_before is not None:
        _check_remind_days(remind_days_before)
    with transaction.atomic():
        # Opening is serialised per organisation, so two at once cannot both succeed.
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        period = ReportingPeriod.objects.filter(
            organisation=organisation, year=quarter.year, quarter=quarter.number
        ).first()
        if period is not None and period.is_open:
            raise ValidationError({"quarter": f"{quarter.label} is already open."})
        if period is not None and period.is_closed:
            raise ValidationError(
                {"quarter": f"{quarter.label} has been closed. Reopen it, with a reason, instead."}
            )
        other = _other_open_period(organisation.pk, period.pk if period else None)
        if other is not None:
            raise ValidationError(
                {
                    "quarter": f"{other.label} is still open. Close it before opening "
                    f"{quarter.label}: only one period can be open at a time."
                }
            )
        if period is None:
            period = ReportingPeriod(
                organisation=organisation, year=quarter.year, quarter=quarter.number
            )
        period.deadline = deadline
        if remind_days_before is not None:
            period.remind_days_before = remind_days_before
            if period.remind_again_days_before >= remind_days_before:
                period.remind_again_days_before = 0
        period.state = ReportingPeriod.State.OPEN
        period.clean()
        period.save()
        ensure_status_scale(organisation)
        _create_returns(period, by)
        PeriodEvent.objects.create(
            period=period, kind=PeriodEvent.Kind.OPENED, by=by.user, at=clock.now()
        )
    return period


def _create_returns(
    period: ReportingPeriod, by: Membership, only: Initiative | None = None
) -> list[Update]:
    """One draft return per active initiative that has none yet (or for ``only`` that one),
    in a few queries."""
    earlier = Q(period__year__lt=period.year) | Q(
        period__year=period.year, period__quarter__lt=period.quarter
    )
    last_approved = (
        Update.objects.filter(earlier, initiative=OuterRef("pk"), state=Update.State.APPROVED)
        .order_by("-period__year", "-period__quarter")
        .values("pk")[:1]
    )
    initiatives = Initiative.objects.filter(
        organisation_id=period.organisation_id, status__in=Initiative.ACTIVE_STATUSES
    ).exclude(updates__period=period)
    if only is not None:
        initiatives = initiatives.filter(pk=only.pk)
    rows = list(
        initiatives.annotate(last_approved_id=Subquery(last_approved)).values_list(
            "pk", "last_approved_id"
        )
    )
    sources = Update.objects.in_bulk(
        [source for _, source in rows if source is not None], field_name="pk"
    )
    milestones: dict[int, list[Milestone]] = {}
    for milestone in Milestone.objects.filter(initiative_id__in=[pk for pk, _ in rows]):
        milestones.setdefault(milestone.initiative_id, []).append(milestone)
    returns = []
    for initiative_id, source_id in rows:
        update = Update(
            initiative_id=initiative_id,
            period=period,
            state=Update.State.DRAFT,
            # The milestones as they stand when the period opens: what the return starts from.
            milestone_dates=reported_dates(milestones.get(initiative_id, [])),
        )
        source = sources.get(source_id) if source_id is not None else None
        if source is not None:
            for field in PREFILLED_FIELDS:
                setattr(update, field, getattr(source, field))
            update.previous = source
        returns.append(update)
    return bulk_create_with_history(
        returns,
        Update,
        batch_size=BATCH_SIZE,
        default_user=by.user,
        default_change_reason="Pre-filled when the period opened",
    )


def period_missing_return(initiative: Initiative, by: Membership) -> ReportingPeriod | None:
    """The open period, where the active initiative has no return in it and ``by`` may start
    it (``add_return``); else None."""
    if not initiative.is_active:
        return None
    period = ReportingPeriod.objects.filter(
        organisation_id=initiative.organisation_id, state=ReportingPeriod.State.OPEN
    ).first()
    if period is None or Update.objects.filter(initiative=initiative, period=period).exists():
        return None
    return period if may_edit_return(by, Update(initiative=initiative, period=period)) else None


def add_return(initiative: Initiative, period: ReportingPeriod, by: Membership) -> Update:
    """The open period's return for an initiative that has none, such as one started since
    the period opened; pre-filled from its last approved return like the others.

    Refused to those who may not edit the initiative's returns, for a period that is not
    open, and for an initiative that already has its return or is not active.
    """
    with transaction.atomic():
        locked = _lock(period)
        check_may_edit_return(by, Update(initiative=initiative, period=locked))
        if initiative.organisation_id != locked.organisation_id:
            raise ValidationError({"period": "Choose a period of the initiative's organisation."})
        if locked.is_closed:
            raise PeriodClosed(locked.label)
        if not locked.is_open:
            raise ValidationError(
                {"period": f"{locked.label} is not open yet: returns are written while it is."}
            )
        existing = Update.objects.filter(initiative=initiative, period=locked).first()
        if existing is not None:
            raise ValidationError(
                {
                    "initiative": f"“{initiative.title}” already has its {locked.label} return "
                    f"(number {existing.pk}): change that one instead."
                }
            )
        if not initiative.is_active:
            raise ValidationError(
                {
                    "initiative": f"“{initiative.title}” is "
                    f"{initiative.get_status_display().lower()}: returns are collected only "
                    "for planned, in-progress and on-hold initiatives."
                }
            )
        (created,) = _create_returns(locked, by, only=initiative)
    return created


def close_period(
    period: ReportingPeriod, by: Membership, force_reason: str = ""
) -> ReportingPeriod:
    """Close the period, freezing it and its returns.

    Refused while returns are not yet approved, unless a reason for closing anyway is given.
    """
    check_may_manage_periods(by, period.organisation)
    force_reason = force_reason.strip()
    with transaction.atomic():
        locked = _lock(period)
        if not locked.is_open:
            raise ValidationError(f"{locked.label} is not open, so it cannot be closed.")
        outstanding = locked.updates.exclude(state=Update.State.APPROVED).count()
        if outstanding and not force_reason:
            verb = "is" if outstanding == 1 else "are"
            raise ValidationError(
                {
                    "force_reason": ValidationError(
                        f"{_returns(outstanding)} {verb} not yet approved. Approve or return "
                        "them first, or give a reason for closing the period anyway.",
                        code="outstanding",
                        params={"outstanding": outstanding},
                    )
                }
            )
        locked.state = ReportingPeriod.State.CLOSED
        locked.save(update_fields=["state"])
        PeriodEvent.objects.create(
            period=locked,
            kind=PeriodEvent.Kind.CLOSED,
            by=by.user,
            at=clock.now(),
            reason=force_reason,
            returns_outstanding=outstanding,
        )
    period.state = locked.state
    return locked


def _check_remind_days(remind_days_before: int) -> None:
    check_schedule(remind_days_before, 0, 1)


SCHEDULE_FIELDS = (
    "remind_days_before",
    "remind_again_days_before",
    "remind_on_deadline",
    "remind_overdue_every",
)


def change_deadline(
    period: ReportingPeriod,
    by: Membership,
    deadline: date,
    remind_days_before: int,
    reason: str = "",
    *,
    remind_again_days_before: int | None = None,
    remind_on_deadline: bool | None = None,
    remind_overdue_every: int | None = None,
) -> ReportingPeriod:
    """Move an open period's deadline and change its reminder schedule; the change is recorded.

    Reminders follow the period's deadline, so owners are chased against the new date. A
    part of the schedule not given stays as it is.
    """
    check_may_manage_periods(by, period.organisation)
    wanted = {
        "remind_days_before": remind_days_before,
        "remind_again_days_before": remind_again_days_before,
        "remind_on_deadline": remind_on_deadline,
        "remind_overdue_every": remind_overdue_every,
    }
    schedule = {
        name: getattr(period, name) if value is None else value for name, value in wanted.items()
    }
    check_schedule(
        schedule["remind_days_before"],
        schedule["remind_again_days_before"],
        schedule["remind_overdue_every"],
    )
    with transaction.atomic():
        locked = _lock(period)
        if not locked.is_open:
            raise ValidationError(
                f"{locked.label} is {locked.get_state_display().lower()}: only an open "
                "period's deadline can be changed. Reopen it first."
            )
        before = locked.deadline
        old_schedule = ReminderSchedule.of(locked)
        if before == deadline and all(getattr(locked, k) == v for k, v in schedule.items()):
            raise ValidationError(
                {"deadline": "Enter a different deadline or reminder: these are the current ones."}
            )
        locked.deadline = deadline
        for name, value in schedule.items():
            setattr(locked, name, value)
        locked.clean()
        locked.save(update_fields=["deadline", *SCHEDULE_FIELDS])
        moved = (
            f"Deadline {before:%-d %B %Y} to {deadline:%-d %B %Y}."
            if before and before != deadline
            else f"Deadline {deadline:%-d %B %Y}."
        )
        new_schedule = ReminderSchedule.of(locked)
        if new_schedule != old_schedule:
            moved += f" Reminders: {new_schedule.describe()}."
        PeriodEvent.objects.create(
            period=locked,
            kind=PeriodEvent.Kind.DEADLINE,
            by=by.user,
            at=clock.now(),
            reason=f"{moved} {reason.strip()}".strip(),
        )
    period.deadline = locked.deadline
    for name in SCHEDULE_FIELDS:
        setattr(period, name, getattr(locked, name))
    return locked


def reopen_period(period: ReportingPeriod, by: Membership, reason: str) -> ReportingPeriod:
    """Reopen a closed period so its returns can change again; the reason is recorded."""
    check_may_manage_periods(by, period.organisation)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the period is being reopened."})
    with transaction.atomic():
        locked = _lock(period)
        if not locked.is_closed:
            raise ValidationError(f"{locked.label} is not closed, so it cannot be reopened.")
        other = _other_open_period(locked.organisation_id, locked.pk)
        if other is not None:
            raise ValidationError(
                {
                    "reason": f"{other.label} is open. Close it before reopening "
                    f"{locked.label}: only one period can be open at a time."
                }
            )
        locked.state = ReportingPeriod.State.OPEN
        locked.save(update_fields=["state"])
        PeriodEvent.objects.create(
            period=locked, kind=PeriodEvent.Kind.REOPENED, by=by.user, reason=reason, at=clock.now()
        )
    period.state = locked.state
    return locked
