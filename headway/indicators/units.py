"""How a measure's value is written: 96.5%, £12,340, 22.4 days, 1,204."""

from __future__ import annotations

from decimal import Decimal

UNIT_SUFFIX = {"percentage": "%", "days": " days"}


def plain_number(value: Decimal) -> str:
    """Thousands separated, without trailing zeros after the point: 1,204 or 96.5."""
    text = f"{value:,.2f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_value(value: Decimal | None, unit: str) -> str:
    """The value as a reader sees it, or an en dash for none."""
    if value is None:
        return "\u2013"
    if unit == "money":
        sign = "-" if value < 0 else ""
        return f"{sign}£{plain_number(abs(value))}"
    if unit == "days" and value == 1:
        return "1 day"
    return f"{plain_number(value)}{UNIT_SUFFIX.get(unit, '')}"
