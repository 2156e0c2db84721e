"""The indicators' forms: they read what was typed; ``measures`` and ``cycle`` decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from headway.forms import GovukForm
from headway.indicators.cycle import FigureEntry
from headway.indicators.measures import MeasureFields, TargetFields
from headway.indicators.models import Measure, Target
from headway.lib.fy import FinancialYear
from headway.strategy.current import current_strategy
from headway.strategy.models import Organisation, Partner, Priority, Service


def _number(label: str, required: bool = True, **extra: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=16,
        decimal_places=2,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a number, like 96.5",
            "max_digits": f"Enter the {label.lower()} in fewer than 15 digits",
            "max_decimal_places": f"Enter the {label.lower()} to no more than 2 decimal places",
            "max_whole_digits": f"Enter the {label.lower()} in fewer than 15 digits",
        },
        **extra,
    )


def _choice(choices: Any, what: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices,
        error_messages={"required": f"Choose {what}", "invalid_choice": f"Choose {what}"},
    )


class MeasureForm(GovukForm):
    reference = forms.CharField(
        max_length=30, error_messages={"required": "Enter the measure's reference, like FIN-PI-01"}
    )
    name = forms.CharField(max_length=250, error_messages={"required": "Enter the measure's name"})
    definition = forms.CharField(max_length=4000, required=False)
    unit = _choice(Measure.Unit.choices, "the measure's unit")
    polarity = _choice(Measure.Polarity.choices, "whether higher or lower is better")
    frequency = _choice(Measure.Frequency.choices, "how often it is counted")
    service = forms.ModelChoiceField(
        queryset=Service.objects.none(),
        error_messages={
            "required": "Choose the service that owns it",
            "invalid_choice": "Choose one of your organisation's services",
        },
    )
    priority = forms.ModelChoiceField(
        queryset=Priority.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose one of the strategy's priorities"},
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose your organisation's partner councils"},
    )
    whole_service = _choice(Measure.WholeService.choices, "how the whole service's figure is made")
    weight_label = forms.CharField(max_length=120, required=False)
    is_collected = forms.BooleanField(required=False)

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        assert isinstance(service, forms.ModelChoiceField)
        service.queryset = Service.objects.filter(organisation=organisation).order_by("name")
        strategy = current_strategy(organisation)
        priority = self.fields["priority"]
        assert isinstance(priority, forms.ModelChoiceField)
        priority.queryset = strategy.priorities.all() if strategy else Priority.objects.none()
        partners = self.fields["partners"]
        assert isinstance(partners, forms.ModelMultipleChoiceField)
        partners.queryset = Partner.objects.filter(organisation=organisation).order_by("name")

    @staticmethod
    def initial_of(measure: Measure) -> dict[str, Any]:
        return {
            "reference": measure.reference,
            "name": measure.name,
            "definition": measure.definition,
            "unit": measure.unit,
            "polarity": measure.polarity,
            "frequency": measure.frequency,
            "service": measure.service_id,
            "priority": measure.priority_id,
            "partners": [p.pk for p in measure.partners.all()],
            "whole_service": measure.whole_service,
            "weight_label": measure.weight_label,
            "is_collected": measure.is_collected,
        }

    def fields_typed(self) -> MeasureFields:
        data = self.cleaned_data
        return MeasureFields(
            reference=data["reference"],
            name=data["name"],
            definition=data["definition"],
            unit=data["unit"],
            polarity=data["polarity"],
            frequency=data["frequency"],
            service=data["service"],
            priority=data["priority"],
            partners=tuple(data["partners"]),
            whole_service=data["whole_service"],
            weight_label=data["weight_label"],
            is_collected=data["is_collected"],
        )


class TargetForm(GovukForm):
    year = forms.CharField(
        label="Year", error_messages={"required": "Enter the financial year, like 2021-22"}
    )
    quarter = forms.TypedChoiceField(
        choices=[("", "The whole year"), *[(str(n), f"Q{n}") for n in (1, 2, 3, 4)]],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose the whole year or one quarter"},
    )
    council = forms.ChoiceField(
        error_messages={"required": "Choose the council", "invalid_choice": "Choose the council"}
    )
    value = _number("Target")
    tolerance_kind = _choice(Target.ToleranceKind.choices, "the kind of tolerance")
    tolerance = _number("Tolerance", min_value=Decimal(0))

    def __init__(self, measure: Measure, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partners = {str(p.pk): p for p in sorted(measure.partners.all(), key=lambda p: p.name)}
        council = self.fields["council"]
        assert isinstance(council, forms.ChoiceField)
        council.choices = [("whole-service", "Whole service")] + [
            (k, str(p)) for k, p in self.partners.items()
        ]
        self.fields["tolerance"].error_messages["min_value"] = "Enter a tolerance of 0 or more"

    def clean_year(self) -> int:
        try:
            return FinancialYear.parse(self.cleaned_data["year"]).start
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    @staticmethod
    def initial_of(target: Target) -> dict[str, Any]:
        return {
            "year": FinancialYear(target.year).label,
            "quarter": str(target.quarter or ""),
            "council": str(target.partner_id) if target.partner_id else "whole-service",
            "value": target.value,
            "tolerance_kind": target.tolerance_kind,
            "tolerance": target.tolerance,
        }

    def fields_typed(self) -> TargetFields:
        data = self.cleaned_data
        return TargetFields(
            year=data["year"],
            quarter=data["quarter"],
            partner=self.partners.get(data["council"]),
            value=data["value"],
            tolerance_kind=data["tolerance_kind"],
            tolerance=data["tolerance"],
        )


class FigureForm(GovukForm):
    value = _number("Figure", required=False)
    weight = _number("Weight", required=False)
    exception_why = forms.CharField(max_length=4000, required=False)
    exception_action = forms.CharField(max_length=4000, required=False)
    exception_recovery = forms.CharField(max_length=200, required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def entry(self) -> FigureEntry:
        data = self.cleaned_data
        return FigureEntry(
            data["value"],
            data["weight"],
            data["exception_why"],
            data["exception_action"],
            data["exception_recovery"],
        )


class CorrectionForm(FigureForm):
    reason = forms.CharField(max_length=2000, required=False)


class ReviewFigureForm(GovukForm):
    comment = forms.CharField(max_length=4000, required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
