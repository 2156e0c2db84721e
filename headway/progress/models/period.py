"""A reporting period: one financial-year quarter of the update cycle."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

from headway.lib.fy import Quarter
from headway.strategy.models import Organisation


class ReportingPeriod(models.Model):
    class State(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    year = models.PositiveSmallIntegerField(
        help_text="The calendar year in which the financial year starts: 2021 means 2021-22."
    )
    quarter = models.PositiveSmallIntegerField(choices=[(n, f"Q{n}") for n in (1, 2, 3, 4)])
    state = models.CharField(max_length=10, choices=State.choices, default=State.UPCOMING)
    deadline = models.DateField(null=True, blank=True, help_text="When services' returns are due.")

    class Meta:
        ordering = ["organisation", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"],
                name="period_unique",
                violation_error_message="This organisation already has this reporting period.",
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        try:
            quarter = self.as_quarter
        except (TypeError, ValueError) as error:
            raise ValidationError({"year": str(error)}) from None
        if self.deadline and self.deadline < quarter.first_day:
            raise ValidationError(
                {"deadline": f"The deadline must be on or after {quarter.first_day:%-d %B %Y}."}
            )

    @property
    def as_quarter(self) -> Quarter:
        return Quarter(self.year, self.quarter)

    @property
    def label(self) -> str:
        return self.as_quarter.label

    @property
    def slug(self) -> str:
        return self.as_quarter.slug

    @property
    def start(self) -> date:
        return self.as_quarter.first_day

    @property
    def end(self) -> date:
        return self.as_quarter.last_day

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN
