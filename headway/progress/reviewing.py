"""The reviewer's queue, and one return beside the approved return it started from.

Each is a fixed number of queries whatever the number of returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from headway.accounts.models import Membership
from headway.progress.compare import FieldComparison, compare
from headway.progress.conflicts import LABELS
from headway.progress.models import ReportingPeriod, Update
from headway.progress.permissions import check_may_review_return
from headway.progress.tasklist import open_period_of

TEXT_FIELDS = ("narrative", "achievements", "next_steps", "risks")


@dataclass(frozen=True)
class ReviewQueue:
    period: ReportingPeriod | None
    returns: list[Update]


def _submitted(period: ReportingPeriod) -> list[Update]:
    return list(
        Update.objects.filter(period=period, state=Update.State.SUBMITTED)
        .select_related("initiative__service", "status", "previous__status", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def review_queue(membership: Membership) -> ReviewQueue:
    """The open period's submitted returns, the longest waiting first."""
    period = open_period_of(membership)
    if period is None:
        return ReviewQueue(None, [])
    returns = _submitted(period)
    for update in returns:
        update.period = period
    return ReviewQueue(period, returns)


def _status(update: Update | None) -> str:
    if update is None or update.status is None:
        return ""
    return f"{update.status.label}: {update.status.meaning}"


def _percent(update: Update | None) -> str:
    if update is None or update.percent_complete is None:
        return ""
    return f"{update.percent_complete}%"


def _day(value: date | None) -> str:
    return f"{value:%-d %B %Y}" if value else ""


def comparisons(update: Update, previous: Update | None) -> list[FieldComparison]:
    """Each field of the return beside the same field of the approved return before it."""
    fields = [
        ("status", LABELS["status"], _status(previous), _status(update)),
        (
            "percent_complete",
            LABELS["percent_complete"],
            _percent(previous),
            _percent(update),
        ),
        (
            "completed_on",
            LABELS["completed_on"],
            _day(previous.completed_on if previous else None),
            _day(update.completed_on),
        ),
    ]
    for name in TEXT_FIELDS:
        before = getattr(previous, name) if previous else ""
        fields.append((name, LABELS[name], before, getattr(update, name)))
    return compare(fields, whole=("status", "percent_complete", "completed_on"))


@dataclass(frozen=True)
class ReviewPage:
    update: Update
    previous: Update | None
    fields: list[FieldComparison]
    next_id: int | None
    waiting: int

    @property
    def changed(self) -> list[FieldComparison]:
        return [field for field in self.fields if field.changed]


def review_page(membership: Membership, pk: int) -> ReviewPage | None:
    """The return beside its predecessor, if it is one of the member's organisation."""
    update = (
        Update.objects.filter(pk=pk, period__organisation_id=membership.organisation_id)
        .select_related(
            "period",
            "initiative__service",
            "status",
            "submitted_by",
            "reviewed_by",
            "previous__status",
            "previous__period",
        )
        .first()
    )
    if update is None:
        return None
    check_may_review_return(membership, update)
    queue = list(
        Update.objects.filter(period_id=update.period_id, state=Update.State.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
    )
    others = [other for other in queue if other != update.pk]
    after = queue[queue.index(update.pk) + 1 :] if update.pk in queue else []
    next_id = after[0] if after else (others[0] if others else None)
    return ReviewPage(
        update=update,
        previous=update.previous,
        fields=comparisons(update, update.previous),
        next_id=next_id,
        waiting=len(others),
    )


def next_to_review(period_id: int, after_id: int) -> int | None:
    """The submitted return to review after this one: the next waiting, else the first."""
    queue = list(
        Update.objects.filter(period_id=period_id, state=Update.State.SUBMITTED)
        .exclude(pk=after_id)
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
    )
    return queue[0] if queue else None
