"""The log of changes to the organisation itself: leadership, structure, services moved or
merged, interim arrangements. The committee report's paragraph on change this quarter is
drafted from it (``headway.committee.snapshot`` reads it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from headway.lib.fy import Quarter
from headway.strategy.models import Organisation, Service


class OrganisationalChange(models.Model):
    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", "Leadership"
        STRUCTURE = "structure", "Structure"
        SERVICE_MOVE = "service_move", "Service moved"
        SERVICE_MERGE = "service_merge", "Services merged"
        INTERIM = "interim", "Interim arrangement"
        REVIEW = "review", "Review of the organisation"
        OTHER = "other", "Other"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="organisational_changes"
    )
    date = models.DateField(help_text="When the change took effect, or was announced.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(help_text="One or two sentences, written as the report should say it.")
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The service moved, or the one another was merged into.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-date", "-id"]
        indexes = [models.Index(fields=["organisation", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%-d %B %Y}: {self.get_kind_display()}"

    @property
    def quarter(self) -> Quarter:
        """The financial quarter it falls in: the period whose report mentions it."""
        return Quarter.of(self.date)
