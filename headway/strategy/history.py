"""The strategy's history: the dated events its report's Background is written from.

Administrators record, correct and remove events from the strategy's page (and only there,
outside Django admin); every change is kept by simple-history. Organisational changes are
events too, but they are logged on their own page, not in the strategy's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from headway.accounts.models import Membership, Role
from headway.committee.models import Meeting
from headway.strategy.models import Strategy, StrategyEvent

Kind = StrategyEvent.Kind

# The kinds of the strategy's own timeline, in the order the form offers them.
TIMELINE_KINDS = (
    Kind.PRESENTED,
    Kind.PUBLISHED,
    Kind.LAUNCHED,
    Kind.PAUSED,
    Kind.RESUMED,
    Kind.REVIEWED,
    Kind.REVISED,
    Kind.AGREED,
    Kind.OTHER,
)
KIND_HINTS = {
    Kind.PRESENTED: "Presented to a committee meeting.",
    Kind.PUBLISHED: "Published, for example on the council's website.",
    Kind.LAUNCHED: "Launched, for example to staff.",
    Kind.PAUSED: "Put on hold.",
    Kind.RESUMED: "Picked up again after a pause.",
    Kind.REVIEWED: "Looked at again to see whether it still holds.",
    Kind.REVISED: "Changed: an updated version or plan.",
    Kind.AGREED: "Agreed at a meeting, such as an update or quarterly progress reports.",
    Kind.OTHER: "Anything else the report's background should say.",
}
EARLIEST = date(1990, 1, 1)


def may_edit_strategy(membership: Membership | None, strategy: Strategy | None = None) -> bool:
    """Administrators of the strategy's organisation change it; everyone else reads it."""
    if membership is None or membership.role != Role.ADMINISTRATOR:
        return False
    return strategy is None or strategy.organisation_id == membership.organisation_id


def check_may_edit_strategy(membership: Membership, strategy: Strategy) -> None:
    if not may_edit_strategy(membership, strategy):
        raise PermissionDenied("Only an administrator of the organisation changes its strategy.")


@dataclass(frozen=True)
class EventDetails:
    day: date | None
    kind: str
    text: str
    meeting: Meeting | None = None


@dataclass(frozen=True)
class _Checked:
    day: date
    kind: str
    text: str
    meeting: Meeting | None


def _clean(strategy: Strategy, details: EventDetails) -> _Checked:
    errors: dict[str, str] = {}
    if details.day is None:
        errors["date"] = "Enter the date it happened"
    elif details.day < EARLIEST:
        errors["date"] = f"The date must be after {EARLIEST.year}: check the year"
    if details.kind not in TIMELINE_KINDS:
        errors["kind"] = "Choose what happened to the strategy"
    text = details.text.strip()
    if not text:
        errors["text"] = "Enter what the report should say about it, in a sentence or two"
    meeting = details.meeting
    if meeting is not None and meeting.committee.organisation_id != strategy.organisation_id:
        errors["meeting"] = "Choose one of your organisation's committee meetings"
    if errors or details.day is None:
        raise ValidationError(errors)
    return _Checked(details.day, details.kind, text, meeting)


def _save(event: StrategyEvent, membership: Membership) -> StrategyEvent:
    event._history_user = membership.user  # type: ignore[attr-defined]
    event.save()
    return event


@transaction.atomic
def record_event(strategy: Strategy, details: EventDetails, by: Membership) -> StrategyEvent:
    """Add an event to the strategy's history; the next redraft of a report uses it."""
    check_may_edit_strategy(by, strategy)
    clean = _clean(strategy, details)
    event = StrategyEvent(
        strategy=strategy, date=clean.day, kind=clean.kind, text=clean.text, meeting=clean.meeting
    )
    return _save(event, by)


@transaction.atomic
def correct_event(event: StrategyEvent, details: EventDetails, by: Membership) -> StrategyEvent:
    check_may_edit_strategy(by, event.strategy)
    clean = _clean(event.strategy, details)
    event = StrategyEvent.objects.select_for_update().get(pk=event.pk)
    event.date, event.kind, event.text, event.meeting = (
        clean.day,
        clean.kind,
        clean.text,
        clean.meeting,
    )
    return _save(event, by)


@transaction.atomic
def remove_event(event: StrategyEvent, by: Membership) -> None:
    """Remove an event recorded in error. Reports already drafted keep their words."""
    check_may_edit_strategy(by, event.strategy)
    event._history_user = by.user  # type: ignore[attr-defined]
    event.delete()


def timeline(strategy: Strategy) -> list[StrategyEvent]:
    """The strategy's events, oldest first, with their meetings."""
    return list(
        strategy.events.filter(kind__in=TIMELINE_KINDS)
        .select_related("meeting__committee")
        .order_by("date", "id")
    )
