"""A proposed change to the maps, its consultation and the decision taken on it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from headway.strategy.models import Initiative, Organisation, Priority

RATIONALE_MISSING = "Say why this change is needed"


class ChangeRequest(models.Model):
    """One change to the priority map or road map, agreed only after consulting the partners."""

    class Kind(models.TextChoices):
        ADD_PRIORITY = "add_priority", "Add a priority"
        ADD_INITIATIVE = "add_initiative", "Add an initiative"
        REPRIORITISE = "reprioritise", "Reprioritise"
        DEPRIORITISE = "deprioritise", "Deprioritise"
        RESCHEDULE = "reschedule", "Reschedule"
        CLOSE = "close", "Close"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        CONSULTING = "consulting", "Consulting partners"
        AGREED = "agreed", "Agreed"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # Kinds that change an existing initiative, and so need one.
    INITIATIVE_KINDS = (Kind.REPRIORITISE, Kind.DEPRIORITISE, Kind.RESCHEDULE, Kind.CLOSE)
    OPEN_STATES = (State.DRAFT, State.CONSULTING)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="change_requests"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="change_requests",
        help_text="The initiative it changes; for a new initiative, the one created when agreed.",
    )
    priority = models.ForeignKey(
        Priority,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="change_requests",
        help_text="For a new priority, the priority created when agreed.",
    )
    proposed = models.JSONField(default=dict, blank=True, help_text="The proposed new values.")
    current = models.JSONField(
        default=dict, blank=True, help_text="The values when the change was proposed."
    )
    base_map_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The initiative's map version when the change was proposed.",
    )
    rationale = models.TextField(help_text="Why this change is needed.")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    opened_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(
        null=True, blank=True, help_text="The last day on which partners may answer."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(null=True, blank=True)
    meeting = models.ForeignKey(
        "committee.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_requests",
        help_text="The committee meeting at which it was decided, if it was.",
    )
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-proposed_at", "-id"]
        indexes = [models.Index(fields=["organisation", "state", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_label}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.rationale or "").strip():
            errors["rationale"] = RATIONALE_MISSING
        if self.kind in self.INITIATIVE_KINDS and self.initiative_id is None:
            errors["initiative"] = "Choose the initiative this change is about."
        for field in ("initiative", "priority"):
            target = getattr(self, field) if getattr(self, f"{field}_id") else None
            organisation_id = (
                target.strategy.organisation_id
                if isinstance(target, Priority)
                else getattr(target, "organisation_id", None)
            )
            if target is not None and organisation_id != self.organisation_id:
                errors[field] = f"Choose one of the organisation's own {field} records."
        if errors:
            raise ValidationError(errors)

    @property
    def target_label(self) -> str:
        """What the change is about, in words: the initiative, the priority or the new title."""
        if self.initiative is not None:
            return self.initiative.title
        if self.priority is not None:
            return str(self.priority)
        return str((self.proposed or {}).get("title", "")) or "(untitled)"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def is_decided(self) -> bool:
        return self.state in (self.State.AGREED, self.State.REJECTED)

    @property
    def outcome(self) -> str:
        """``agreed`` or ``rejected`` once decided; empty before."""
        return self.state if self.is_decided else ""
