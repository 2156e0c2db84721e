"""A report to a committee meeting: its header, its editable draft and its state."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from headway.committee.models.committee import Meeting
from headway.committee.models.snapshot import Snapshot
from headway.progress.models import ReportingPeriod


class ReportLocked(Exception):
    """Raised when anything tries to change a published report."""


class Report(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Kind(models.TextChoices):
        DRAFTED = "drafted", "Drafted in Headway"
        IMPORTED = "imported", "Imported"

    # Once published, a report is the public record: it can be withdrawn, never changed.
    LOCKED_STATES = (State.PUBLISHED, State.WITHDRAWN)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    subject_heading = models.CharField(max_length=250)
    author_name = models.CharField(max_length=200)
    author_title = models.CharField(max_length=200, blank=True)
    author_contact = models.CharField(max_length=200, blank=True)
    financial_summary = models.CharField(max_length=500, default="Not applicable")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        default=Kind.DRAFTED,
        help_text="Imported: a past report read from its file, kept as it was presented.",
    )
    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The stable public address once published."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The latest time a reviewer sent it back to draft, and what they asked to change.
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_comment = models.TextField(blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(
        blank=True, help_text="Shown on the public page beside the date it was withdrawn."
    )
    # Approvals, returns, publications and withdrawals, each kept (the fields above hold only
    # the latest); the audit page shows them.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting__date"]
        # One report drafted in Headway per meeting and period, and one imported: a past
        # report brought in may sit beside the one Headway drafted for the same meeting.
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "period"],
                condition=models.Q(kind="drafted"),
                name="report_unique",
                violation_error_message="This meeting already has a report for this period.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "period"],
                condition=models.Q(kind="imported"),
                name="imported_report_unique",
                violation_error_message="This meeting already has an imported report for this "
                "period.",
            ),
        ]

    def __str__(self) -> str:
        return self.subject_heading

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and self.is_locked_in_database():
            raise ReportLocked("A published or imported report cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_locked_in_database():
            raise ReportLocked("A published or imported report cannot be deleted.")
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if (
            self.meeting_id
            and self.period_id
            and self.meeting.committee.organisation_id != self.period.organisation_id
        ):
            raise ValidationError({"period": "Choose a period of the committee's organisation."})

    def is_locked_in_database(self) -> bool:
        return (
            Report.objects.filter(pk=self.pk)
            .filter(models.Q(state__in=self.LOCKED_STATES) | models.Q(kind=self.Kind.IMPORTED))
            .exists()
        )

    @property
    def is_imported(self) -> bool:
        return self.kind == self.Kind.IMPORTED

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT and not self.is_imported

    @property
    def is_returned(self) -> bool:
        """A draft a reviewer sent back with comments that are still to be answered."""
        return self.state == self.State.DRAFT and self.returned_at is not None


class ReportSection(models.Model):
    """A part of the cover report; numbered sections (1 Background, 2 ...) number their
    paragraphs 1.1, 1.2 by position, so moving a paragraph renumbers the rest."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40, help_text="What the composer drafted it as.")
    title = models.CharField(max_length=250)
    position = models.PositiveSmallIntegerField()
    numbered = models.BooleanField(default=False)
    drafted_keys = models.JSONField(
        default=list,
        blank=True,
        help_text="The keys of the paragraphs the composer drafted, so a redraft knows which "
        "ones officers removed.",
    )

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_section_key_unique")
        ]

    def __str__(self) -> str:
        return self.title


class ReportParagraph(models.Model):
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField()
    label = models.CharField(
        max_length=200, blank=True, help_text="A lead-in such as “Legal implications and risks”."
    )
    text = models.TextField()
    drafted_text = models.TextField(
        blank=True, help_text="What the composer wrote, so edits can be seen and undone."
    )
    draft_key = models.CharField(
        max_length=60,
        blank=True,
        help_text="What the composer drafted it as (e.g. “figures”); empty if an officer added it.",
    )

    class Meta:
        ordering = ["section", "position", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_edited(self) -> bool:
        return self.text != self.drafted_text


class ReportSource(models.Model):
    """The file an imported report was read from, kept as it was uploaded."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="source")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename
