"""How the demo's portfolio meets the road map's history of agreed changes.

The digital mailroom joined the maps through a change request agreed in 2021-22 Q2, so the
portfolio loads it only after that history has added it; from then on it is loaded (and
restored) like every other initiative, by its reference.
"""

from __future__ import annotations

from typing import Any

from headway.demo.plan import InitiativePlan
from headway.demo.portfolio import PARTNER_CODES
from headway.strategy.models import Initiative, Partner, Priority, Service

ADDED_BY_A_CHANGE = "BS-002"


def on_the_maps_first(plans: tuple[InitiativePlan, ...]) -> tuple[InitiativePlan, ...]:
    """The initiatives on the maps before the history's changes."""
    return tuple(plan for plan in plans if plan.spec.reference != ADDED_BY_A_CHANGE)


def added_by_a_change(plans: tuple[InitiativePlan, ...]) -> tuple[InitiativePlan, ...]:
    return tuple(plan for plan in plans if plan.spec.reference == ADDED_BY_A_CHANGE)


def new_project(
    plans: tuple[InitiativePlan, ...],
    services: dict[str, Service],
    priorities: dict[int, Priority],
    partners: dict[str, Partner],
) -> dict[str, Any]:
    """The change request's proposal for the added project: the catalogue's values."""
    [plan] = added_by_a_change(plans)
    spec = plan.spec
    return {
        "title": spec.title,
        "kind": spec.kind,
        "description": spec.description,
        "service": services[spec.service_code].pk,
        "priorities": [priorities[number].pk for number in spec.priorities],
        "partners": [partners[name].pk for name in PARTNER_CODES[spec.partners]],
        "planned_start": plan.start.isoformat(),
        "planned_end": plan.end.isoformat(),
        "horizon": Initiative.Horizon.NOW,
        "is_key_project": spec.key,
        "external_reference": spec.reference,
    }
