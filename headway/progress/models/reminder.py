"""A reminder emailed to the owner of outstanding returns: the log of every message sent.

A reminder is recorded as ``sending`` before it goes, outside the send, then marked with the
mail server's answer, so a crash never leaves a record that claims it was sent. Its unique
constraint keeps each person to one a day per period, even with two runs at once; one that
could not reach the server (``failed``) does not count, so the next run tries again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from headway.progress.models.period import ReportingPeriod
from headway.progress.models.update import Update


class Reminder(models.Model):
    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        DUE_TODAY = "due_today", "Due today"
        OVERDUE = "overdue", "Overdue"

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        ACCEPTED = "accepted", "Accepted"
        REFUSED = "refused", "Refused"
        FAILED = "failed", "Not sent"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()
    returns_count = models.PositiveIntegerField(help_text="Returns still to do when it was sent.")
    updates = models.ManyToManyField(
        Update, blank=True, related_name="reminders", help_text="The returns it listed."
    )
    email = models.EmailField(blank=True, help_text="The address it was sent to.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    answer_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The mail server's reply code, such as 250 or 550."
    )
    answer = models.TextField(blank=True, help_text="The mail server's answer, or the error.")
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "recipient"]
        constraints = [
            # The guard that makes sending safe to run twice, even at the same time.
            models.UniqueConstraint(
                fields=["recipient", "period", "sent_on"],
                condition=~Q(status="failed"),
                name="reminder_once_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder to {self.recipient} on {self.sent_on}"

    @property
    def was_sent(self) -> bool:
        return self.status == self.Status.ACCEPTED
