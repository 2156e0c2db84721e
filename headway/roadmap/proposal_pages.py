"""What the page proposing a change shows beside its form: the kind of change in words and,
for a change to an initiative, the values it has now."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from headway.lib.words import join_words
from headway.roadmap.forms import ProposalForm
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative

Kind = ChangeRequest.Kind

KIND_HINTS = {
    Kind.ADD_PRIORITY: "A new strategic priority for the strategy.",
    Kind.ADD_INITIATIVE: "A new project, activity, service plan action or business as usual, "
    "under one or more priorities.",
    Kind.REPRIORITISE: "Move an initiative to other priorities, or change its horizon or its "
    "order.",
    Kind.DEPRIORITISE: "Take an initiative off the maps until there is capacity for it.",
    Kind.RESCHEDULE: "Change when an initiative is planned to start or end.",
    Kind.CLOSE: "Record that an initiative was completed or cancelled: it leaves the maps.",
}


@dataclass(frozen=True)
class CurrentValue:
    label: str
    text: str


def _day(initiative: Initiative, field: str) -> str:
    value = getattr(initiative, field)
    return f"{value:%-d %B %Y}" if value else "Not set"


def current_values(initiative: Initiative) -> list[CurrentValue]:
    """The initiative as the maps show it now."""
    priorities = [str(p) for p in initiative.priorities.order_by("number")]
    partners = [str(p) for p in initiative.partners.order_by("name")]
    return [
        CurrentValue("Kind", initiative.get_kind_display()),
        CurrentValue("Service", initiative.service.name),
        CurrentValue("Priorities", join_words(priorities) or "None"),
        CurrentValue("Partner councils", join_words(partners) or "None"),
        CurrentValue("Horizon", initiative.get_horizon_display()),
        CurrentValue("Order within its priorities", str(initiative.map_position)),
        CurrentValue("Planned start", _day(initiative, "planned_start")),
        CurrentValue("Planned end", _day(initiative, "planned_end")),
        CurrentValue("Status", initiative.get_status_display()),
    ]


def proposal_context(
    kind: str, initiative: Initiative | None, form: ProposalForm
) -> dict[str, Any]:
    current = current_values(initiative) if initiative is not None else []
    return {
        "kind": Kind(kind),
        "kind_hint": KIND_HINTS[Kind(kind)],
        "initiative": initiative,
        "current": current,
        "now": {value.label: value.text for value in current},
        "form": form,
    }
