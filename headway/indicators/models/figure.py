"""A measure's figure for one reporting period, for a partner council or the whole service."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from headway.indicators.models.measure import Measure
from headway.progress.models import ReportingPeriod
from headway.progress.models.update import refuse_if_closed
from headway.strategy.models import Partner


class FigureQuerySet(models.QuerySet["Figure", "Figure"]):
    def of(self, organisation_id: int) -> FigureQuerySet:
        return self.filter(measure__organisation_id=organisation_id)

    def approved(self) -> FigureQuerySet:
        return self.filter(state=Figure.State.APPROVED)

    def update(self, **kwargs: Any) -> int:
        # Bulk writes bypass ``save()``: a closed period is refused here too.
        with transaction.atomic():
            refuse_if_closed(ReportingPeriod.objects.filter(pk__in=self.values("period_id")))
            return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            refuse_if_closed(ReportingPeriod.objects.filter(pk__in=self.values("period_id")))
            return super().delete()


class Figure(models.Model):
    """A value with, when it is off target, the exception note that explains it.

    It goes through the states of a return: a service lead saves and submits it, a reviewer
    approves it or returns it. ``partner`` empty is the whole service's own return (for a
    measure whose whole-service figure is not computed from the partners'). Each save is kept
    in ``history``; a correction after approval carries its reason there
    (``history_change_reason``), as ``headway.indicators.cycle.correct_figure`` writes it.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved"

    OUTSTANDING_STATES = (State.DRAFT, State.RETURNED)

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="figures")
    # As a period's returns go with it (a closed period cannot be deleted).
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="figures")
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    weight = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="For a weighted whole-service figure: this figure's weight, e.g. invoices due.",
    )
    exception_why = models.TextField(
        "why it is off target", blank=True, help_text="What caused the shortfall."
    )
    exception_action = models.TextField(
        "what is being done", blank=True, help_text="The action being taken to recover."
    )
    exception_recovery = models.CharField(
        "when it is expected to recover",
        max_length=200,
        blank=True,
        help_text="For example: by the end of 2021-22 Q4.",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    review_comment = models.TextField(blank=True)
    # Bumped on every save so that two people editing one figure cannot overwrite each other.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = FigureQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "period", "partner"]
        constraints = [
            # An empty partner (the whole service) is a value too.
            models.UniqueConstraint(
                "measure",
                "period",
                Coalesce("partner", Value(0)),
                name="figure_unique",
                violation_error_message="This measure already has a figure for this period "
                "and council.",
            )
        ]
        indexes = [
            models.Index(fields=["period", "state", "measure"], name="figure_queue"),
            models.Index(fields=["measure", "period"], name="figure_measure_period"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.reference} {self.period} {self.partner_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, unless the figure's period is (or was) closed; bump the version."""
        periods = Q(pk=self.period_id)
        if self.pk is not None:
            periods |= Q(pk__in=Figure.objects.filter(pk=self.pk).values("period_id"))
        with transaction.atomic():
            refuse_if_closed(ReportingPeriod.objects.filter(periods))
            if not self._state.adding:
                self.version = (self.version or 0) + 1
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            refuse_if_closed(ReportingPeriod.objects.filter(pk=self.period_id))
            return super().delete(*args, **kwargs)

    @property
    def partner_name(self) -> str:
        return str(self.partner) if self.partner_id else "Whole service"

    @property
    def has_exception_note(self) -> bool:
        return bool(self.exception_why.strip() and self.exception_action.strip())

    @property
    def is_outstanding(self) -> bool:
        return self.state in self.OUTSTANDING_STATES
