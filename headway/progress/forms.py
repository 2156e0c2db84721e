"""The cycle's forms: they read what was typed; the rules in this package decide the rest."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from headway.forms import DateField, GovukForm
from headway.lib.fy import Quarter
from headway.progress.conflicts import LABELS
from headway.progress.errors import milestone_field
from headway.progress.models import StatusValue, Update
from headway.progress.reminder_schedule import MAX_OVERDUE_EVERY, MAX_REMIND_DAYS_BEFORE
from headway.progress.returns import MilestoneDates, ReturnChanges
from headway.strategy.models import Milestone


class OpenPeriodForm(GovukForm):
    # open_period() files a problem with the quarter under the period's "year".
    error_aliases = {"year": "quarter"}

    quarter = forms.CharField(
        label="Quarter",
        error_messages={"required": "Enter the quarter, for example 2021-22 Q3"},
    )
    deadline = DateField(label="Deadline", error_messages={"required": "Enter the deadline"})
    remind_days_before = forms.IntegerField(
        label="Days before the deadline to remind owners",
        min_value=0,
        max_value=MAX_REMIND_DAYS_BEFORE,
        error_messages={
            "required": "Enter how many days before the deadline to remind owners, like 7",
            "invalid": "Enter the number of days as a whole number, like 7",
            "min_value": f"Enter a number of days from 0 to {MAX_REMIND_DAYS_BEFORE}",
            "max_value": f"Enter a number of days from 0 to {MAX_REMIND_DAYS_BEFORE}",
        },
    )

    def clean_quarter(self) -> Quarter:
        try:
            return Quarter.parse(self.cleaned_data["quarter"])
        except ValueError as error:
            raise ValidationError(str(error)) from None


class ClosePeriodForm(GovukForm):
    force_reason = forms.CharField(label="Why close it now?", required=False)


def _days_field(label: str, example: int, low: int, high: int, what: str) -> forms.IntegerField:
    between = f"Enter a number of {what} from {low} to {high}"
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={
            "required": f"{between}, like {example}",
            "invalid": f"Enter the number of {what} as a whole number, like {example}",
            "min_value": between,
            "max_value": between,
        },
    )


class DeadlineForm(GovukForm):
    """The deadline and the period's reminder schedule (``progress.reminder_schedule``)."""

    deadline = DateField(label="Deadline", error_messages={"required": "Enter the deadline"})
    remind_days_before = OpenPeriodForm.base_fields["remind_days_before"]
    remind_again_days_before = _days_field(
        "Days before the deadline to remind them again", 3, 0, MAX_REMIND_DAYS_BEFORE, "days"
    )
    remind_on_deadline = forms.TypedChoiceField(
        label="Remind them on the day of the deadline?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Select whether to remind owners on the day"},
    )
    remind_overdue_every = _days_field(
        "Working days between reminders while returns are late",
        2,
        1,
        MAX_OVERDUE_EVERY,
        "working days",
    )
    reason = forms.CharField(label="Why change it?", required=False)


class ReopenPeriodForm(GovukForm):
    reason = forms.CharField(label="Why reopen it?", required=False)


class SendBackForm(GovukForm):
    # return_to_lead() checks the comment is there; the page shows its message.
    comment = forms.CharField(label="What needs to change?", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(GovukForm):
    """A return as its owner edits it, with a date pair for each of the initiative's milestones.

    ``version`` is the version of the return the person started from, so a save made by
    someone else in the meantime is noticed (see ``headway.progress.returns``).
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=LABELS["status"], required=False)
    narrative = forms.CharField(label=LABELS["narrative"], required=False)
    achievements = forms.CharField(label=LABELS["achievements"], required=False)
    next_steps = forms.CharField(label=LABELS["next_steps"], required=False)
    risks = forms.CharField(label=LABELS["risks"], required=False)
    percent_complete = forms.IntegerField(
        label=LABELS["percent_complete"],
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "Enter the percentage complete as a whole number, like 80",
            "min_value": "Enter a percentage from 0 to 100",
            "max_value": "Enter a percentage from 0 to 100",
        },
    )
    completed_on = DateField(label=LABELS["completed_on"], required=False)

    def __init__(
        self,
        update: Update,
        statuses: list[StatusValue],
        milestones: list[Milestone],
        data: Any = None,
    ) -> None:
        super().__init__(data=data, initial=_initial(update, milestones))
        self.statuses = {str(status.pk): status for status in statuses}
        self.milestones = milestones
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [(pk, status.label) for pk, status in self.statuses.items()]
        for milestone in milestones:
            self.fields[milestone_field(milestone.pk, "forecast")] = DateField(
                label=f"Forecast date of “{milestone.title}”", required=False
            )
            self.fields[milestone_field(milestone.pk, "completed_on")] = DateField(
                label=f"Completion date of “{milestone.title}”", required=False
            )

    def changes(self) -> ReturnChanges:
        data = self.cleaned_data
        return ReturnChanges(
            status=self.statuses.get(data["status"] or ""),
            narrative=data["narrative"],
            achievements=data["achievements"],
            next_steps=data["next_steps"],
            risks=data["risks"],
            percent_complete=data["percent_complete"],
            completed_on=data["completed_on"],
            milestones=tuple(
                MilestoneDates(
                    milestone.pk,
                    forecast=_date(data.get(milestone_field(milestone.pk, "forecast"))),
                    completed_on=_date(data.get(milestone_field(milestone.pk, "completed_on"))),
                )
                for milestone in self.milestones
            ),
        )


def _date(value: Any) -> date | None:
    return value if isinstance(value, date) else None


def _initial(update: Update, milestones: list[Milestone]) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "version": update.version,
        "status": str(update.status_id) if update.status_id else None,
        "narrative": update.narrative,
        "achievements": update.achievements,
        "next_steps": update.next_steps,
        "risks": update.risks,
        "percent_complete": update.percent_complete,
        "completed_on": update.completed_on,
    }
    for milestone in milestones:
        initial[milestone_field(milestone.pk, "forecast")] = milestone.forecast
        initial[milestone_field(milestone.pk, "completed_on")] = milestone.completed_on
    return initial
