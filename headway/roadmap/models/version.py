"""A numbered, frozen state of an organisation's maps: one per agreed change."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from headway.roadmap.models.change import ChangeRequest
from headway.strategy.models import Organisation


class MapVersion(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="map_versions"
    )
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    change_request = models.OneToOneField(
        ChangeRequest,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="resulting_version",
        help_text="The agreed change that made this version; empty for the baseline.",
    )
    state = models.JSONField(help_text="The full map state after the change (a MapState).")
    changes = models.JSONField(
        default=list, blank=True, help_text="What changed since the previous version."
    )

    class Meta:
        ordering = ["organisation", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="map_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Map version {self.number} ({self.created_at:%d %B %Y})"

    @property
    def is_baseline(self) -> bool:
        return self.change_request_id is None
