"""A partner council's say on a change request, and the reminders sent to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from headway.roadmap.models.change import ChangeRequest
from headway.strategy.models import Partner


class Consultation(models.Model):
    """One partner council's answer to one change request."""

    class Response(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        SUPPORTS_WITH_COMMENTS = "supports_with_comments", "Supports with comments"
        OBJECTS = "objects", "Objects"

    # Answers that must say why.
    NEEDS_COMMENT = (Response.SUPPORTS_WITH_COMMENTS, Response.OBJECTS)

    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.CASCADE, related_name="consultations"
    )
    partner = models.ForeignKey(Partner, on_delete=models.RESTRICT, related_name="consultations")
    response = models.CharField(max_length=30, choices=Response.choices, blank=True)
    comment = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["change_request", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["change_request", "partner"],
                name="consultation_unique",
                violation_error_message="This partner is already consulted on this change.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} on {self.change_request}"

    @property
    def is_answered(self) -> bool:
        return bool(self.response)

    @property
    def response_phrase(self) -> str:
        """``supports with comments``, or ``has not answered``: for sentences about it."""
        return self.get_response_display().lower() if self.response else "has not answered"


class ConsultationReminder(models.Model):
    """A reminder sent to a partner that has not answered. One per consultation, ever."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="reminder"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    sent_to = models.TextField(blank=True, help_text="The addresses it went to, one a line.")

    def __str__(self) -> str:
        return f"Reminder to {self.consultation.partner} ({self.sent_at:%d %B %Y})"
