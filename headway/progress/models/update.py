"""A quarterly update (a "return"): one initiative's progress in one reporting period."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.deletion import CASCADE, Collector, ProtectedError
from django.db.models.signals import post_delete
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from headway import clock
from headway.lib.fy import Quarter
from headway.progress.errors import PeriodClosed, returns_kept_message
from headway.progress.models.latest import refresh_latest_status
from headway.progress.models.period import ReportingPeriod
from headway.progress.models.status import StatusValue
from headway.strategy.models import Initiative, Organisation


def refuse_if_closed(periods: models.QuerySet[ReportingPeriod]) -> None:
    """Raise PeriodClosed if any of these periods is closed.

    The period rows stay locked until the caller's transaction ends, so a period cannot be
    closed between this check and the write that follows it in that transaction.
    """
    with transaction.atomic():
        rows = list(periods.select_for_update(of=("self",)).values_list("year", "quarter", "state"))
    for year, quarter, state in rows:
        if state == ReportingPeriod.State.CLOSED:
            raise PeriodClosed(Quarter(year, quarter).label)


def closed_returns(updates: models.QuerySet[Update]) -> list[Update]:
    """Those of these returns whose period is closed, oldest period first."""
    return list(
        updates.filter(period__state=ReportingPeriod.State.CLOSED)
        .select_related("initiative", "period")
        .order_by("period__year", "period__quarter", "initiative__title")
    )


def returns_kept(closed: list[Update]) -> str:
    """Why the initiatives of these closed-period returns cannot be deleted."""
    return returns_kept_message(list(dict.fromkeys(update.period.label for update in closed)))


def keep_closed_returns(
    collector: Collector, field: models.Field[Any, Any], sub_objs: Any, using: str
) -> None:
    """What deleting an initiative does to its returns: deletes them with it, unless one is in
    a closed period, which is frozen. Django deletes related rows without calling their
    ``delete()``, so the closed-period rule is kept here too; the admin lists the returns
    that stop the deletion.
    """
    deleting = Update.objects.using(using).filter(pk__in=[update.pk for update in sub_objs])
    closed = closed_returns(deleting)
    if closed:
        raise ProtectedError(returns_kept(closed), set(closed))
    CASCADE(collector, field, sub_objs, using)


class UpdateQuerySet(models.QuerySet["Update", "Update"]):
    """Bulk writes bypass ``Update.save()``; they are refused for closed periods too."""

    def outstanding(self) -> UpdateQuerySet:
        """Returns still with their owners: not yet submitted, or returned to them."""
        return self.filter(state__in=Update.OUTSTANDING_STATES)

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic():
            refuse_if_closed(ReportingPeriod.objects.filter(pk__in=self.values("period_id")))
            touched = None
            if RATING_FIELDS.intersection(kwargs):
                touched = set(self.values_list("initiative_id", flat=True))
            changed = super().update(**kwargs)
            if touched:
                refresh_latest_status(touched | _initiative_ids(kwargs))
            return changed

    def delete(self) -> tuple[int, dict[str, int]]:
        # Deleting approved returns refreshes their initiatives' latest status: see
        # ``_refresh_after_delete``.
        with transaction.atomic():
            refuse_if_closed(ReportingPeriod.objects.filter(pk__in=self.values("period_id")))
            return super().delete()

    def bulk_create(  # type: ignore[override]
        self, objs: Iterable[Update], *args: Any, **kwargs: Any
    ) -> list[Update]:
        rows: list[Any] = list(objs)
        with transaction.atomic():
            refuse_if_closed(ReportingPeriod.objects.filter(pk__in={o.period_id for o in rows}))
            created: list[Update] = super().bulk_create(rows, *args, **kwargs)  # type: ignore[assignment]
            refresh_latest_status(
                {o.initiative_id for o in rows if o.state == Update.State.APPROVED}
            )
        return created


# Fields whose change can change which approved return is an initiative's latest, or its rating.
RATING_FIELDS = frozenset(
    {"state", "status", "status_id", "period", "period_id", "initiative", "initiative_id"}
    | {"reviewed_at"}
)


def _initiative_ids(kwargs: dict[str, Any]) -> set[int]:
    """The initiative a bulk update moves returns to, if it does."""
    moved = kwargs.get("initiative_id", kwargs.get("initiative"))
    if moved is None or isinstance(moved, models.expressions.Combinable):
        return set()
    return {moved if isinstance(moved, int) else moved.pk}


class Update(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved"

    class Progress(models.TextChoices):
        """Where a return stands, telling a pre-filled draft from one being worked on."""

        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved"

    # Still with the service: what reminders chase and the dashboard calls outstanding.
    OUTSTANDING_STATES = (State.DRAFT, State.RETURNED)

    initiative = models.ForeignKey(
        Initiative, on_delete=keep_closed_returns, related_name="updates"
    )
    # Indexed by ``update_queue``, which leads with it.
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="updates", db_index=False
    )
    status = models.ForeignKey(
        StatusValue, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    narrative = models.TextField(blank=True, help_text="Progress this quarter, in plain English.")
    achievements = models.TextField("achievements this quarter", blank=True)
    next_steps = models.TextField("next steps for the coming quarter", blank=True)
    risks = models.TextField("risks and issues", blank=True)
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    milestone_dates = models.JSONField(
        default=dict,
        blank=True,
        help_text="The milestones' forecast and completion dates as this return reported "
        "them, by milestone id (headway.progress.milestone_dates).",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    is_late = models.BooleanField(default=False, help_text="Submitted after the deadline.")
    review_comment = models.TextField(blank=True)
    # Bumped on every save so that two people editing one return cannot overwrite each other.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_on = models.DateField(
        "date completed",
        null=True,
        blank=True,
        help_text="When the initiative was completed; needed with a status that means complete.",
    )
    started_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When someone first saved the return. Empty while it is as pre-filled.",
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The approved return this one was pre-filled from.",
    )
    history = HistoricalRecords()

    objects = UpdateQuerySet.as_manager()
    # State and initiative as loaded or last saved: see ``save``.
    _loaded: tuple[str | None, int | None] = (None, None)

    class Meta:
        ordering = ["period", "initiative"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "period"],
                name="update_unique",
                violation_error_message="This initiative already has a return for this period.",
            ),
            models.CheckConstraint(
                condition=models.Q(percent_complete__isnull=True)
                | models.Q(percent_complete__lte=100),
                name="update_percent_range",
            ),
        ]
        # A period is one organisation's, so this leads with the organisation too: the task
        # list's returns of the open period, and the review queue's longest waiting first.
        indexes = [
            models.Index(fields=["period", "state", "submitted_at", "id"], name="update_queue")
        ]

    def __str__(self) -> str:
        return f"{self.initiative} — {self.period}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, unless the return's period is (or was) closed; bump the version. Saving a
        return that is or was approved refreshes its initiative's latest status."""
        periods = Q(pk=self.period_id)
        if self.pk is not None:
            periods |= Q(pk__in=Update.objects.filter(pk=self.pk).values("period_id"))
        with transaction.atomic():
            refuse_if_closed(ReportingPeriod.objects.filter(periods))
            if not self._state.adding:
                self.version = (self.version or 0) + 1
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
            super().save(*args, **kwargs)
            loaded_state, loaded_initiative = self._loaded
            if self.State.APPROVED in (self.state, loaded_state):
                moved = {loaded_initiative} if loaded_initiative is not None else set()
                refresh_latest_status({self.initiative_id} | moved)
            self._loaded = (self.state, self.initiative_id)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic():
            refuse_if_closed(ReportingPeriod.objects.filter(pk=self.period_id))
            return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, *args: Any, **kwargs: Any) -> Update:
        update: Update = super().from_db(*args, **kwargs)
        # As loaded, so that saving knows whether it was approved (see ``save``).
        update._loaded = (update.__dict__.get("state"), update.__dict__.get("initiative_id"))
        return update

    @property
    def progress(self) -> str:
        return self.progress_of(self.state, self.started_at)

    @classmethod
    def progress_of(cls, state: str, started_at: object) -> str:
        """``progress`` from the two columns it reads, for code reading plain rows."""
        if state == cls.State.DRAFT:
            return cls.Progress.IN_PROGRESS if started_at else cls.Progress.NOT_STARTED
        return str(state)

    @property
    def is_outstanding(self) -> bool:
        return self.state in self.OUTSTANDING_STATES

    def problems(self, *, submitting: bool, today: date | None = None) -> dict[str, str]:
        """What must be fixed in the return as it stands, by field.

        Saving a draft needs only sensible values, so nothing typed is lost; submitting
        also needs everything a reviewer will look for.
        """
        today = today or clock.today()
        errors: dict[str, str] = {}
        if self.percent_complete is not None and not 0 <= self.percent_complete <= 100:
            errors["percent_complete"] = "Enter a percentage from 0 to 100."
        if self.completed_on and self.completed_on > today:
            errors["completed_on"] = "The date completed must be today or in the past."
        if not submitting:
            return errors
        status = self.status if self.status_id else None
        if status is None:
            errors["status"] = "Choose a status for the initiative."
        if not self.narrative.strip():
            errors["narrative"] = "Describe the progress made this quarter."
        if status and status.needs_mitigation and not self.risks.strip():
            errors["risks"] = (
                f"Say what the risks are and what is being done about them: the status is "
                f"{status.label}, which needs a mitigation."
            )
        if status and status.means_complete and not self.completed_on:
            errors.setdefault(
                "completed_on",
                f"Enter the date the initiative was completed: the status is {status.label}, "
                "which means it is complete.",
            )
        return errors

    def clean(self) -> None:
        errors = self.problems(submitting=self.state != self.State.DRAFT)
        if (
            self.initiative_id
            and self.period_id
            and self.initiative.organisation_id != self.period.organisation_id
        ):
            errors["period"] = "Choose a reporting period of the initiative's organisation."
        status = self.status if self.status_id else None
        if (
            status
            and self.period_id
            and status.scale.organisation_id != self.period.organisation_id
        ):
            errors["status"] = "Choose a status from the organisation's own scale."
        if self.period_id and self.period.is_closed:
            errors["period"] = str(PeriodClosed(self.period.label))
        if errors:
            raise ValidationError(errors)


@receiver(post_delete, sender=Update, dispatch_uid="latest_status_after_delete")
def _refresh_after_delete(sender: Any, instance: Update, origin: Any = None, **kwargs: Any) -> None:
    """An approved return deleted (alone, in bulk, or with its period): its initiative's
    latest status is the approved return before it. Not when the initiative or its
    organisation is what is being deleted: the kept row goes with it."""
    if instance.state != Update.State.APPROVED:
        return
    model = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    if model is not None and issubclass(model, (Initiative, Organisation)):
        return
    refresh_latest_status([instance.initiative_id])
