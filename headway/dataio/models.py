"""A file uploaded for import, held between its preview and the confirmation.

Kept in the database rather than on a web server's disk, so whichever process serves the
confirmation can read it. Once imported its content is dropped; the record stays, saying
who imported what and when.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone

from headway.lib.background import BackgroundWork
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation

# How long a preview may wait for its confirmation.
UPLOAD_MAX_AGE = timedelta(hours=6)
_SALT = "headway.dataio.upload"


class Upload(models.Model):
    class Kind(models.TextChoices):
        PORTFOLIO = "portfolio", "Portfolio"
        UPDATES = "updates", "Quarterly returns"
        FIGURES = "figures", "Performance figures"
        REPORT = "report", "Past committee report"

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for confirmation"
        IMPORTED = "imported", "Imported"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    correction = models.BooleanField(
        default=False,
        help_text="Imported as a correction: it may change fields only change requests change.",
    )
    filename = models.CharField(max_length=255)
    content = models.BinaryField(blank=True)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    imported_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True, help_text="What the import did.")
    rows = models.PositiveIntegerField(
        default=0, help_text="Rows the preview found: a large file is imported in the background."
    )

    class Meta:
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["state", "uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.filename}"

    @property
    def token(self) -> str:
        """The signed, expiring name of the upload that the preview's address carries."""
        return signing.dumps(str(self.id), salt=_SALT)

    @classmethod
    def from_token(cls, token: str) -> uuid.UUID | None:
        try:
            return uuid.UUID(signing.loads(token, salt=_SALT, max_age=UPLOAD_MAX_AGE))
        except (signing.BadSignature, ValueError):
            return None

    @property
    def is_waiting(self) -> bool:
        return self.state == self.State.WAITING

    def latest_job(self) -> ImportJob | None:
        """The last time the import was asked for in the background, if it was."""
        return self.jobs.select_related("requested_by").first()


def forget_stale_uploads() -> int:
    """Drop uploads whose preview was never confirmed in time; returns how many. One the
    task worker is importing is left alone."""
    cutoff = timezone.now() - UPLOAD_MAX_AGE
    deleted, _ = (
        Upload.objects.filter(state=Upload.State.WAITING, uploaded_at__lt=cutoff)
        .exclude(jobs__state__in=ImportJob.WORKING)
        .delete()
    )
    return deleted


class ImportJob(BackgroundWork):
    """A large upload's import, run by the task worker in one transaction, as the page's own
    would be: all of the file or none of it."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being imported"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    WORKING = (State.QUEUED, State.RUNNING)

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="jobs")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    problems = models.JSONField(
        default=list, blank=True, help_text="Why the file was refused, if it was: nothing written."
    )

    class Meta(BackgroundWork.Meta):
        pass

    def __str__(self) -> str:
        return f"Import of {self.upload.filename} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class ExportJob(BackgroundWork):
    """A large export written by the task worker, kept until downloaded (or replaced)."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being written"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, default="portfolio")
    format = models.CharField(max_length=10)
    query = models.CharField(max_length=1000, blank=True, help_text="The page's filters.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    filename = models.CharField(max_length=255, blank=True)
    content = models.BinaryField(blank=True)

    class Meta(BackgroundWork.Meta):
        pass

    def __str__(self) -> str:
        return f"Export of the {self.kind} ({self.get_state_display()})"


class StoredOpenData(models.Model):
    """One open data file of a frozen snapshot, made once and served as stored bytes.

    A published report's snapshot never changes, so neither do its files: the first request
    makes them (2.6 MB of JSON at 1,000 initiatives) and every later one reads these bytes,
    plain or already gzipped. A report given a new snapshot gets new files.
    """

    snapshot = models.ForeignKey(
        "committee.Snapshot", on_delete=models.CASCADE, related_name="open_data_files"
    )
    name = models.CharField(max_length=60)
    content = models.BinaryField()
    gzipped = models.BinaryField()
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "name"], name="open_data_file_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} of snapshot {self.snapshot_id}"
