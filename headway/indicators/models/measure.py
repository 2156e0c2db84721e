"""A performance indicator: what is measured, for which councils, and who answers for it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from headway.indicators import status
from headway.strategy.models import Organisation, Partner, Priority, Service


class MeasureQuerySet(models.QuerySet["Measure", "Measure"]):
    def of(self, organisation: Organisation | int) -> MeasureQuerySet:
        """The organisation's measures: every page and the API start here."""
        org_id = organisation if isinstance(organisation, int) else organisation.pk
        return self.filter(organisation_id=org_id)

    def collected(self) -> MeasureQuerySet:
        return self.filter(is_collected=True)


class Measure(models.Model):
    """A measure such as "Invoices paid within 30 days", reported per partner council."""

    class Unit(models.TextChoices):
        NUMBER = "number", "Number"
        PERCENTAGE = "percentage", "Percentage"
        MONEY = "money", "Money (£)"
        DAYS = "days", "Days"

    class Polarity(models.TextChoices):
        HIGHER = status.Polarity.HIGHER.value, "Higher is better"
        LOWER = status.Polarity.LOWER.value, "Lower is better"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    class WholeService(models.TextChoices):
        SUM = status.Aggregation.SUM.value, "The sum of the partners' figures"
        WEIGHTED = status.Aggregation.WEIGHTED.value, "The partners' figures' weighted average"
        OWN = status.Aggregation.OWN.value, "Its own return"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="measures"
    )
    reference = models.CharField(
        max_length=30,
        help_text="The measure's reference in spreadsheets and reports, e.g. FIN-PI-01.",
    )
    name = models.CharField(max_length=250)
    definition = models.TextField(
        blank=True, help_text="What is counted and how, so that every council counts it alike."
    )
    unit = models.CharField(max_length=12, choices=Unit.choices, default=Unit.NUMBER)
    polarity = models.CharField(max_length=8, choices=Polarity.choices, default=Polarity.HIGHER)
    frequency = models.CharField(
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.QUARTERLY,
        help_text="How often it is counted. Monthly and quarterly measures are reported each "
        "quarter; annual ones in Q4.",
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="measures")
    priority = models.ForeignKey(
        Priority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        help_text="The strategy's priority this measure evidences.",
    )
    partners = models.ManyToManyField(
        Partner,
        related_name="measures",
        blank=True,
        help_text="The councils it is reported for, each with its own figure.",
    )
    whole_service = models.CharField(
        "whole-service figure",
        max_length=10,
        choices=WholeService.choices,
        default=WholeService.OWN,
    )
    weight_label = models.CharField(
        "weighted by",
        max_length=120,
        blank=True,
        help_text="For a weighted average: what each partner's figure is weighted by, e.g. "
        "the number of invoices due.",
    )
    is_collected = models.BooleanField(
        "collected", default=True, help_text="Untick to stop asking for its figures."
    )
    history = HistoricalRecords()

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                name="measure_reference_unique",
                violation_error_message="Another measure already has this reference.",
            )
        ]
        # Organisation first: one organisation's list costs the same whatever others hold.
        indexes = [
            models.Index(fields=["organisation", "service", "reference"], name="measure_org_serv"),
            models.Index(fields=["organisation", "priority", "reference"], name="measure_org_prio"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        org = self.organisation_id
        if self.service_id is not None and org is not None and self.service.organisation_id != org:
            errors["service"] = "Choose one of the organisation's own services."
        priority = self.priority if self.priority_id is not None else None
        if priority is not None and org is not None and priority.strategy.organisation_id != org:
            errors["priority"] = "Choose a priority of the organisation's own strategy."
        if self.whole_service == self.WholeService.WEIGHTED and not self.weight_label.strip():
            errors["weight_label"] = (
                "Say what each partner's figure is weighted by, e.g. the number of invoices due."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def polarity_value(self) -> status.Polarity:
        return status.Polarity(self.polarity)

    @property
    def aggregation(self) -> status.Aggregation:
        return status.Aggregation(self.whole_service)

    @property
    def is_weighted(self) -> bool:
        return self.whole_service == self.WholeService.WEIGHTED

    @property
    def whole_service_is_returned(self) -> bool:
        """Whether the whole service's figure is entered, rather than computed."""
        return self.whole_service == self.WholeService.OWN

    def is_due_in(self, quarter: int) -> bool:
        """Whether a figure is asked for in this quarter of the year (annual ones in Q4)."""
        return self.frequency != self.Frequency.ANNUAL or quarter == 4
