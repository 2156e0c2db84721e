"""The reviewer's queue, and one return beside the approved return it started from.

Each is a fixed number of queries whatever the number of returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Page
from django.db.models import OuterRef, Q, QuerySet, Subquery

from headway.accounts.models import Membership
from headway.lib.listing import Filter, FilteredPage, Option, checked_filters, page_of
from headway.lib.listing import chosen as choices_of
from headway.progress.compare import FieldComparison, compare
from headway.progress.conflicts import LABELS
from headway.progress.milestone_dates import milestone_moves, reported_dates
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.progress.permissions import check_may_review_return
from headway.progress.tasklist import filter_returns, open_period_of, return_choices
from headway.strategy.models import Milestone

TEXT_FIELDS = ("narrative", "achievements", "next_steps", "risks")


@dataclass(frozen=True)
class ReviewQueue(FilteredPage):
    period: ReportingPeriod | None
    # This page's returns.
    returns: list[Update]
    filters: list[Filter] = field(default_factory=list)
    page: Page[Update] | None = None
    # Every return waiting, whatever the filters.
    waiting: int = 0


def _earlier_approved(update: OuterRef | Update) -> QuerySet[Update]:
    """Approved returns of the same initiative from earlier quarters, latest first."""
    initiative: Any
    year: Any
    quarter: Any
    if isinstance(update, Update):
        initiative, year, quarter = update.initiative_id, update.period.year, update.period.quarter
    else:
        initiative = OuterRef("initiative_id")
        year, quarter = OuterRef("period__year"), OuterRef("period__quarter")
    return (
        Update.objects.filter(initiative_id=initiative, state=Update.State.APPROVED)
        .filter(Q(period__year__lt=year) | Q(period__year=year, period__quarter__lt=quarter))
        .order_by("-period__year", "-period__quarter")
    )


def previous_approved(update: Update) -> Update | None:
    """The approved return this one follows: the one it was pre-filled from, else the latest
    approved return of an earlier quarter (returns entered some other way have no link)."""
    if update.previous_id is not None:
        return update.previous
    return _earlier_approved(update).select_related("status", "period").first()


def review_queue(
    membership: Membership, query: Mapping[str, str] | None = None, page: str | None = None
) -> ReviewQueue:
    """The open period's submitted returns that match the filters in ``query``, the longest
    waiting first, a page at a time; each with the status of the approved return before it
    (``previous_status``). A fixed number of queries whatever the number of returns."""
    period = open_period_of(membership)
    if period is None:
        return ReviewQueue(None, [])
    choices = return_choices(membership)
    choices["attention"] = (
        "Needs my attention",
        "choice",
        "Everything",
        [Option("yes", "Rated as needing action")],
    )
    filters = checked_filters(choices, query or {})
    chosen = choices_of(filters)
    waiting = Update.objects.filter(period=period, state=Update.State.SUBMITTED)
    returns = filter_returns(waiting, chosen, membership)
    if chosen["attention"]:
        returns = returns.filter(status__needs_mitigation=True)
    earlier = _earlier_approved(OuterRef("pk"))
    rows = (
        returns.select_related("initiative__service", "status", "submitted_by")
        .annotate(previous_status_id=Subquery(earlier.values("status_id")[:1]))
        .order_by("submitted_at", "pk")
    )
    shown = page_of(rows, page)
    listed: list[Update] = list(shown.object_list)
    statuses = StatusValue.objects.in_bulk(
        {u.previous_status_id for u in listed if u.previous_status_id}  # type: ignore[attr-defined]
    )
    for update in listed:
        update.period = period
        update.previous_status = statuses.get(update.previous_status_id)  # type: ignore[attr-defined]
    return ReviewQueue(period, listed, filters, shown, waiting.count())


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


def comparisons(
    update: Update, previous: Update | None, milestones: Iterable[Milestone] = ()
) -> list[FieldComparison]:
    """Each field of the return beside the same field of the approved return before it,
    then each milestone's dates as the two returns reported them."""
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
    whole = ["status", "percent_complete", "completed_on"]
    if previous is not None and previous.milestone_dates:
        milestones = list(milestones)
        now = update.milestone_dates or reported_dates(milestones)
        for move in milestone_moves(milestones, previous.milestone_dates, now):
            name = f"milestone-{move.milestone.pk}"
            fields.append((name, f"Milestone: {move.milestone.title}", move.before, move.after))
            whole.append(name)
    return compare(fields, whole=whole)


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
    previous = previous_approved(update)
    milestones = Milestone.objects.filter(initiative_id=update.initiative_id)
    return ReviewPage(
        update=update,
        previous=previous,
        fields=comparisons(update, previous, milestones),
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
