"""A reporting period: one financial-year quarter of the update cycle."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from headway import clock
from headway.lib.fy import Quarter
from headway.progress.errors import PeriodClosed
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
    # The reminder schedule (see progress.reminder_schedule): owners of returns still to do
    # are emailed on these days, one digest a day each.
    remind_days_before = models.PositiveSmallIntegerField(
        "remind this many days before the deadline",
        default=10,
        help_text="Owners of returns still to do are emailed on that day; 0 for no reminder "
        "before the deadline.",
    )
    remind_again_days_before = models.PositiveSmallIntegerField(
        "remind again this many days before the deadline",
        default=3,
        help_text="A second reminder, closer to the deadline; 0 for none.",
    )
    remind_on_deadline = models.BooleanField("remind on the day of the deadline", default=True)
    remind_overdue_every = models.PositiveSmallIntegerField(
        "remind every this many working days while returns are late",
        default=2,
        help_text="From the first working day after the deadline; weekends are skipped.",
    )

    class Meta:
        ordering = ["organisation", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"],
                name="period_unique",
                violation_error_message="This organisation already has this reporting period.",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(state="open"),
                name="period_one_open",
                violation_error_message="This organisation already has an open reporting period.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A closed period changes only by being reopened (see progress.lifecycle).
        if (
            self.pk is not None
            and self.state == self.State.CLOSED
            and ReportingPeriod.objects.filter(pk=self.pk, state=self.State.CLOSED).exists()
        ):
            raise PeriodClosed(self.label)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if ReportingPeriod.objects.filter(pk=self.pk, state=self.State.CLOSED).exists():
            raise PeriodClosed(self.label)
        return super().delete(*args, **kwargs)

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

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED


class PeriodEvent(models.Model):
    """A step of the period's quarter end: opened, closed, reopened, deadline moved, owners
    chased, its report drafted, sent for approval, approved or returned, its pack asked for,
    the report published: by whom, when and why."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Opened"
        CLOSED = "closed", "Closed"
        REOPENED = "reopened", "Reopened"
        DEADLINE = "deadline", "Deadline changed"
        CHASED = "chased", "Owners chased"
        DRAFTED = "drafted", "Report drafted"
        ASKED = "asked", "Report sent for approval"
        APPROVED = "approved", "Report approved"
        RETURNED = "returned", "Report returned with comments"
        PACK = "pack", "Pack generation started"
        PUBLISHED = "published", "Report published"
        WITHDRAWN = "withdrawn", "Report withdrawn"

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    returns_outstanding = models.PositiveIntegerField(
        default=0, help_text="Returns not yet approved when the period was closed."
    )

    class Meta:
        ordering = ["period", "at", "id"]

    def __str__(self) -> str:
        return f"{self.period} {self.get_kind_display().lower()} {self.at:%-d %B %Y}"

    @classmethod
    def record(
        cls,
        period_id: int,
        kind: PeriodEvent.Kind,
        by: Any = None,
        reason: str = "",
        at: datetime | None = None,
    ) -> PeriodEvent:
        """Keep a step of the quarter end in the period's history."""
        return cls.objects.create(
            period_id=period_id, kind=kind, by=by, reason=reason, at=at or clock.now()
        )
