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


_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_in_words(n: int) -> str:
    """``seventeen``, ``forty-two``, ``one hundred and five``: for a number that starts a
    sentence, which is never written in digits. Digits from a thousand."""
    if n < 0 or n >= 1000:
        return str(n)
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" and {number_in_words(rest)}" if rest else "")


def counted(n: int, singular: str, plural_form: str | None = None) -> str:
    """``seventeen milestones``: a count in words, to start a sentence with."""
    noun = singular if n == 1 else (plural_form or singular + "s")
    return f"{number_in_words(n) if n else 'no'} {noun}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(day: date) -> str:
    """``7 February 2020``: the one style a report writes dates in, prose and tables alike."""
    return f"{day.day} {day:%B %Y}"


def iso_long_date(text: str) -> str:
    """``30 November 2021`` from ``2021-11-30``, for dates kept as ISO text in a snapshot."""
    return long_date(date.fromisoformat(text))


def sentence_start(text: str) -> str:
    """The text with its first letter capitalised, for a sentence that starts with it."""
    return text[:1].upper() + text[1:]


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """``a, b and c``."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    return f"{number_word(n)} {singular if n == 1 else (plural_form or singular + 's')}"
