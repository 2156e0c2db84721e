"""Write a checked portfolio plan: bulk statements, so the cost does not grow by a query a row.

Every initiative and milestone added or changed gets a history record naming the file, so
an import (and a correction in particular) can be traced like any other change. New
initiatives for maps that are already kept become draft change requests instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from headway.dataio.bulk import insert_pairs, record_history
from headway.dataio.portfolio_plan import PortfolioPlan
from headway.dataio.problems import FileRefused
from headway.roadmap.changes import propose
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative, Milestone

BATCH_SIZE = 500
HISTORY_REASON_LENGTH = 100
T = TypeVar("T")


def _chunks(items: list[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _reason(text: str) -> str:
    return text if len(text) <= HISTORY_REASON_LENGTH else text[: HISTORY_REASON_LENGTH - 1] + "…"


def apply_portfolio(plan: PortfolioPlan, by: Any, reason: str) -> None:
    """Write the plan in one transaction. The caller has checked it has no problems."""
    assert not plan.preview.problems, "A plan with problems must not be written."
    history = {"by": by, "reason": _reason(reason), "when": timezone.now()}
    with transaction.atomic():
        _create_initiatives(plan, history)
        _change_initiatives(plan, history)
        _write_milestones(plan, history)
        _propose_for_the_maps(plan, by, reason)


def _propose_for_the_maps(plan: PortfolioPlan, by: Any, reason: str) -> None:
    """Each new initiative the maps would show becomes a draft change request, proposed by
    the person importing, through the roadmap's own rule (who may propose, what is valid)."""
    if not plan.proposals and not plan.requests:
        return
    if by is None:
        raise FileRefused(
            "Adding initiatives to the maps raises change requests, which someone proposes: "
            "say who is importing the file."
        )
    for row in plan.proposals:
        propose(
            plan.lookups.organisation,
            ChangeRequest.Kind.ADD_INITIATIVE,
            by,
            f"{reason} (row {row.row}): a new initiative for the maps.",
            row.proposed,
        )
    for change in plan.requests:
        propose(
            plan.lookups.organisation,
            change.kind,
            by,
            f"{reason} (row {change.row}): the file changes what the maps show.",
            change.proposed,
            initiative=change.instance,
        )


def _create_initiatives(plan: PortfolioPlan, history: dict[str, Any]) -> None:
    if not plan.creates:
        return
    instances = [new.instance for new in plan.creates]
    Initiative.objects.bulk_create(instances, batch_size=BATCH_SIZE)
    record_history(Initiative, instances, created=True, **history)
    _link_priorities((new.instance.pk, new.priorities) for new in plan.creates)
    _link_partners((new.instance.pk, new.partners) for new in plan.creates)


def _change_initiatives(plan: PortfolioPlan, history: dict[str, Any]) -> None:
    if not plan.changes:
        return
    instances = []
    fields: set[str] = set()
    for change in plan.changes:
        change.instance._change_reason = _reason(  # type: ignore[attr-defined]
            f"{history['reason']}: {', '.join(change.headers)}"
        )
        if change.changes_map:
            # As an agreed change does: a change request proposed against the old values
            # is then seen to be stale rather than overwriting the correction.
            change.instance.map_version += 1
            fields.add("map_version")
        instances.append(change.instance)
        fields.update(change.fields)
    if fields:
        Initiative.objects.bulk_update(instances, sorted(fields), batch_size=BATCH_SIZE)
    # Also when only the links changed, so the history shows when and why.
    record_history(Initiative, instances, created=False, **history)
    relinked = [c for c in plan.changes if c.priorities is not None]
    current = [p.pk for p in plan.lookups.priorities]
    for chunk in _chunks([c.instance.pk for c in relinked]):
        Initiative.priorities.through.objects.filter(
            initiative_id__in=chunk, priority_id__in=current
        ).delete()
    _link_priorities((c.instance.pk, c.priorities or ()) for c in relinked)
    repartnered = [c for c in plan.changes if c.partners is not None]
    for chunk in _chunks([c.instance.pk for c in repartnered]):
        Initiative.partners.through.objects.filter(initiative_id__in=chunk).delete()
    _link_partners((c.instance.pk, c.partners or ()) for c in repartnered)


def _link_priorities(links: Iterable[tuple[int, Iterable[int]]]) -> None:
    pairs = ((initiative, target) for initiative, targets in links for target in sorted(targets))
    insert_pairs(Initiative.priorities.through, "initiative_id", "priority_id", pairs)


def _link_partners(links: Iterable[tuple[int, Iterable[int]]]) -> None:
    pairs = ((initiative, target) for initiative, targets in links for target in sorted(targets))
    insert_pairs(Initiative.partners.through, "initiative_id", "partner_id", pairs)


def _write_milestones(plan: PortfolioPlan, history: dict[str, Any]) -> None:
    milestones = plan.milestones
    if milestones.creates:
        Milestone.objects.bulk_create(milestones.creates, batch_size=BATCH_SIZE)
        record_history(Milestone, milestones.creates, created=True, **history)
    if milestones.changes:
        changed = [milestone for milestone, _ in milestones.changes]
        fields = sorted({name for _, names in milestones.changes for name in names})
        Milestone.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
        record_history(Milestone, changed, created=False, **history)
