"""Write a checked portfolio plan: bulk statements, so the cost does not grow by a query a row.

Every initiative and milestone added or changed gets a history record naming the file, so
an import (and a correction in particular) can be traced like any other change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from headway.dataio.portfolio_plan import PortfolioPlan
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
    with transaction.atomic():
        _create_initiatives(plan, by, reason)
        _change_initiatives(plan, by, reason)
        _write_milestones(plan, by, reason)


def _create_initiatives(plan: PortfolioPlan, by: Any, reason: str) -> None:
    if not plan.creates:
        return
    instances = [new.instance for new in plan.creates]
    bulk_create_with_history(
        instances,
        Initiative,
        batch_size=BATCH_SIZE,
        default_user=by,
        default_change_reason=_reason(reason),
    )
    _link(
        Initiative.priorities.through,
        "priority_id",
        ((new.instance.pk, new.priorities) for new in plan.creates),
    )
    _link(
        Initiative.partners.through,
        "partner_id",
        ((new.instance.pk, new.partners) for new in plan.creates),
    )


def _change_initiatives(plan: PortfolioPlan, by: Any, reason: str) -> None:
    if not plan.changes:
        return
    instances = []
    fields: set[str] = set()
    for change in plan.changes:
        change.instance._change_reason = _reason(  # type: ignore[attr-defined]
            f"{reason}: {', '.join(change.headers)}"
        )
        instances.append(change.instance)
        fields.update(change.fields)
    # With no field but the links changed this still records the change in the history.
    bulk_update_with_history(
        instances,
        Initiative,
        sorted(fields),
        batch_size=BATCH_SIZE,
        default_user=by,
        default_change_reason=_reason(reason),
    )
    relinked = [c for c in plan.changes if c.priorities is not None]
    if relinked:
        current = [p.pk for p in plan.lookups.priorities]
        through = Initiative.priorities.through
        for chunk in _chunks([c.instance.pk for c in relinked]):
            through.objects.filter(initiative_id__in=chunk, priority_id__in=current).delete()
        _link(through, "priority_id", ((c.instance.pk, c.priorities or ()) for c in relinked))
    repartnered = [c for c in plan.changes if c.partners is not None]
    if repartnered:
        partner_links = Initiative.partners.through
        for chunk in _chunks([c.instance.pk for c in repartnered]):
            partner_links.objects.filter(initiative_id__in=chunk).delete()
        _link(partner_links, "partner_id", ((c.instance.pk, c.partners or ()) for c in repartnered))


def _link(through: Any, other: str, pairs: Iterable[tuple[int, Iterable[int]]]) -> None:
    rows = [
        through(initiative_id=initiative_id, **{other: target})
        for initiative_id, targets in pairs
        for target in sorted(targets)
    ]
    through.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _write_milestones(plan: PortfolioPlan, by: Any, reason: str) -> None:
    milestones = plan.milestones
    if milestones.creates:
        bulk_create_with_history(
            milestones.creates,
            Milestone,
            batch_size=BATCH_SIZE,
            default_user=by,
            default_change_reason=_reason(reason),
        )
    if milestones.changes:
        fields = sorted({name for _, names in milestones.changes for name in names})
        bulk_update_with_history(
            [milestone for milestone, _ in milestones.changes],
            Milestone,
            fields,
            batch_size=BATCH_SIZE,
            default_user=by,
            default_change_reason=_reason(reason),
        )
