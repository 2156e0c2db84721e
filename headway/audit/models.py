"""What the audit page shows that no other table records: sign-ins, and failed attempts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SignInEvent(models.Model):
    """Someone signed in, or tried to and failed. A failed attempt names the account only if
    the name typed was one; organisations see the events of their own members."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sign_in_events",
    )
    # What was typed as the username or email address (kept for failed attempts).
    username = models.CharField(max_length=150, blank=True)
    succeeded = models.BooleanField()
    # Real time: this is bookkeeping, not a domain event (see headway.clock).
    at = models.DateTimeField(default=timezone.now)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        what = "Signed in" if self.succeeded else "Failed sign-in"
        return f"{what}: {self.user or self.username}"
