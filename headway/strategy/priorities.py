"""Changing a strategy's priorities: renaming, reordering, retiring and reinstating them.

A new priority changes the priority map, so it is proposed as a change request and
consulted on like any map change (``roadmap``). The changes here keep every priority row:
reports, snapshots and map versions froze the names and numbers they showed, and
simple-history keeps each earlier name, number and span.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q

from headway import clock
from headway.accounts.models import Membership
from headway.lib.fy import FinancialYear
from headway.strategy.history import check_may_edit_strategy
from headway.strategy.models import Initiative, Priority


def this_year(today: date | None = None) -> int:
    return FinancialYear.of(today or clock.today()).start


def _save(priority: Priority, by: Membership) -> Priority:
    priority._history_user = by.user  # type: ignore[attr-defined]
    priority.save()
    return priority


@transaction.atomic
def change_priority(
    priority: Priority, *, title: str, description: str, owner: str, by: Membership
) -> Priority:
    """Rename a priority or change what it says and who leads it."""
    check_may_edit_strategy(by, priority.strategy)
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    title, description, owner = title.strip(), description.strip(), owner.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "Enter the priority's title"
    elif (
        Priority.objects.filter(strategy_id=priority.strategy_id, title__iexact=title)
        .exclude(pk=priority.pk)
        .exists()
    ):
        errors["title"] = f"The strategy already has a priority called “{title}”"
    if errors:
        raise ValidationError(errors)
    priority.title, priority.description, priority.owner = title, description, owner
    priority.full_clean(validate_constraints=False)
    return _save(priority, by)


def in_force(priorities: list[Priority], year: int) -> list[Priority]:
    return [p for p in priorities if not p.is_retired_in(year)]


@transaction.atomic
def move_priority(
    priority: Priority, direction: str, by: Membership, today: date | None = None
) -> Priority:
    """Swap the priority's number with the priority in force above or below it."""
    check_may_edit_strategy(by, priority.strategy)
    if direction not in ("up", "down"):
        raise ValidationError("Choose whether to move the priority up or down.")
    siblings = list(
        Priority.objects.select_for_update()
        .filter(strategy_id=priority.strategy_id)
        .order_by("number")
    )
    ordered = in_force(siblings, this_year(today))
    moving = next((p for p in ordered if p.pk == priority.pk), None)
    if moving is None:
        raise ValidationError("A retired priority keeps its number: reinstate it to move it.")
    index = ordered.index(moving)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(ordered):
        where = "first" if direction == "up" else "last"
        raise ValidationError(f"Priority {moving.number} is already the {where}.")
    other = ordered[other_index]
    mine, theirs = moving.number, other.number
    # The numbers are unique in the strategy: park one while they swap. The parked number
    # is never seen, so it is not kept in the history.
    moving.number = 0
    moving.skip_history_when_saving = True  # type: ignore[attr-defined]
    moving.save(update_fields=["number"])
    del moving.skip_history_when_saving  # type: ignore[attr-defined]
    other.number = mine
    _save(other, by)
    moving.number = theirs
    return _save(moving, by)


def initiatives_only_under(priority: Priority, today: date | None = None) -> list[Initiative]:
    """The initiatives on the maps with no other priority in force: retiring this one would
    take them off the maps without a change request."""
    in_force_now = Q(priorities__active_to__isnull=True) | Q(
        priorities__active_to__gte=this_year(today)
    )
    others = Count("priorities", filter=in_force_now & ~Q(priorities__id=priority.pk))
    return list(
        Initiative.objects.exclude(status__in=Initiative.OFF_MAP_STATUSES)
        .annotate(others=others)
        .filter(others=0, priorities=priority)
        .order_by("title")
    )


def retire_years(priority: Priority, today: date | None = None) -> list[int]:
    """The years a priority can be retired after: from last year (it stopped applying when
    the year ended) to the strategy's last. Earlier would rewrite years already reported."""
    strategy = priority.strategy
    first = max(priority.active_from or strategy.first_year, this_year(today) - 1)
    return list(range(first, strategy.last_year + 1))


@transaction.atomic
def retire_priority(
    priority: Priority, last_year: int | None, by: Membership, today: date | None = None
) -> Priority:
    """Retire the priority after ``last_year``: from the next year it leaves the maps and the
    strategy page lists it as retired. Its row, number and links stay for the record."""
    check_may_edit_strategy(by, priority.strategy)
    priority = Priority.objects.select_for_update().select_related("strategy").get(pk=priority.pk)
    years = retire_years(priority, today)
    if not years:
        raise ValidationError(
            {"last_year": "The strategy has ended: its priorities can no longer be retired."}
        )
    if last_year is None or last_year not in years:
        raise ValidationError(
            {
                "last_year": f"Choose the last financial year it applies to, from "
                f"{FinancialYear(years[0]).label} to {FinancialYear(years[-1]).label}"
            }
        )
    stranded = initiatives_only_under(priority, today)
    if stranded:
        titles = ", ".join(f"“{i.title}”" for i in stranded[:5])
        more = f" and {len(stranded) - 5} more" if len(stranded) > 5 else ""
        raise ValidationError(
            {
                "last_year": f"{len(stranded)} initiative"
                f"{' is' if len(stranded) == 1 else 's are'} on the maps under this priority "
                f"alone ({titles}{more}). Propose a change request to move or close "
                f"{'it' if len(stranded) == 1 else 'them'} first."
            }
        )
    priority.active_to = last_year
    priority.full_clean(validate_constraints=False)
    return _save(priority, by)


@transaction.atomic
def reinstate_priority(priority: Priority, by: Membership) -> Priority:
    """Undo a retirement: the priority applies to the end of the strategy again."""
    check_may_edit_strategy(by, priority.strategy)
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    if priority.active_to is None:
        raise ValidationError("This priority is not retired.")
    priority.active_to = None
    return _save(priority, by)
