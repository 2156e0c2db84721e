"""Small helpers for writing numbers, dates and lists the way committee reports do."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

_SMALL = [
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def number_word(n: int) -> str:
    """``five`` for 5, as reports write small numbers; digits from 13."""
    return _SMALL[n] if 0 <= n < len(_SMALL) else str(n)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(day: date) -> str:
    """``7th February 2020``."""
    return f"{ordinal(day.day)} {day:%B %Y}"


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """``a, b and c``."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    return f"{number_word(n)} {singular if n == 1 else (plural_form or singular + 's')}"
