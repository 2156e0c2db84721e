"""Everything a portfolio import checks rows against, read in a fixed number of queries.

Whether the file has ten rows or twenty thousand, the import reads the organisation's
services, partners, current priorities, initiatives, their links and milestones once each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from headway.dataio.cells import key
from headway.strategy.current import current_strategy
from headway.strategy.models import (
    Initiative,
    Milestone,
    Organisation,
    Partner,
    Priority,
    Service,
    Strategy,
)

KIND_ALIASES = {"bau": Initiative.Kind.BAU, "spa": Initiative.Kind.SERVICE_PLAN_ACTION}


def choices(text_choices: type[Initiative.Kind] | type[Initiative.Status]) -> dict[str, str]:
    """Codes and labels, both accepted, to the code."""
    found: dict[str, str] = {}
    for code, label in text_choices.choices:
        found[key(code)] = code
        found[key(code.replace("_", " "))] = code
        found[key(str(label))] = code
    return found


@dataclass
class PortfolioLookups:
    organisation: Organisation
    strategy: Strategy | None
    services: dict[str, Service]
    partners: dict[str, Partner]
    priorities: list[Priority]
    initiatives: dict[str, list[Initiative]]
    # The current strategy's priorities each initiative delivers; links to older
    # strategies' priorities are not the import's business and are kept.
    priority_links: dict[int, set[int]]
    partner_links: dict[int, set[int]]
    milestones: dict[tuple[int, str], list[Milestone]]
    kinds: dict[str, str] = field(
        default_factory=lambda: {**choices(Initiative.Kind), **KIND_ALIASES}
    )
    statuses: dict[str, str] = field(default_factory=lambda: choices(Initiative.Status))

    @property
    def priority_by_id(self) -> dict[int, Priority]:
        return {p.pk: p for p in self.priorities}

    def service_names(self) -> str:
        return "; ".join(sorted({s.name for s in self.services.values()})) or "none yet"

    def partner_names(self) -> str:
        return "; ".join(sorted({p.name for p in self.partners.values()})) or "none yet"

    def priority_names(self) -> str:
        return "; ".join(str(p) for p in self.priorities) or "none yet"


def load_lookups(organisation: Organisation) -> PortfolioLookups:
    strategy = current_strategy(organisation)
    priorities = list(strategy.priorities.order_by("number")) if strategy else []
    services: dict[str, Service] = {}
    for service in Service.objects.filter(organisation=organisation):
        services[key(service.name)] = service
    partners: dict[str, Partner] = {}
    for partner in Partner.objects.filter(organisation=organisation):
        if partner.short_name:
            partners.setdefault(key(partner.short_name), partner)
        partners[key(partner.name)] = partner
    initiatives: dict[str, list[Initiative]] = defaultdict(list)
    by_id: dict[int, Initiative] = {}
    for initiative in Initiative.objects.filter(organisation=organisation).select_related(
        "service"
    ):
        by_id[initiative.pk] = initiative
        if initiative.external_reference:
            initiatives[key(initiative.external_reference)].append(initiative)
    priority_links: dict[int, set[int]] = defaultdict(set)
    if priorities:
        links = Initiative.priorities.through.objects.filter(
            initiative__organisation=organisation, priority__strategy=strategy
        ).values_list("initiative_id", "priority_id")
        for initiative_id, priority_id in links:
            priority_links[initiative_id].add(priority_id)
    partner_links: dict[int, set[int]] = defaultdict(set)
    for initiative_id, partner_id in Initiative.partners.through.objects.filter(
        initiative__organisation=organisation
    ).values_list("initiative_id", "partner_id"):
        partner_links[initiative_id].add(partner_id)
    milestones: dict[tuple[int, str], list[Milestone]] = defaultdict(list)
    for milestone in Milestone.objects.filter(initiative__organisation=organisation).order_by("pk"):
        milestone.initiative = by_id[milestone.initiative_id]
        milestones[(milestone.initiative_id, key(milestone.title))].append(milestone)
    return PortfolioLookups(
        organisation=organisation,
        strategy=strategy,
        services=services,
        partners=partners,
        priorities=priorities,
        initiatives=initiatives,
        priority_links=priority_links,
        partner_links=partner_links,
        milestones=milestones,
    )
