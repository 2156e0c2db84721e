"""The road map pages' forms. They only read what was typed into values; the rules that say
whether a change may be proposed, opened, answered or decided live in the domain modules
(``proposals``, ``changes``, ``consultation``, ``decisions``), whose messages the forms show
next to the field they are about."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from headway.committee.models import Meeting
from headway.lib.fy import FinancialYear
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service

Kind = ChangeRequest.Kind
PARTS = ("day", "month", "year")


class DatePartsWidget(forms.Widget):
    """GOV.UK's date input: three boxes named ``<name>-day``, ``-month`` and ``-year``."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, str, str]:
        day, month, year = (str(data.get(f"{name}-{part}", "")).strip() for part in PARTS)
        return day, month, year

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in PARTS)


class DatePartsField(forms.Field):
    widget = DatePartsWidget

    def __init__(self, *, noun: str, **kwargs: Any) -> None:
        # Left empty, the rule the value goes to says what is needed.
        self.noun = noun
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> date | None:
        if isinstance(value, date) or value is None:
            return value
        day, month, year = value
        if not (day or month or year):
            return None
        missing = [part for part, text in zip(PARTS, value, strict=True) if not text]
        if missing:
            raise ValidationError(f"{self.noun.capitalize()} must include a {missing[0]}")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.noun.capitalize()} must be a real date") from None


def date_parts(value: date | None) -> dict[str, str]:
    """A date as the three boxes show it."""
    if value is None:
        return {"day": "", "month": "", "year": ""}
    return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}


class RoadmapForm(forms.Form):
    """A form whose errors can come from a rule: ``take`` puts each message on its field."""

    def take(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            name = field if field in self.fields else None
            for message in messages:
                self.add_error(name if field != NON_FIELD_ERRORS else None, message)

    def anchor(self, name: str) -> str:
        """The id of the element an error summary's link for ``name`` goes to."""
        field = self.fields[name]
        if isinstance(field, DatePartsField):
            return f"{name}-day"
        return name

    def parts(self, name: str) -> dict[str, str]:
        """The three boxes of a date field as the person left them (or as first shown)."""
        bound = self[name]
        value = bound.value()
        if isinstance(value, tuple):
            return dict(zip(PARTS, value, strict=True))
        return date_parts(value)


class KindForm(RoadmapForm):
    kind = forms.ChoiceField(
        choices=Kind.choices,
        error_messages={"required": "Choose the kind of change you propose"},
    )


class ProposalForm(RoadmapForm):
    """The fields of one kind of change, named as ``proposals.clean_proposal`` names them."""

    rationale = forms.CharField(required=False, widget=forms.Textarea, strip=True)

    def __init__(
        self,
        *args: Any,
        kind: str,
        organisation: Organisation,
        priorities: list[Priority],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        choices = [(str(p.pk), str(p)) for p in priorities]
        if kind == Kind.ADD_PRIORITY:
            self.fields["title"] = forms.CharField(required=False)
            self.fields["description"] = forms.CharField(required=False, widget=forms.Textarea)
            self.fields["active_from"] = forms.CharField(required=False)
        elif kind == Kind.ADD_INITIATIVE:
            services = Service.objects.filter(organisation=organisation).order_by("name")
            partners = Partner.objects.filter(organisation=organisation).order_by("name")
            self.fields["title"] = forms.CharField(required=False)
            self.fields["kind"] = forms.ChoiceField(
                required=False, choices=[("", ""), *Initiative.Kind.choices]
            )
            self.fields["description"] = forms.CharField(required=False, widget=forms.Textarea)
            self.fields["service"] = forms.ChoiceField(
                required=False, choices=[("", ""), *((str(s.pk), s.name) for s in services)]
            )
            self.fields["priorities"] = forms.MultipleChoiceField(required=False, choices=choices)
            self.fields["partners"] = forms.MultipleChoiceField(
                required=False, choices=[(str(p.pk), str(p)) for p in partners]
            )
            self.fields["planned_start"] = DatePartsField(noun="the planned start")
            self.fields["planned_end"] = DatePartsField(noun="the planned end")
            self.fields["horizon"] = forms.ChoiceField(
                required=False, choices=Initiative.Horizon.choices, initial="now"
            )
            self.fields["is_key_project"] = forms.BooleanField(required=False)
            self.fields["external_reference"] = forms.CharField(required=False)
        elif kind == Kind.REPRIORITISE:
            self.fields["priorities"] = forms.MultipleChoiceField(required=False, choices=choices)
            self.fields["horizon"] = forms.ChoiceField(
                required=False, choices=Initiative.Horizon.choices
            )
            self.fields["map_position"] = forms.IntegerField(
                required=False,
                min_value=0,
                error_messages={
                    "invalid": "Enter the order as a whole number, such as 0 or 3",
                    "min_value": "Enter the order as 0 or more",
                },
            )
        elif kind == Kind.RESCHEDULE:
            self.fields["planned_start"] = DatePartsField(noun="the planned start")
            self.fields["planned_end"] = DatePartsField(noun="the planned end")
        elif kind == Kind.CLOSE:
            self.fields["status"] = forms.ChoiceField(
                required=False,
                choices=[
                    (Initiative.Status.COMPLETED, "Completed"),
                    (Initiative.Status.CANCELLED, "Cancelled"),
                ],
            )

    def clean_active_from(self) -> int | None:
        text = self.cleaned_data.get("active_from") or ""
        if not text.strip():
            return None
        try:
            return FinancialYear.parse(text).start
        except ValueError:
            message = "Enter the financial year it starts in, such as 2022-23"
            raise ValidationError(message) from None

    def proposed(self) -> dict[str, Any]:
        """The values to propose, in the shape ``proposals.clean_proposal`` reads."""
        values = {k: v for k, v in self.cleaned_data.items() if k != "rationale"}
        if self.kind == Kind.REPRIORITISE and values.get("map_position") is None:
            values.pop("map_position", None)
        return values

    @staticmethod
    def initial_from(change: ChangeRequest) -> dict[str, Any]:
        """The form as the draft ``change`` was proposed, to be revised."""
        values = {k: v for k, v in change.proposed.items() if k != "strategy"}
        for field in ("planned_start", "planned_end"):
            if field in values:
                values[field] = date.fromisoformat(values[field]) if values[field] else None
        for field in ("priorities", "partners"):
            if field in values:
                values[field] = [str(pk) for pk in values[field]]
        if values.get("service") is not None:
            values["service"] = str(values["service"])
        if "active_from" in values:
            start = values["active_from"]
            values["active_from"] = FinancialYear(start).label if start else ""
        return {**values, "rationale": change.rationale}

    @staticmethod
    def initial_for(initiative: Initiative | None) -> dict[str, Any]:
        """The form as first shown: the initiative's current values, to change."""
        if initiative is None:
            return {"horizon": "now"}
        return {
            "priorities": [str(p.pk) for p in initiative.priorities.all()],
            "horizon": initiative.horizon,
            "map_position": initiative.map_position,
            "planned_start": initiative.planned_start,
            "planned_end": initiative.planned_end,
        }


class OpenConsultationForm(RoadmapForm):
    closes_on = DatePartsField(noun="the closing date")


class DecisionForm(RoadmapForm):
    outcome = forms.ChoiceField(
        required=False,
        choices=[
            ("", ""),
            (ChangeRequest.State.AGREED, "Agreed"),
            (ChangeRequest.State.REJECTED, "Rejected"),
        ],
    )
    decided_on = DatePartsField(noun="the date of the decision")
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose one of the meetings in the list"},
    )
    decision_note = forms.CharField(required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Meeting.objects.filter(committee__organisation=organisation)
            .select_related("committee")
            .order_by("-date", "committee__name")
        )


class AnswerForm(RoadmapForm):
    response = forms.ChoiceField(required=False, choices=[("", ""), *Consultation.Response.choices])
    comment = forms.CharField(required=False, widget=forms.Textarea)
