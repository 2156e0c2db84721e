"""Writing down the strategy itself: its title, years, vision and framework."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from headway.accounts.models import Membership
from headway.lib.fy import FinancialYear
from headway.strategy.history import check_may_edit_strategy, may_edit_strategy
from headway.strategy.models import Strategy


def _text(values: dict[str, str], name: str) -> str:
    return str(values.get(name) or "").strip()


def _year(text: str, name: str, what: str, errors: dict[str, str]) -> int | None:
    if not text:
        errors[name] = f"Enter the {what} financial year, for example 2020-21"
        return None
    try:
        return FinancialYear.parse(text).start
    except ValueError:
        errors[name] = f"Enter the {what} financial year like 2020-21"
        return None


@transaction.atomic
def save_strategy(strategy: Strategy | None, values: dict[str, str], by: Membership) -> Strategy:
    """Change the strategy's words, or write down the organisation's first strategy.

    A strategy's years are set when it is written down: priorities, maps and reports are
    counted in them, so they are not changed afterwards from here.
    """
    if strategy is not None:
        check_may_edit_strategy(by, strategy)
        strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    elif not may_edit_strategy(by):
        raise PermissionDenied("Only an administrator writes down the organisation's strategy.")
    errors: dict[str, str] = {}
    title = _text(values, "title")
    if not title:
        errors["title"] = "Enter the strategy's title"
    if strategy is None:
        first = _year(_text(values, "first_year"), "first_year", "first", errors)
        last = _year(_text(values, "last_year"), "last_year", "last", errors)
        if first is not None and last is not None and last < first:
            errors["last_year"] = "The last year must be the same as or after the first year"
        if errors:
            raise ValidationError(errors)
        assert first is not None and last is not None
        strategy = Strategy(organisation=by.organisation, first_year=first, last_year=last)
    elif errors:
        raise ValidationError(errors)
    strategy.title = title
    strategy.vision = _text(values, "vision")
    strategy.framework = _text(values, "framework")
    strategy.full_clean()
    strategy.save()
    return strategy
