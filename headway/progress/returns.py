"""Writing a return: save as a draft, or submit it for review.

One function does both, so the form, the API and any import share every rule. Two people
editing one return cannot overwrite each other: each save names the version it started
from, and a save against an older version is refused with what the other person changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from headway import clock
from headway.accounts.models import Membership
from headway.progress.conflicts import edit_conflict
from headway.progress.errors import PeriodClosed, milestone_field
from headway.progress.milestone_dates import reported_dates
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.progress.permissions import check_may_edit_return
from headway.strategy.models import Milestone


@dataclass(frozen=True)
class MilestoneDates:
    """New dates for one of the initiative's milestones; both replace what is stored."""

    milestone_id: int
    forecast: date | None
    completed_on: date | None


@dataclass(frozen=True)
class ReturnChanges:
    """Everything a person can change in a return. Every field replaces the stored value."""

    status: StatusValue | None
    narrative: str = ""
    achievements: str = ""
    next_steps: str = ""
    risks: str = ""
    percent_complete: int | None = None
    completed_on: date | None = None
    milestones: tuple[MilestoneDates, ...] = field(default=())

    @classmethod
    def from_update(cls, update: Update) -> ReturnChanges:
        """The return as stored, to fill a form with."""
        return cls(
            status=update.status,
            narrative=update.narrative,
            achievements=update.achievements,
            next_steps=update.next_steps,
            risks=update.risks,
            percent_complete=update.percent_complete,
            completed_on=update.completed_on,
        )


def save_return(
    update: Update,
    changes: ReturnChanges,
    expected_version: int,
    by: Membership,
    submit: bool,
) -> Update:
    """Save the changes to the return as a draft or, with ``submit``, submit it for review.

    Raises ``PermissionDenied`` if ``by`` may not edit it, ``PeriodClosed`` if its period is
    closed, ``EditConflict`` if someone saved it since ``expected_version``, and
    ``ValidationError`` (messages by field) if it cannot be saved or submitted as it is.
    Milestone dates change in the same transaction, or not at all.
    """
    today = clock.today()
    with transaction.atomic():
        # Period first, then return: the order every writer locks in, so none deadlock.
        period = ReportingPeriod.objects.select_for_update().get(pk=update.period_id)
        locked = (
            Update.objects.select_for_update(of=("self",))
            .select_related("initiative")
            .get(pk=update.pk)
        )
        locked.period = period
        check_may_edit_return(by, locked)
        if period.is_closed:
            raise PeriodClosed(period.label)
        if locked.version != expected_version:
            raise edit_conflict(locked, expected_version, yours=changes)
        if locked.state == Update.State.APPROVED:
            raise ValidationError(
                "This return has been approved, so it can no longer be changed. "
                "A reviewer can tell you how to correct it."
            )
        _apply(locked, changes)
        errors = locked.problems(submitting=submit, today=today)
        errors.update(_status_errors(locked, changes.status))
        milestones = _milestone_changes(locked, changes.milestones, today, errors)
        if errors:
            raise ValidationError(errors)

        now = clock.now()
        if submit:
            if locked.submitted_at is None and period.deadline and today > period.deadline:
                # Late means first submitted after the deadline; resubmitting after a
                # reviewer returned it does not make an on-time return late.
                locked.is_late = True
            if not (locked.status and locked.status.means_complete):
                locked.completed_on = None
            locked.state = Update.State.SUBMITTED
            locked.submitted_at = now
            locked.submitted_by = by.user
        elif locked.state == Update.State.SUBMITTED:
            # Saving a submitted return as a draft takes it back from the reviewer.
            locked.state = Update.State.DRAFT
        locked.started_at = locked.started_at or now
        reported = {m.pk: m for m in Milestone.objects.filter(initiative_id=locked.initiative_id)}
        reported |= {m.pk: m for m in milestones}
        locked.milestone_dates = reported_dates(reported.values())
        locked.last_edited_by = by.user
        locked._history_user = by.user  # type: ignore[attr-defined]
        locked.save()
        for milestone in milestones:
            milestone._history_user = by.user  # type: ignore[attr-defined]
            milestone.save(update_fields=["forecast", "completed_on"])
    return locked


def _apply(update: Update, changes: ReturnChanges) -> None:
    update.status = changes.status
    update.narrative = changes.narrative.strip()
    update.achievements = changes.achievements.strip()
    update.next_steps = changes.next_steps.strip()
    update.risks = changes.risks.strip()
    update.percent_complete = changes.percent_complete
    update.completed_on = changes.completed_on


def _status_errors(update: Update, status: StatusValue | None) -> dict[str, str]:
    if status is None:
        return {}
    organisation_id = update.initiative.organisation_id
    if not StatusValue.objects.filter(
        pk=status.pk, scale__organisation_id=organisation_id
    ).exists():
        return {"status": "Choose a status from the organisation's own scale."}
    return {}


def _milestone_changes(
    update: Update, wanted: tuple[MilestoneDates, ...], today: date, errors: dict[str, str]
) -> list[Milestone]:
    """The initiative's milestones whose dates change; problems go into ``errors``."""
    if not wanted:
        return []
    milestones = Milestone.objects.filter(initiative_id=update.initiative_id).in_bulk(
        {dates.milestone_id for dates in wanted}
    )
    changed = []
    for dates in wanted:
        milestone = milestones.get(dates.milestone_id)
        if milestone is None:
            errors["milestones"] = "Choose milestones of this initiative only."
            continue
        if dates.completed_on and dates.completed_on > today:
            errors[milestone_field(milestone.pk, "completed_on")] = (
                f"The completion date of “{milestone.title}” must be today or in the past."
            )
            continue
        if (milestone.forecast, milestone.completed_on) != (dates.forecast, dates.completed_on):
            milestone.forecast = dates.forecast
            milestone.completed_on = dates.completed_on
            changed.append(milestone)
    return changed
