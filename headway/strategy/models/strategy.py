"""A strategy, its ordered priorities and the dated events of its history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from headway.lib.fy import FinancialYear, span_label
from headway.strategy.models.organisation import Organisation

YEAR_HELP = "The calendar year in which the financial year starts: 2020 means 2020-21."


class Strategy(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="strategies"
    )
    title = models.CharField(max_length=200)
    first_year = models.PositiveSmallIntegerField(help_text=YEAR_HELP)
    last_year = models.PositiveSmallIntegerField(help_text=YEAR_HELP)
    vision = models.TextField(blank=True)
    framework = models.TextField(
        blank=True, help_text="The strategic framework that guides how the strategy is delivered."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-first_year", "title"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for field in ("first_year", "last_year"):
            value = getattr(self, field)
            if value is not None and not 1900 <= value <= 9998:
                errors[field] = "Enter the year the financial year starts, such as 2020."
        if (
            not errors
            and self.first_year is not None
            and self.last_year is not None
            and self.last_year < self.first_year
        ):
            errors["last_year"] = "The last year must be the same as or after the first year."
        if errors:
            raise ValidationError(errors)

    @property
    def years_label(self) -> str:
        """``2020-23`` for a strategy from 2020-21 to 2022-23."""
        return span_label(self.first_year, self.last_year)

    def financial_years(self) -> list[FinancialYear]:
        return [FinancialYear(year) for year in range(self.first_year, self.last_year + 1)]


class Priority(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.CharField(
        max_length=200, blank=True, help_text="Who leads it, by role: Director of Finance."
    )
    active_from = models.PositiveSmallIntegerField(null=True, blank=True, help_text=YEAR_HELP)
    active_to = models.PositiveSmallIntegerField(null=True, blank=True, help_text=YEAR_HELP)
    # Renames, reorders and retirements are kept: reports and map versions froze the old values.
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="priority_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.number is not None and self.number < 1:
            errors["number"] = "Number priorities from 1."
        if self.active_from and self.active_to and self.active_to < self.active_from:
            errors["active_to"] = "A priority cannot end before it starts."
        if self.strategy_id is not None:
            strategy = self.strategy
            for field in ("active_from", "active_to"):
                year = getattr(self, field)
                if year and not strategy.first_year <= year <= strategy.last_year:
                    errors[field] = (
                        f"Choose a year within the strategy ({strategy.first_year} "
                        f"to {strategy.last_year})."
                    )
        if errors:
            raise ValidationError(errors)

    def is_active_in(self, year: int) -> bool:
        return (self.active_from or 0) <= year <= (self.active_to or 9999)

    def is_retired_in(self, year: int) -> bool:
        """Retired: it applied until an earlier year and no longer does."""
        return self.active_to is not None and self.active_to < year


class StrategyEvent(models.Model):
    """Something that happened to the strategy; the report's Background is written from these."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", "Published"
        PRESENTED = "presented", "Presented to committee"
        LAUNCHED = "launched", "Launched"
        AGREED = "agreed", "Agreed"
        PAUSED = "paused", "Paused"
        RESUMED = "resumed", "Resumed"
        REVIEWED = "reviewed", "Reviewed"
        REVISED = "revised", "Revised"
        OTHER = "other", "Other"

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="events")
    date = models.DateField()
    kind = models.CharField(max_length=30, choices=Kind.choices)
    meeting = models.ForeignKey(
        "committee.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategy_events",
        help_text="The committee meeting at which it happened, if it did.",
    )
    text = models.TextField(help_text="One or two sentences, written as the report should say it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "date", "id"]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y}: {self.get_kind_display()}"
