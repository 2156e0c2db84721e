"""How a measure's value is written: 96.5%, £12,340, 22.4 days, 1,204.

Every value of a measure is written to the same number of decimal places, fixed by its unit
(``PLACES``): a council's figure, the whole service's weighted average, the target and the
tolerance alike, so that a column of them lines up (86.6% beside 84.2%, not 86.62%).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

UNIT_SUFFIX = {"percentage": "%", "days": " days"}
# Decimal places by unit: percentages and days to a tenth, money to the pound, counts whole.
PLACES = {"percentage": 1, "days": 1, "money": 0, "number": 0}


def places_of(unit: str) -> int:
    return PLACES.get(unit, 2)


def rounded(value: Decimal, unit: str) -> Decimal:
    """The value to its unit's places, half up, as every page and the pack show it."""
    return value.quantize(Decimal(1).scaleb(-places_of(unit)), rounding=ROUND_HALF_UP)


def plain_number(value: Decimal, places: int) -> str:
    """Thousands separated, to ``places`` decimal places: 1,204 or 96.0."""
    return f"{value:,.{places}f}"


def format_value(value: Decimal | None, unit: str) -> str:
    """The value as a reader sees it, or an en dash for none."""
    if value is None:
        return "\u2013"
    shown = rounded(value, unit)
    sign = "-" if shown < 0 else ""
    number = plain_number(abs(shown), places_of(unit))
    if unit == "money":
        return f"{sign}£{number}"
    return f"{sign}{number}{UNIT_SUFFIX.get(unit, '')}"
