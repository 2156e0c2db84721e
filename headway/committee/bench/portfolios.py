"""Larger portfolios for the benchmark: the demo's catalogue, then copies of it, so every
initiative has the demo's mix of kinds, priorities, partners, dates, milestones and returns."""

from __future__ import annotations

from dataclasses import replace
from itertools import count

from headway.demo.catalogue import CATALOGUE, InitiativeSpec
from headway.demo.maps import ADDED_BY_A_CHANGE


def scaled_catalogue(initiatives: int) -> tuple[InitiativeSpec, ...]:
    """The demo's catalogue grown (or cut) to ``initiatives`` entries.

    Copies get references and titles of their own ("FIN-001-2", "... (copy 2)"). The project
    that the demo's map history adds is never copied: the history adds it once.
    """
    if initiatives < len(CATALOGUE):
        raise ValueError(f"Give at least {len(CATALOGUE)} initiatives, the demo's own number.")
    specs = list(CATALOGUE)
    originals = [spec for spec in CATALOGUE if spec.reference != ADDED_BY_A_CHANGE]
    for copy in count(2):
        for spec in originals:
            if len(specs) == initiatives:
                return tuple(specs)
            specs.append(
                replace(
                    spec, reference=f"{spec.reference}-{copy}", title=f"{spec.title} (copy {copy})"
                )
            )
    raise AssertionError("unreachable")
