"""A measure's target for a year (or one quarter of it), for a partner or the whole service."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from headway.indicators import status
from headway.indicators.models.measure import Measure
from headway.lib.fy import FinancialYear
from headway.strategy.models import Partner


class Target(models.Model):
    """What a figure should reach, and the tolerance that makes the amber band.

    ``partner`` empty is the whole service's target; ``quarter`` empty is the whole year's,
    used for any quarter without a target of its own.
    """

    class ToleranceKind(models.TextChoices):
        ABSOLUTE = status.ToleranceKind.ABSOLUTE.value, "An amount in the measure's unit"
        PERCENTAGE = status.ToleranceKind.PERCENTAGE.value, "A percentage of the target"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(
        help_text="The calendar year in which the financial year starts: 2021 means 2021-22."
    )
    quarter = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(n, f"Q{n}") for n in (1, 2, 3, 4)]
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(max_digits=16, decimal_places=2)
    tolerance_kind = models.CharField(
        max_length=10, choices=ToleranceKind.choices, default=ToleranceKind.ABSOLUTE
    )
    tolerance = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0), "A tolerance cannot be negative.")],
        help_text="How far short of the target a figure may fall and still be within tolerance.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "year", "quarter", "partner"]
        constraints = [
            # Empty partner (whole service) and empty quarter (whole year) are values too.
            models.UniqueConstraint(
                "measure",
                "year",
                Coalesce("quarter", Value(0)),
                Coalesce("partner", Value(0)),
                name="target_unique",
                violation_error_message="This measure already has a target for this year, "
                "quarter and council.",
            ),
            models.CheckConstraint(condition=models.Q(tolerance__gte=0), name="target_tolerance"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.reference} {self.period_label}: {self.value}"

    @property
    def period_label(self) -> str:
        label = FinancialYear(self.year).label
        return f"{label} Q{self.quarter}" if self.quarter else label

    @property
    def goal(self) -> status.Goal:
        return status.Goal(self.value, status.ToleranceKind(self.tolerance_kind), self.tolerance)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            FinancialYear(self.year)
        except (TypeError, ValueError) as error:
            errors["year"] = str(error)
        partner = self.partner if self.partner_id is not None else None
        if (
            partner is not None
            and self.measure_id is not None
            and partner.organisation_id != self.measure.organisation_id
        ):
            errors["partner"] = "Choose one of the organisation's own partners."
        if (
            self.tolerance_kind == self.ToleranceKind.PERCENTAGE
            and self.tolerance is not None
            and self.tolerance > 100
        ):
            errors["tolerance"] = "Enter a percentage tolerance of 100 or less."
        if errors:
            raise ValidationError(errors)
