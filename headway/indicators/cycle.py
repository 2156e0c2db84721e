"""Figures in the quarterly cycle: enter, submit, approve, return, correct.

One function for each step, so that the pages, the API and the import share every rule:

- ``save_figure``: a service lead's draft or submission for the open period. Submitting
  needs the value (and its weight, for a weighted whole-service figure) and, when the value
  is off target, the exception note: why, what is being done, when it will recover.
- ``approve_figure`` and ``return_figure``: reviewers and administrators.
- ``correct_figure``: an approved figure changed with a reason, kept in its history.

Bad input raises ``ValidationError`` keyed by field; who may not act gets
``PermissionDenied``; a closed period ``PeriodClosed`` (from the model itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from headway import clock
from headway.accounts.models import Membership
from headway.indicators import status as rules
from headway.indicators.access import (
    check_may_enter_figures,
    check_may_review_figures,
)
from headway.indicators.models import Figure, Measure, Target
from headway.indicators.units import format_value
from headway.progress.errors import PeriodClosed
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner

NOTE_FIELDS = ("exception_why", "exception_action", "exception_recovery")
NOTE_MESSAGES = {
    "exception_why": "say why it is off target",
    "exception_action": "say what is being done to recover",
    "exception_recovery": "say when it is expected to be back on target",
}


@dataclass(frozen=True)
class FigureEntry:
    """What a person enters for a figure; every field replaces what is stored."""

    value: Decimal | None
    weight: Decimal | None = None
    exception_why: str = ""
    exception_action: str = ""
    exception_recovery: str = ""

    @classmethod
    def from_figure(cls, figure: Figure | None) -> FigureEntry:
        if figure is None:
            return cls(value=None)
        return cls(
            figure.value,
            figure.weight,
            figure.exception_why,
            figure.exception_action,
            figure.exception_recovery,
        )


def goal_for(
    measure: Measure, year: int, quarter: int, partner: Partner | None
) -> rules.Goal | None:
    """The figure's target: its quarter's own, or else its year's."""
    rows = Target.objects.filter(measure=measure, year=year)
    rows = rows.filter(partner=partner) if partner else rows.filter(partner__isnull=True)
    targets = {t.quarter or 0: t for t in rows}
    target = targets.get(quarter) or targets.get(0)
    return target.goal if target else None


def off_target_message(measure: Measure, goal: rules.Goal) -> str:
    """How the form says a value is off target and what that asks of the lead."""
    band = format_value(goal.band, measure.unit) if goal.band else ""
    tolerance = f", tolerance {band}" if band else ""
    return (
        f"The figure is off target (target {format_value(goal.value, measure.unit)}"
        f"{tolerance}, {measure.get_polarity_display().lower()})"
    )


def problems(
    measure: Measure,
    partner: Partner | None,
    period: ReportingPeriod,
    entry: FigureEntry,
    submitting: bool,
) -> dict[str, str]:
    """What must be fixed in the entry, by field. Saving a draft needs only sensible values;
    submitting needs the value, its weight where one is used, and the exception note when
    the value is off target."""
    errors: dict[str, str] = {}
    who = str(partner) if partner else "the whole service"
    if (
        entry.value is not None
        and measure.unit == Measure.Unit.PERCENTAGE
        and not Decimal(0) <= entry.value <= Decimal(100)
    ):
        errors["value"] = "Enter a percentage from 0 to 100."
    if entry.value is not None and measure.unit == Measure.Unit.DAYS and entry.value < 0:
        errors["value"] = "Enter a number of days of 0 or more."
    if entry.weight is not None and entry.weight < 0:
        errors["weight"] = "Enter a weight of 0 or more."
    if not submitting:
        return errors
    if entry.value is None:
        errors.setdefault("value", f"Enter the figure for {who} in {period.label}.")
    if measure.is_weighted and partner is not None and entry.weight is None:
        errors.setdefault(
            "weight",
            f"Enter the {measure.weight_label or 'weight'} for {who}: the whole-service "
            "figure is their weighted average.",
        )
    if entry.value is not None and "value" not in errors:
        goal = goal_for(measure, period.year, period.quarter, partner)
        if rules.status(entry.value, goal, measure.polarity) == rules.Status.OFF_TARGET:
            assert goal is not None
            said = off_target_message(measure, goal)
            for name in NOTE_FIELDS:
                if not getattr(entry, name).strip():
                    errors[name] = f"{said}: {NOTE_MESSAGES[name]}."
    return errors


def _check_slot(measure: Measure, period: ReportingPeriod, partner: Partner | None) -> None:
    if period.organisation_id != measure.organisation_id:
        raise ValidationError(
            {"period": "Choose a reporting period of the measure's organisation."}
        )
    if partner is None and not measure.whole_service_is_returned:
        raise ValidationError(
            {
                "partner": "The whole service's figure for this measure is computed from the "
                "partners' figures, so it is not entered."
            }
        )
    if partner is not None and not measure.partners.filter(pk=partner.pk).exists():
        raise ValidationError({"partner": f"{measure.reference} is not reported for {partner}."})
    if not measure.is_due_in(period.quarter):
        raise ValidationError(
            {"period": f"{measure.reference} is annual: its figure is due in Q4."}
        )


def _apply(figure: Figure, entry: FigureEntry) -> None:
    figure.value = entry.value
    figure.weight = entry.weight
    figure.exception_why = entry.exception_why.strip()
    figure.exception_action = entry.exception_action.strip()
    figure.exception_recovery = entry.exception_recovery.strip()


def save_figure(
    measure: Measure,
    period: ReportingPeriod,
    partner: Partner | None,
    entry: FigureEntry,
    by: Membership,
    submit: bool,
    expected_version: int | None = None,
) -> Figure:
    """Save the figure as a draft or, with ``submit``, submit it for review; the first save
    makes it. ``expected_version`` (from the form) refuses a save over someone else's."""
    check_may_enter_figures(by, measure)
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        if period.is_closed:
            raise PeriodClosed(period.label)
        if not period.is_open:
            raise ValidationError(
                {"period": f"{period.label} is not open: figures are entered for the open period."}
            )
        _check_slot(measure, period, partner)
        figure = (
            Figure.objects.select_for_update()
            .filter(measure=measure, period=period, partner=partner)
            .first()
        ) or Figure(measure=measure, period=period, partner=partner)
        if figure.pk and expected_version is not None and figure.version != expected_version:
            raise ValidationError(
                "Someone saved this figure after you opened it. Check it again before you save."
            )
        if figure.state == Figure.State.APPROVED:
            raise ValidationError(
                "This figure has been approved, so it can only be corrected, with a reason, "
                "by a reviewer or an administrator."
            )
        errors = problems(measure, partner, period, entry, submit)
        if errors:
            raise ValidationError(errors)
        _apply(figure, entry)
        figure.entered_by = by.user
        if submit:
            figure.state = Figure.State.SUBMITTED
            figure.submitted_at = clock.now()
            figure.submitted_by = by.user
        else:
            # Saving a submitted or returned figure as a draft takes it back to its lead.
            figure.state = Figure.State.DRAFT
        figure._history_user = by.user  # type: ignore[attr-defined]
        figure.save()
    return figure


def _lock_submitted(figure: Figure, by: Membership, expected_version: int | None) -> Figure:
    check_may_review_figures(by, figure.measure)
    period = ReportingPeriod.objects.select_for_update().get(pk=figure.period_id)
    if period.is_closed:
        raise PeriodClosed(period.label)
    locked = (
        Figure.objects.select_for_update(of=("self",)).select_related("measure").get(pk=figure.pk)
    )
    locked.period = period
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError("This figure changed after you opened it. Check it again.")
    if locked.state != Figure.State.SUBMITTED:
        raise ValidationError(
            f"Only a submitted figure can be reviewed: this one is {locked.get_state_display()}."
        )
    return locked


def approve_figure(figure: Figure, by: Membership, expected_version: int | None = None) -> Figure:
    with transaction.atomic():
        locked = _lock_submitted(figure, by, expected_version)
        locked.state = Figure.State.APPROVED
        locked.review_comment = ""
        locked.reviewed_at = clock.now()
        locked.reviewed_by = by.user
        locked._history_user = by.user  # type: ignore[attr-defined]
        locked.save()
    return locked


def return_figure(
    figure: Figure, by: Membership, comment: str, expected_version: int | None = None
) -> Figure:
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "Say what needs to change."})
    with transaction.atomic():
        locked = _lock_submitted(figure, by, expected_version)
        locked.state = Figure.State.RETURNED
        locked.review_comment = comment
        locked.reviewed_at = clock.now()
        locked.reviewed_by = by.user
        locked._history_user = by.user  # type: ignore[attr-defined]
        locked.save()
    return locked


def correct_figure(figure: Figure, entry: FigureEntry, reason: str, by: Membership) -> Figure:
    """Change an approved figure, saying why; it stays approved and the reason is kept in
    its history (``history_change_reason``), shown on the measure's page and the audit
    record. The exception note rules apply as at submission."""
    reason = reason.strip()
    check_may_review_figures(by, figure.measure)
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update().get(pk=figure.period_id)
        if period.is_closed:
            raise PeriodClosed(period.label)
        locked = (
            Figure.objects.select_for_update(of=("self",))
            .select_related("measure", "partner")
            .get(pk=figure.pk)
        )
        if locked.state != Figure.State.APPROVED:
            raise ValidationError(
                "Only an approved figure is corrected: change this one in the cycle."
            )
        errors = problems(locked.measure, locked.partner, period, entry, submitting=True)
        if not reason:
            errors["reason"] = "Say why the approved figure is being corrected."
        if errors:
            raise ValidationError(errors)
        _apply(locked, entry)
        locked.reviewed_at = clock.now()
        locked.reviewed_by = by.user
        locked._history_user = by.user  # type: ignore[attr-defined]
        locked._change_reason = reason  # type: ignore[attr-defined]
        locked.save()
    return locked
