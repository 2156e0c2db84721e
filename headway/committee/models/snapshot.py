"""An immutable record of every figure a report uses.

Rendering reads the snapshot only, so a published pack can be rendered identically years
later after the live data has changed. Once saved, a snapshot can be neither changed nor
deleted (not through any page, command or the API: the rule sits here).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models

from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation


class SnapshotFrozen(Exception):
    """Raised when anything tries to change or delete a saved snapshot."""


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


class SnapshotQuerySet(models.QuerySet["Snapshot"]):
    def update(self, **kwargs: Any) -> int:
        raise SnapshotFrozen("Snapshots cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise SnapshotFrozen("Snapshots cannot be deleted.")


class Snapshot(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="snapshots"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="snapshots")
    data = models.JSONField()
    content_hash = models.CharField(max_length=64, editable=False)
    taken_at = models.DateTimeField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_at", "-id"]

    def __str__(self) -> str:
        return f"Snapshot of {self.period} ({self.content_hash[:12]})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise SnapshotFrozen("Snapshots cannot be changed: take a new one instead.")
        self.content_hash = content_hash(self.data)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise SnapshotFrozen("Snapshots cannot be deleted.")

    def verify(self) -> bool:
        """True when the stored data still matches the hash taken when it was saved."""
        return content_hash(self.data) == self.content_hash
