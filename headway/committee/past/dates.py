"""Dates as past reports write them: "7th February 2020", "11 <sup>th</sup> March 2022",
"7 th February" (a PDF's superscript on its own), "March/April 2021"."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

MONTHS = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

DAY_DATE = re.compile(
    rf"\b(?P<day>[0-3]?\d)\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\s*,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
MONTH_DATE = re.compile(
    rf"\b(?P<months>{_MONTH}(?:\s*(?:/|-|\u2013|and|to)\s*{_MONTH})*)"
    r"\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
NUMERIC_DATE = re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b")


@dataclass(frozen=True)
class FoundDate:
    day: date
    start: int
    end: int
    # Only the month was given: the day is the month's last.
    month_only: bool = False


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").casefold()]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> Iterator[FoundDate]:
    """Every date in the text, in order: whole dates first win over a month and year."""
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for pattern in (DAY_DATE, ISO_DATE, NUMERIC_DATE):
        for match in pattern.finditer(text):
            month = match.group("month")
            number = int(month) if month.isdigit() else _month(month)
            day = _safe(int(match.group("year")), number, int(match.group("day")))
            if day is not None:
                found.append(FoundDate(day, match.start(), match.end()))
                taken.append(match.span())
    for match in MONTH_DATE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        last = re.findall(_MONTH, match.group("months"), re.I)[-1]
        year, month = int(match.group("year")), _month(last)
        day = date(year, month, calendar.monthrange(year, month)[1])
        found.append(FoundDate(day, match.start(), match.end(), month_only=True))
    yield from sorted(found, key=lambda f: f.start)


def parse_date(text: str) -> date | None:
    """The one whole date the text holds ("11th March 2022", "2022-03-11"), or None."""
    text = text.strip()
    if not text:
        return None
    for found in find_dates(text):
        if not found.month_only:
            return found.day
    return None
