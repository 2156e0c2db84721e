"""A quarterly update (a "return"): one initiative's progress in one reporting period."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from headway.progress.models.period import ReportingPeriod
from headway.progress.models.status import StatusValue
from headway.strategy.models import Initiative


class Update(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved"

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="updates")
    status = models.ForeignKey(
        StatusValue, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    narrative = models.TextField(blank=True, help_text="Progress this quarter, in plain English.")
    achievements = models.TextField("achievements this quarter", blank=True)
    next_steps = models.TextField("next steps for the coming quarter", blank=True)
    risks = models.TextField("risks and issues", blank=True)
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    is_late = models.BooleanField(default=False, help_text="Submitted after the deadline.")
    review_comment = models.TextField(blank=True)
    # Bumped on every save so that two people editing one return cannot overwrite each other.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "initiative"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "period"],
                name="update_unique",
                violation_error_message="This initiative already has a return for this period.",
            ),
            models.CheckConstraint(
                condition=models.Q(percent_complete__isnull=True)
                | models.Q(percent_complete__lte=100),
                name="update_percent_range",
            ),
        ]
        indexes = [models.Index(fields=["period", "state"])]

    def __str__(self) -> str:
        return f"{self.initiative} — {self.period}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.percent_complete is not None and self.percent_complete > 100:
            errors["percent_complete"] = "Enter a percentage from 0 to 100."
        if (
            self.initiative_id
            and self.period_id
            and self.initiative.organisation_id != self.period.organisation_id
        ):
            errors["period"] = "Choose a reporting period of the initiative's organisation."
        status = self.status if self.status_id else None
        if (
            status
            and self.period_id
            and status.scale.organisation_id != self.period.organisation_id
        ):
            errors["status"] = "Choose a status from the organisation's own scale."
        if status and status.needs_mitigation and not self.risks.strip():
            errors["risks"] = (
                f"Say what the risks are and what is being done about them: a "
                f"{status.label} status needs a mitigation."
            )
        if errors:
            raise ValidationError(errors)
