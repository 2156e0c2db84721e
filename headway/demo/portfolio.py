"""The initiatives that deliver the strategy, and their milestones."""

from __future__ import annotations

from headway.accounts.models import User
from headway.demo.catalogue import Kind
from headway.demo.plan import InitiativePlan
from headway.demo.records import upsert
from headway.strategy.models import Initiative, Milestone, Organisation, Partner, Priority, Service

PARTNER_CODES = {"N": ("Newham",), "H": ("Havering",), "NH": ("Newham", "Havering")}


def load_portfolio(
    organisation: Organisation,
    plans: tuple[InitiativePlan, ...],
    services: dict[str, Service],
    priorities: dict[int, Priority],
    partners: dict[str, Partner],
    lead: User,
    lead_services: tuple[str, ...],
) -> dict[str, Initiative]:
    """The initiatives, by reference.

    The lead owns their services' projects and activities; service-plan actions and
    business as usual are left to the service's leads, to show both ways of owning a return.
    """
    initiatives = {}
    for plan in plans:
        spec = plan.spec
        owned = spec.service_code in lead_services and spec.kind in (Kind.PROJECT, Kind.ACTIVITY)
        initiative = upsert(
            Initiative,
            {"organisation": organisation, "external_reference": spec.reference},
            {
                "kind": spec.kind,
                "title": spec.title,
                "description": spec.description,
                "service": services[spec.service_code],
                "owner": lead if owned else None,
                "planned_start": plan.start,
                "planned_end": plan.end,
                "status": spec.status,
                "is_key_project": spec.key,
            },
        )
        initiative.priorities.set([priorities[number] for number in spec.priorities])
        initiative.partners.set([partners[name] for name in PARTNER_CODES[spec.partners]])
        for milestone in plan.milestones:
            upsert(
                Milestone,
                {"initiative": initiative, "title": milestone.title},
                {
                    "due": milestone.due,
                    "forecast": milestone.forecast,
                    "completed_on": milestone.completed_on,
                },
            )
        initiatives[spec.reference] = initiative
    return initiatives
