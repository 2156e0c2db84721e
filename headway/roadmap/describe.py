"""A change request in words: one sentence for lists and emails, and its proposed values
beside the current ones for the page that asks partners what they think."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from headway.committee.models import Meeting
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative, Partner, Priority, Service, Strategy

Kind = ChangeRequest.Kind


def join_words(items: list[str]) -> str:
    """``a, b and c``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


LABELS = {
    "title": "Title",
    "kind": "Kind",
    "description": "Description",
    "service": "Service",
    "strategy": "Strategy",
    "active_from": "First year",
    "priorities": "Priorities",
    "partners": "Partner councils",
    "horizon": "Horizon",
    "map_position": "Order within its priorities",
    "planned_start": "Planned start",
    "planned_end": "Planned end",
    "status": "Status",
    "is_key_project": "Key project",
    "external_reference": "Reference",
}


@dataclass(frozen=True)
class ComparisonRow:
    field: str
    label: str
    current: str
    proposed: str

    @property
    def changes(self) -> bool:
        return self.current != self.proposed


class _Names:
    """Names for the ids a proposal holds, read in one query per kind of thing."""

    def __init__(self, *values: dict[str, Any]) -> None:
        def ids(key: str) -> set[int]:
            found: set[int] = set()
            for value in values:
                item = value.get(key)
                found.update(item if isinstance(item, list) else [item] if item else [])
            return found

        self.priorities = {p.pk: str(p) for p in Priority.objects.filter(pk__in=ids("priorities"))}
        self.services = {s.pk: s.name for s in Service.objects.filter(pk__in=ids("service"))}
        self.partners = {p.pk: str(p) for p in Partner.objects.filter(pk__in=ids("partners"))}
        self.strategies = {s.pk: s.title for s in Strategy.objects.filter(pk__in=ids("strategy"))}

    def text(self, field: str, value: Any) -> str:
        if value in (None, "", []):
            return "Not set" if field.startswith("planned_") else "None"
        if field == "priorities":
            return join_words([self.priorities.get(i, f"#{i}") for i in value])
        if field == "partners":
            return join_words([self.partners.get(i, f"#{i}") for i in value])
        if field == "service":
            return self.services.get(value, f"#{value}")
        if field == "strategy":
            return self.strategies.get(value, f"#{value}")
        if field in ("planned_start", "planned_end"):
            return f"{date.fromisoformat(value):%-d %B %Y}"
        if field == "horizon":
            return Initiative.Horizon(value).label
        if field == "status":
            return Initiative.Status(value).label
        if field == "kind":
            return Initiative.Kind(value).label
        if field == "is_key_project":
            return "Yes" if value else "No"
        return str(value)


def comparison(request: ChangeRequest) -> list[ComparisonRow]:
    """The proposed values against those they replace (empty for something new)."""
    proposed = request.proposed or {}
    current = request.current or {}
    names = _Names(proposed, current)
    # In the order of LABELS: PostgreSQL does not keep the order of a JSON object's keys.
    order = list(LABELS)
    fields = sorted(proposed, key=lambda f: (order.index(f) if f in order else len(order), f))
    return [
        ComparisonRow(
            field=field,
            label=LABELS.get(field, field.replace("_", " ").capitalize()),
            current=names.text(field, current[field]) if field in current else "",
            proposed=names.text(field, value),
        )
        for field, value in ((f, proposed[f]) for f in fields)
        if field in current or value not in (None, "", [], False)
    ]


def meeting_label(meeting: Meeting | None) -> str:
    """``Joint Committee, 11 March 2022``; empty without a meeting."""
    return f"{meeting.committee}, {meeting.date:%-d %B %Y}" if meeting else ""


def describe(request: ChangeRequest) -> str:
    """One sentence saying what the change does, e.g. for a list or an email subject line."""
    title = request.target_label
    rows = {row.field: row for row in comparison(request)}
    # Read with .get: a request corrected in the admin may lack a value.
    value = {field: row.proposed for field, row in rows.items()}
    if request.kind == Kind.ADD_PRIORITY:
        return f"Add the priority “{title}” to {value.get('strategy', 'the strategy')}."
    if request.kind == Kind.ADD_INITIATIVE:
        kind = value.get("kind", "initiative").lower()
        return f"Add the {kind} “{title}” under {value.get('priorities', 'its priorities')}."
    if request.kind == Kind.DEPRIORITISE:
        return f"Deprioritise “{title}”: it leaves the maps."
    if request.kind == Kind.CLOSE:
        return f"Close “{title}” as {value.get('status', 'closed').lower()}: it leaves the maps."
    moves = [
        f"{row.label.lower()} from {row.current} to {row.proposed}"
        for row in rows.values()
        if row.changes
    ]
    verb = "Reschedule" if request.kind == Kind.RESCHEDULE else "Reprioritise"
    return f"{verb} “{title}”: {join_words(moves)}."


def what_it_means(request: ChangeRequest, partner: Partner) -> str:
    """Why this partner council is asked, in one sentence."""
    initiative = request.initiative if request.initiative_id else None
    if initiative is not None and initiative.partners.filter(pk=partner.pk).exists():
        return f"“{initiative.title}” serves {partner}, so {partner} is asked for its view."
    if request.kind == ChangeRequest.Kind.ADD_PRIORITY:
        return "A new priority shapes the whole programme, so every partner council is asked."
    if request.kind == ChangeRequest.Kind.ADD_INITIATIVE and partner.pk in (
        request.proposed.get("partners") or []
    ):
        return f"The new initiative would serve {partner}, so {partner} is asked for its view."
    return "It serves no council in particular, so every partner council is asked."


def _priority_numbers(ids: list[int]) -> str:
    numbers = sorted(Priority.objects.filter(pk__in=ids).values_list("number", flat=True))
    words = join_words([str(n) for n in numbers])
    return f"{'priority' if len(numbers) == 1 else 'priorities'} {words}" if numbers else ""


def agreed_summary(request: ChangeRequest) -> str:
    """What an agreed change did, in one sentence for the committee, without a full stop:
    ``Digital mailroom added as a new project under priority 3``."""
    title = request.target_label
    proposed = request.proposed or {}
    if request.kind == Kind.ADD_PRIORITY:
        return f"{title} added as a new priority"
    if request.kind == Kind.ADD_INITIATIVE:
        kind = Initiative.Kind(proposed["kind"]).label.lower() if proposed.get("kind") else ""
        under = _priority_numbers(list(proposed.get("priorities") or []))
        return f"{title} added as a new {kind or 'initiative'}" + (
            f" under {under}" if under else ""
        )
    if request.kind == Kind.DEPRIORITISE:
        return f"{title} deprioritised, leaving the maps"
    if request.kind == Kind.CLOSE:
        status = str(proposed.get("status") or "")
        known = status in Initiative.Status.values
        return f"{title} closed as {Initiative.Status(status).label.lower() if known else 'done'}"
    moves = [
        f"{row.label.lower()} from {row.current} to {row.proposed}"
        for row in comparison(request)
        if row.changes
    ]
    verb = "rescheduled" if request.kind == Kind.RESCHEDULE else "reprioritised"
    return f"{title} {verb}" + (f": {join_words(moves)}" if moves else "")
