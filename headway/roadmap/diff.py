"""What changed between two states of the maps, and why: a pure function over two
``MapState`` values and the decisions taken between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from headway.roadmap.state import InitiativeState, MapState

ADDED, REMOVED, MOVED, RESCHEDULED = "added", "removed", "moved", "rescheduled"
HORIZONS = {"now": "Now", "next": "Next", "later": "Later"}
LEAVING = {"deprioritise": "Deprioritised", "close": "Closed"}


@dataclass(frozen=True)
class PartnerAnswer:
    partner: str
    response: str
    phrase: str
    comment: str


@dataclass(frozen=True)
class Decision:
    """An agreed change request as the reports speak of it."""

    request_id: int
    kind: str
    kind_label: str
    target: str
    description: str
    rationale: str
    outcome: str
    """How the partners answered: ``Newham supports; Havering objects``."""
    responses: tuple[PartnerAnswer, ...]
    decided_on: str | None
    meeting: str = ""
    """The committee meeting at which it was decided, in words; empty if none."""
    decision_note: str = ""
    initiative_id: int | None = None
    priority_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DiffEntry:
    change: str
    subject: str
    """``initiative`` or ``priority``."""
    id: int
    title: str
    description: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    consultation: str = ""
    responses: tuple[PartnerAnswer, ...] = ()
    decided_on: str | None = None
    request_id: int | None = None


@dataclass(frozen=True)
class MapDiff:
    added: tuple[DiffEntry, ...] = ()
    removed: tuple[DiffEntry, ...] = ()
    moved: tuple[DiffEntry, ...] = ()
    rescheduled: tuple[DiffEntry, ...] = ()

    @property
    def entries(self) -> tuple[DiffEntry, ...]:
        return self.added + self.removed + self.moved + self.rescheduled

    @property
    def is_empty(self) -> bool:
        return not self.entries

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _span(start: str | None, end: str | None) -> str:
    def day(value: str | None) -> str:
        return f"{date.fromisoformat(value):%-d %B %Y}" if value else "not set"

    return f"{day(start)} to {day(end)}"


def _placement(initiative: InitiativeState, state: MapState) -> dict[str, Any]:
    labels = state.priorities_by_id()
    return {
        "priorities": [labels[p].label for p in initiative.priorities if p in labels],
        "horizon": initiative.horizon,
        "position": initiative.position,
    }


def _schedule(initiative: InitiativeState) -> dict[str, Any]:
    return {"planned_start": initiative.planned_start, "planned_end": initiative.planned_end}


def _move_words(before: dict[str, Any], after: dict[str, Any]) -> str:
    words = []
    if before["priorities"] != after["priorities"]:
        old = ", ".join(before["priorities"]) or "no priority"
        words.append(f"from {old} to {', '.join(after['priorities']) or 'no priority'}")
    if before["horizon"] != after["horizon"]:
        words.append(
            f"horizon {HORIZONS.get(before['horizon'], before['horizon'])} to "
            f"{HORIZONS.get(after['horizon'], after['horizon'])}"
        )
    if before["position"] != after["position"]:
        words.append(f"order {before['position']} to {after['position']}")
    return "Moved " + "; ".join(words)


class _Reasons:
    def __init__(self, decisions: Sequence[Decision]) -> None:
        # Later decisions win: they explain the state the diff arrives at.
        self.initiatives = {d.initiative_id: d for d in decisions if d.initiative_id}
        self.priorities = {d.priority_id: d for d in decisions if d.priority_id}

    def entry(
        self, change: str, subject: str, id: int, title: str, description: str, **values: Any
    ) -> DiffEntry:
        source = self.initiatives if subject == "initiative" else self.priorities
        decision = source.get(id)
        if decision is None:
            return DiffEntry(change, subject, id, title, description, **values)
        return DiffEntry(
            change,
            subject,
            id,
            title,
            description,
            reason=decision.rationale,
            consultation=decision.outcome,
            responses=decision.responses,
            decided_on=decision.decided_on,
            request_id=decision.request_id,
            **values,
        )

    def kind_of(self, initiative_id: int) -> str | None:
        decision = self.initiatives.get(initiative_id)
        return decision.kind if decision else None


def diff_states(before: MapState, after: MapState, decisions: Sequence[Decision] = ()) -> MapDiff:
    """Added, removed, moved and rescheduled priorities and initiatives, each with the
    reason and the partners' answers of the decision that made the change, if there was one
    (a correction made in the admin has none)."""
    reasons = _Reasons(decisions)
    added: list[DiffEntry] = []
    removed: list[DiffEntry] = []
    moved: list[DiffEntry] = []
    rescheduled: list[DiffEntry] = []

    old_priorities, new_priorities = before.priorities_by_id(), after.priorities_by_id()
    for pid in sorted(new_priorities.keys() - old_priorities.keys()):
        label = new_priorities[pid].label
        added.append(reasons.entry(ADDED, "priority", pid, label, f"New priority {label}"))
    for pid in sorted(old_priorities.keys() - new_priorities.keys()):
        label = old_priorities[pid].label
        removed.append(reasons.entry(REMOVED, "priority", pid, label, "No longer a priority"))

    old, new = before.initiatives_by_id(), after.initiatives_by_id()
    for iid in sorted(new.keys() - old.keys()):
        initiative = new[iid]
        placed = {**_placement(initiative, after), **_schedule(initiative)}
        where = ", ".join(placed["priorities"]) or "no priority"
        added.append(
            reasons.entry(
                ADDED, "initiative", iid, initiative.title, f"Added under {where}", after=placed
            )
        )
    for iid in sorted(old.keys() - new.keys()):
        initiative = old[iid]
        placed = {**_placement(initiative, before), **_schedule(initiative)}
        words = LEAVING.get(reasons.kind_of(iid) or "", "Left the maps")
        removed.append(
            reasons.entry(REMOVED, "initiative", iid, initiative.title, words, before=placed)
        )
    for iid in sorted(old.keys() & new.keys()):
        was, now = old[iid], new[iid]
        place_was, place_now = _placement(was, before), _placement(now, after)
        # Compared by id, so renaming a priority does not move its initiatives.
        if (was.priorities, was.horizon, was.position) != (
            now.priorities,
            now.horizon,
            now.position,
        ):
            moved.append(
                reasons.entry(
                    MOVED,
                    "initiative",
                    iid,
                    now.title,
                    _move_words(place_was, place_now),
                    before=place_was,
                    after=place_now,
                )
            )
        if _schedule(was) != _schedule(now):
            rescheduled.append(
                reasons.entry(
                    RESCHEDULED,
                    "initiative",
                    iid,
                    now.title,
                    f"Rescheduled: was {_span(was.planned_start, was.planned_end)}, "
                    f"now {_span(now.planned_start, now.planned_end)}",
                    before=_schedule(was),
                    after=_schedule(now),
                )
            )
    return MapDiff(tuple(added), tuple(removed), tuple(moved), tuple(rescheduled))
