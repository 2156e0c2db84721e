"""Administrators' changes to measures and their targets, in Headway's own pages.

Each function checks who may act and the model's rules, and keeps the change in the
history (django-simple-history), with who made it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from headway.accounts.models import Membership
from headway.indicators.access import check_may_manage_measures
from headway.indicators.models import Measure, Target
from headway.strategy.models import Partner, Priority, Service


@dataclass(frozen=True)
class MeasureFields:
    reference: str
    name: str
    definition: str
    unit: str
    polarity: str
    frequency: str
    service: Service
    priority: Priority | None
    partners: tuple[Partner, ...]
    whole_service: str
    weight_label: str = ""
    is_collected: bool = True


def save_measure(measure: Measure | None, fields: MeasureFields, by: Membership) -> Measure:
    """Add a measure (``measure`` None) or change one."""
    check_may_manage_measures(by)
    reference = fields.reference.strip()
    clash = Measure.objects.of(by.organisation_id).filter(reference__iexact=reference)
    if measure is not None:
        clash = clash.exclude(pk=measure.pk)
    if clash.exists():
        raise ValidationError(
            {"reference": f"Another measure already has the reference {reference}."}
        )
    foreign = [p for p in fields.partners if p.organisation_id != by.organisation_id]
    if foreign:
        raise ValidationError({"partners": "Choose the organisation's own partner councils."})
    with transaction.atomic():
        if measure is None:
            measure = Measure(organisation_id=by.organisation_id)
        measure.reference = reference
        measure.name = fields.name.strip()
        measure.definition = fields.definition.strip()
        measure.unit = fields.unit
        measure.polarity = fields.polarity
        measure.frequency = fields.frequency
        measure.service = fields.service
        measure.priority = fields.priority
        measure.whole_service = fields.whole_service
        measure.weight_label = fields.weight_label.strip()
        measure.is_collected = fields.is_collected
        measure.full_clean()
        measure._history_user = by.user  # type: ignore[attr-defined]
        measure.save()
        measure.partners.set(fields.partners)
    return measure


@dataclass(frozen=True)
class TargetFields:
    year: int
    quarter: int | None
    partner: Partner | None
    value: Decimal
    tolerance_kind: str
    tolerance: Decimal


def save_target(
    measure: Measure, target: Target | None, fields: TargetFields, by: Membership
) -> Target:
    """Add a target to the measure, or change one of its targets."""
    check_may_manage_measures(by)
    if measure.organisation_id != by.organisation_id:
        raise ValidationError("Choose one of your organisation's measures.")
    partners: Iterable[Partner] = measure.partners.all()
    if fields.partner is not None and fields.partner not in partners:
        raise ValidationError(
            {"partner": f"{measure.reference} is not reported for {fields.partner}."}
        )
    with transaction.atomic():
        target = target or Target(measure=measure)
        target.year = fields.year
        target.quarter = fields.quarter
        target.partner = fields.partner
        target.value = fields.value
        target.tolerance_kind = fields.tolerance_kind
        target.tolerance = fields.tolerance
        target.full_clean()
        target._history_user = by.user  # type: ignore[attr-defined]
        target.save()
    return target


def remove_target(target: Target, by: Membership) -> None:
    check_may_manage_measures(by)
    if target.measure.organisation_id != by.organisation_id:
        raise ValidationError("Choose one of your organisation's targets.")
    target._history_user = by.user  # type: ignore[attr-defined]
    target.delete()
