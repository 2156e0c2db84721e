"""The settings pages' forms: they read what was typed; the domain's rules decide the rest."""

from __future__ import annotations

from typing import Any

from django import forms

from headway.committee.models import ReportTemplate
from headway.forms import DateField, GovukForm
from headway.organisation.models import OrganisationalChange
from headway.progress.models import StatusValue
from headway.strategy.models import Organisation, Partner, Service

Kind = OrganisationalChange.Kind
# Moves and merges are made on their own pages, which change the portfolio as they log it.
LOGGED_KINDS = [
    (k.value, k.label) for k in Kind if k not in (Kind.SERVICE_MOVE, Kind.SERVICE_MERGE)
]
TEXT_HINT = "One or two sentences, written as the committee report should say them."


class ChangeForm(GovukForm):
    date = DateField(label="Date", error_messages={"required": "Enter the date of the change"})
    kind = forms.ChoiceField(
        choices=Kind.choices,
        error_messages={
            "required": "Choose what kind of change it is",
            "invalid_choice": "Choose what kind of change it is",
        },
    )
    text = forms.CharField(
        max_length=2000,
        error_messages={
            "required": "Enter what changed, as the report should say it",
            "max_length": "Say it in 2,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, moved_or_merged: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        if not moved_or_merged:
            kind.choices = LOGGED_KINDS


def _services(field: forms.Field, organisation: Organisation) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Service.objects.filter(organisation=organisation)


class MoveServiceForm(GovukForm):
    service = forms.ModelChoiceField(
        queryset=Service.objects.none(),
        error_messages={
            "required": "Choose the service that moves",
            "invalid_choice": "Choose one of your organisation's services",
        },
    )
    directorate = forms.CharField(
        max_length=200, error_messages={"required": "Enter the directorate it moves to"}
    )
    date = DateField(label="Date", error_messages={"required": "Enter the date of the move"})
    text = forms.CharField(max_length=2000, required=False)

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _services(self.fields["service"], organisation)


class MergeServicesForm(GovukForm):
    source = forms.ModelChoiceField(
        queryset=Service.objects.none(),
        error_messages={
            "required": "Choose the service that merges into another",
            "invalid_choice": "Choose one of your organisation's services",
        },
    )
    into = forms.ModelChoiceField(
        queryset=Service.objects.none(),
        error_messages={
            "required": "Choose the service it merges into",
            "invalid_choice": "Choose one of your organisation's services",
        },
    )
    date = DateField(label="Date", error_messages={"required": "Enter the date of the merger"})
    text = forms.CharField(max_length=2000, required=False)

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _services(self.fields["source"], organisation)
        _services(self.fields["into"], organisation)


class ServiceForm(GovukForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the service's name"})
    head_of_service = forms.CharField(max_length=200, required=False)
    directorate = forms.CharField(max_length=200, required=False)


class PartnerForm(GovukForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the council's name"})
    short_name = forms.CharField(max_length=60, required=False)


class ConfirmForm(GovukForm):
    """A button: the page says what it does."""


class StatusValueForm(GovukForm):
    label = forms.CharField(
        max_length=40,
        error_messages={
            "required": "Enter the status's label, for example Amber",
            "max_length": "Keep the label to 40 characters or fewer",
        },
    )
    meaning = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter what the status means, for example At risk, recoverable",
            "max_length": "Say what it means in 200 characters or fewer",
        },
    )
    colour = forms.RegexField(
        regex=r"^\s*#[0-9a-fA-F]{6}\s*$",
        error_messages={
            "required": "Enter the colour charts use for it, such as #f47738",
            "invalid": "Enter the colour as # and six hex digits, such as #f47738",
        },
    )
    tag = forms.ChoiceField(
        choices=StatusValue.Tag.choices,
        error_messages={
            "required": "Choose the colour of its tag on pages",
            "invalid_choice": "Choose the colour of its tag on pages",
        },
    )
    needs_mitigation = forms.BooleanField(required=False)
    means_complete = forms.BooleanField(required=False)


class CommitteeForm(GovukForm):
    name = forms.CharField(
        max_length=200, error_messages={"required": "Enter the committee's name"}
    )


class MemberForm(GovukForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the member's name"})
    role = forms.CharField(max_length=100, required=False)
    council = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose one of your organisation's partner councils"},
    )

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        council = self.fields["council"]
        assert isinstance(council, forms.ModelChoiceField)
        council.queryset = Partner.objects.filter(organisation=organisation)


class MeetingForm(GovukForm):
    date = DateField(label="Date", error_messages={"required": "Enter the date of the meeting"})
    venue = forms.CharField(max_length=200, required=False)


class TemplateForm(GovukForm):
    header_fields = forms.MultipleChoiceField(
        choices=ReportTemplate.HeaderField.choices,
        required=False,
        error_messages={"invalid_choice": "Choose from the header fields listed"},
    )
    implications = forms.MultipleChoiceField(
        choices=ReportTemplate.Implication.choices,
        required=False,
        error_messages={"invalid_choice": "Choose from the implications sections listed"},
    )
