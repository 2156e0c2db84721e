"""Keeping an organisation's status scale: adding, changing, reordering and removing values.

A value returns are rated with cannot be removed: the returns would lose their rating. The
refusal says which returns use it, so the administrator can rename it instead. Published
reports are not affected by any change here: their snapshot holds the scale as it was.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.text import slugify

from headway.lib.words import join_words, plural
from headway.progress.models import StatusValue, Update
from headway.progress.models.status import ensure_status_scale
from headway.strategy.models import Organisation


@dataclass(frozen=True)
class StatusDetails:
    label: str
    meaning: str
    colour: str
    tag: str
    needs_mitigation: bool
    means_complete: bool


def values_of(organisation: Organisation) -> list[StatusValue]:
    return list(ensure_status_scale(organisation).values.order_by("position"))


def value_of(organisation: Organisation, pk: int) -> StatusValue | None:
    return StatusValue.objects.filter(scale__organisation=organisation, pk=pk).first()


def uses_of(value: StatusValue) -> Counter[str]:
    """How many returns of each period are rated with the value, by period label.

    Counted by the database, a row per period: at 1,000 initiatives a value rates thousands
    of returns, and reading each (with the default ordering's joins) took 100 ms a page.
    """
    periods = (
        Update.objects.filter(status=value)
        .order_by()
        .values_list("period__year", "period__quarter")
        .annotate(returns=Count("id"))
    )
    return Counter(
        {f"{year}-{(year + 1) % 100:02d} Q{quarter}": returns for year, quarter, returns in periods}
    )


def where_used(value: StatusValue) -> str:
    """``12 returns (3 in 2021-22 Q2, 9 in 2021-22 Q3)``, or empty if none use it."""
    uses = uses_of(value)
    if not uses:
        return ""
    total = sum(uses.values())
    detail = join_words([f"{count} in {label}" for label, count in sorted(uses.items())])
    return f"{plural(total, 'return')} ({detail})"


def _apply(value: StatusValue, details: StatusDetails) -> None:
    value.label = details.label.strip()
    value.meaning = details.meaning.strip()
    value.colour = details.colour.strip().lower()
    value.tag = details.tag
    value.needs_mitigation = details.needs_mitigation
    value.means_complete = details.means_complete
    clash = StatusValue.objects.filter(scale=value.scale, label__iexact=value.label)
    if value.pk:
        clash = clash.exclude(pk=value.pk)
    if clash.exists():
        raise ValidationError({"label": f"The scale already has a status called {value.label}"})
    value.full_clean(exclude=["code", "position", "scale"])
    value.save()


@transaction.atomic
def add_value(organisation: Organisation, details: StatusDetails) -> StatusValue:
    """Add a value at the end of the scale (the worst end); move it up if it belongs higher."""
    scale = ensure_status_scale(organisation)
    type(scale).objects.select_for_update().get(pk=scale.pk)
    last = scale.values.aggregate(last=Max("position"))["last"] or 0
    base = slugify(details.label)[:16] or "status"
    code, n = base, 2
    while scale.values.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    value = StatusValue(scale=scale, position=last + 1, code=code)
    _apply(value, details)
    return value


@transaction.atomic
def change_value(value: StatusValue, details: StatusDetails) -> None:
    _apply(StatusValue.objects.select_for_update().get(pk=value.pk), details)


@transaction.atomic
def move_value(value: StatusValue, step: int) -> bool:
    """Swap the value with its neighbour up (-1) or down (+1). False at either end."""
    values = list(
        StatusValue.objects.select_for_update().filter(scale=value.scale_id).order_by("position")
    )
    index = next(i for i, v in enumerate(values) if v.pk == value.pk)
    other = index + step
    if not 0 <= other < len(values):
        return False
    first, second = values[index], values[other]
    positions = first.position, second.position
    # The positions are unique on the scale: park one out of the way while they swap.
    highest = max(v.position for v in values)
    StatusValue.objects.filter(pk=first.pk).update(position=highest + 1)
    StatusValue.objects.filter(pk=second.pk).update(position=positions[0])
    StatusValue.objects.filter(pk=first.pk).update(position=positions[1])
    return True


@transaction.atomic
def remove_value(value: StatusValue) -> None:
    locked = StatusValue.objects.select_for_update().get(pk=value.pk)
    used = where_used(locked)
    if used:
        raise ValidationError(
            f"{locked.label} is used by {used}, so it cannot be removed. "
            "Change its label or meaning instead"
        )
    if StatusValue.objects.filter(scale=locked.scale_id).count() == 1:
        raise ValidationError("The scale needs at least one status")
    locked.delete()
