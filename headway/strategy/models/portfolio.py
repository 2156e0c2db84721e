"""The portfolio that delivers the strategy: initiatives of four kinds and their milestones."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from headway.strategy.models.organisation import Organisation, Partner, Service
from headway.strategy.models.strategy import Priority


class Initiative(models.Model):
    """A service-plan action, project, activity or piece of business as usual."""

    class Kind(models.TextChoices):
        PROJECT = "project", "Project"
        ACTIVITY = "activity", "Activity"
        SERVICE_PLAN_ACTION = "service_plan_action", "Service plan action"
        BAU = "bau", "Business as usual"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        ON_HOLD = "on_hold", "On hold"
        COMPLETED = "completed", "Completed"
        DEPRIORITISED = "deprioritised", "Deprioritised"
        CANCELLED = "cancelled", "Cancelled"

    class Horizon(models.TextChoices):
        NOW = "now", "Now"
        NEXT = "next", "Next"
        LATER = "later", "Later"

    # Statuses for which a return is collected each quarter.
    ACTIVE_STATUSES = (Status.PLANNED, Status.IN_PROGRESS, Status.ON_HOLD)
    # Statuses that take an initiative off the priority map and the road map.
    OFF_MAP_STATUSES = (Status.COMPLETED, Status.DEPRIORITISED, Status.CANCELLED)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="initiatives"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="initiatives")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_initiatives",
        help_text="Who writes the quarterly return. Leave empty for the service's leads.",
    )
    priorities = models.ManyToManyField(Priority, related_name="initiatives")
    partners = models.ManyToManyField(
        Partner, related_name="initiatives", blank=True, help_text="The councils it serves."
    )
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    is_key_project = models.BooleanField(
        "key project", default=False, help_text="Reported in its own right to the committee."
    )
    external_reference = models.CharField(
        max_length=50,
        blank=True,
        help_text="The reference used in spreadsheets and other systems, e.g. FIN-014.",
    )
    horizon = models.CharField(
        max_length=10,
        choices=Horizon.choices,
        default=Horizon.NOW,
        help_text="Where it sits on the two-year priority map: this year, next year or later.",
    )
    map_position = models.PositiveIntegerField(
        default=0, help_text="Its order within its priorities on the maps; lower comes first."
    )
    # Bumped each time an agreed change request alters the initiative, so that a request
    # proposed against an older map cannot overwrite a change agreed since.
    map_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_reference"],
                condition=~Q(external_reference=""),
                name="initiative_reference_unique",
                violation_error_message="Another initiative already has this reference.",
            )
        ]
        # Organisation first, so one organisation's lists cost the same whatever the others
        # hold: its portfolio in title order, and each of the portfolio's filters.
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "title", "id"], name="initiative_org_title"),
            models.Index(fields=["organisation", "service", "title"], name="initiative_org_serv"),
            models.Index(fields=["organisation", "kind", "title"], name="initiative_org_kind"),
            models.Index(fields=["organisation", "owner"], name="initiative_org_owner"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (
            self.service_id is not None
            and self.organisation_id is not None
            and self.service.organisation_id != self.organisation_id
        ):
            errors["service"] = "Choose one of the organisation's own services."
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = "The planned end must be on or after the planned start."
        if errors:
            raise ValidationError(errors)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def is_on_map(self) -> bool:
        return self.status not in self.OFF_MAP_STATUSES


class Milestone(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=250)
    due = models.DateField(help_text="The date agreed when the milestone was planned.")
    forecast = models.DateField(
        null=True, blank=True, help_text="When it is now expected, if not the due date."
    )
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "due", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        initiative = self.initiative if self.initiative_id else None
        if (
            initiative
            and initiative.planned_start
            and self.due
            and self.due < initiative.planned_start
        ):
            raise ValidationError(
                {"due": "A milestone cannot be due before its initiative starts."}
            )

    @property
    def expected(self) -> date:
        """The date the milestone is now expected: done, forecast or due."""
        return self.completed_on or self.forecast or self.due

    @property
    def has_slipped(self) -> bool:
        """Forecast later than agreed, or completed late."""
        actual = self.completed_on or self.forecast
        return bool(actual and self.due and actual > self.due)
