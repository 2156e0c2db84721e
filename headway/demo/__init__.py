"""Headway's demonstration data: oneSource's strategy, portfolio and three quarters of returns.

``load_demo`` is safe to run again: it finds every record by its natural key, puts back
what the demo needs and writes nothing that is already right. The data is the same every
run: dates are fixed and chance is seeded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from headway.committee.demo import load_committee_demo
from headway.demo.catalogue import CATALOGUE, InitiativeSpec
from headway.demo.indicators import load_indicators
from headway.demo.maps import added_by_a_change, new_project, on_the_maps_first
from headway.demo.organisation import load_organisation, load_partners, load_services
from headway.demo.people import EVERYONE, LEAD_SERVICES, load_people
from headway.demo.plan import build_plan
from headway.demo.portfolio import load_portfolio
from headway.demo.progress import OPEN_QUARTER, load_progress
from headway.demo.strategy import load_organisational_changes, load_strategy
from headway.progress.models import Update
from headway.roadmap.demo import load_roadmap_demo
from headway.search.index import rebuild as rebuild_search_index
from headway.strategy.models import Milestone, Organisation

# Printed by `headway demo` and written in the README; anyone may know it.
DEMO_PASSWORD = "headway-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    name: str
    scope: str  # the services they lead or the council they answer for


@dataclass(frozen=True)
class DemoSummary:
    organisation: Organisation
    password: str
    users: tuple[DemoUser, ...]
    priorities: int
    services: int
    initiatives: int
    milestones: int
    updates: int
    open_period: str


@transaction.atomic
def load_demo(
    password: str = DEMO_PASSWORD, catalogue: Sequence[InitiativeSpec] = CATALOGUE
) -> DemoSummary:
    """Load (or restore) the demo organisation and return what was loaded.

    ``catalogue`` is for the pack benchmark, which loads the same story at a larger scale.
    """
    if not password:
        raise ValueError("Give the demo users a password: it cannot be empty.")
    organisation = load_organisation()
    partners = load_partners(organisation)
    services = load_services(organisation)
    _, priorities = load_strategy(organisation)
    load_organisational_changes(organisation)
    users = load_people(organisation, password, services, partners)
    plans = build_plan(catalogue)
    initiatives = load_portfolio(
        organisation,
        on_the_maps_first(plans),
        services,
        priorities,
        partners,
        users["lead"],
        LEAD_SERVICES,
    )
    # The history of agreed map changes, which adds one project to the portfolio; before the
    # committee's reports, so that their snapshots hold the agreed changes.
    load_roadmap_demo(organisation, new_project(plans, services, priorities, partners))
    initiatives |= load_portfolio(
        organisation,
        added_by_a_change(plans),
        services,
        priorities,
        partners,
        users["lead"],
        LEAD_SERVICES,
    )
    periods = load_progress(organisation, plans, initiatives, users)
    # Before the committee's reports, so that their snapshots hold the quarter's figures.
    load_indicators(organisation, services, priorities, partners, periods, users)
    load_committee_demo(organisation, officer=users["admin"])
    # Everything above is searchable as it is saved; a rebuild also drops what a restore
    # deleted and takes in whatever was written in bulk.
    rebuild_search_index(organisation)
    return DemoSummary(
        organisation=organisation,
        password=password,
        users=tuple(
            DemoUser(
                username=person.username,
                role=person.role.label,
                name=person.name,
                scope=", ".join(services[code].name for code in person.services) or person.partner,
            )
            for person in EVERYONE
        ),
        priorities=len(priorities),
        services=len(services),
        initiatives=len(initiatives),
        milestones=Milestone.objects.filter(initiative__in=initiatives.values()).count(),
        updates=Update.objects.filter(period__in=periods.values()).count(),
        open_period=periods[OPEN_QUARTER].label,
    )


__all__ = ["DEMO_PASSWORD", "DemoSummary", "DemoUser", "load_demo"]
