"""A reminder emailed to the owner of outstanding returns, recorded so it goes once a day."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from headway.progress.models.period import ReportingPeriod


class Reminder(models.Model):
    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()
    returns_count = models.PositiveIntegerField(help_text="Returns still to do when it was sent.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "recipient"]
        constraints = [
            # The guard that makes sending safe to run twice, even at the same time.
            models.UniqueConstraint(
                fields=["recipient", "period", "sent_on"], name="reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder to {self.recipient} on {self.sent_on}"
