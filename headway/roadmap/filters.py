"""Narrowing the maps to one partner council or one service, as their pages' filters ask.

The filters work on a ``MapState`` already read, so filtering costs no query beyond the two
that list the choices; a value that is not one of the choices is ignored and reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from headway.roadmap.state import MapState
from headway.strategy.models import Organisation


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class MapFilter:
    name: str
    label: str
    all_label: str
    options: tuple[Option, ...]
    selected: str = ""
    error: str = ""

    @property
    def chosen_label(self) -> str:
        return next((o.label for o in self.options if o.value == self.selected), "")


@dataclass(frozen=True)
class MapFilters:
    partner: MapFilter
    service: MapFilter

    @property
    def all(self) -> tuple[MapFilter, ...]:
        return (self.partner, self.service)

    @property
    def errors(self) -> tuple[MapFilter, ...]:
        return tuple(f for f in self.all if f.error)

    @property
    def active(self) -> bool:
        return any(f.selected for f in self.all)

    def query(self) -> str:
        """The chosen filters as a query string (with its ``?``), to carry between pages."""
        pairs = [f"{f.name}={f.selected}" for f in self.all if f.selected]
        return "?" + "&".join(pairs) if pairs else ""

    def describe(self) -> str:
        """``serving Havering, delivered by ICT``; empty when nothing is chosen."""
        parts = []
        if self.partner.selected:
            parts.append(f"serving {self.partner.chosen_label}")
        if self.service.selected:
            parts.append(f"delivered by {self.service.chosen_label}")
        return ", ".join(parts)

    def apply(self, state: MapState) -> MapState:
        """The state with only the initiatives that match every chosen filter."""
        if not self.active:
            return state
        partner, service = self.partner.chosen_label, self.service.chosen_label
        kept = tuple(
            i
            for i in state.initiatives
            if (not partner or partner in i.partners) and (not service or i.service == service)
        )
        ids = {i.id for i in kept}
        return replace(
            state,
            initiatives=kept,
            priorities=tuple(
                replace(p, initiatives=tuple(i for i in p.initiatives if i in ids))
                for p in state.priorities
            ),
        )


def _filter(name: str, label: str, noun: str, options: list[Option], given: str) -> MapFilter:
    valid = not given or any(o.value == given for o in options)
    return MapFilter(
        name=name,
        label=label,
        all_label=f"All {noun}s",
        options=tuple(options),
        selected=given if valid else "",
        error="" if valid else f"Select a {noun} from the list",
    )


def map_filters(organisation: Organisation, query: Mapping[str, str]) -> MapFilters:
    """The page's filters with their choices, what the query string chose, and problems."""
    partners = [Option(str(p.pk), str(p)) for p in organisation.partners.order_by("name")]
    services = [Option(str(s.pk), s.name) for s in organisation.services.order_by("name")]
    return MapFilters(
        partner=_filter(
            "partner", "Partner served", "partner", partners, (query.get("partner") or "").strip()
        ),
        service=_filter(
            "service", "Service", "service", services, (query.get("service") or "").strip()
        ),
    )
