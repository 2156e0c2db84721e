"""UK financial years and their quarters, as pure values.

The financial year runs from 1 April to 31 March; ``2021-22`` is the year that starts in
April 2021. Its quarters are Q1 April-June, Q2 July-September, Q3 October-December and
Q4 January-March (of the following calendar year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_YEAR_LABEL = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*$")
_QUARTER_LABEL = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})[\s_-]*[Qq]([1-4])\s*$")
_QUARTER_FIRST_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}

MIN_YEAR = 1900
MAX_YEAR = 9998


def _check_start(start: int) -> None:
    if not MIN_YEAR <= start <= MAX_YEAR:
        raise ValueError(f"{start} is outside the years Headway handles ({MIN_YEAR}-{MAX_YEAR}).")


def _parse_start(first: str, second: str, text: str) -> int:
    start = int(first)
    end = int(second)
    expected = (start + 1) % 100 if len(second) == 2 else start + 1
    if end != expected:
        raise ValueError(
            f"{text.strip()!r} is not a financial year: the second year must follow the first, "
            f"as in {start}-{(start + 1) % 100:02d}."
        )
    return start


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK financial year, named by the calendar year in which it starts."""

    start: int

    def __post_init__(self) -> None:
        _check_start(self.start)

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Read ``2021-22`` (or ``2021/22``, ``2021-2022``)."""
        match = _YEAR_LABEL.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a financial year: write it as 2021-22.")
        return cls(_parse_start(match.group(1), match.group(2), text))

    @classmethod
    def of(cls, day: date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def label(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.start, 4, 1)

    @property
    def last_day(self) -> date:
        return date(self.start + 1, 3, 31)

    def quarters(self) -> list[Quarter]:
        return [Quarter(self.start, number) for number in (1, 2, 3, 4)]

    def next(self) -> FinancialYear:
        return FinancialYear(self.start + 1)

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start - 1)

    def __str__(self) -> str:
        return self.label


def span_label(first: int, last: int) -> str:
    """Name a run of financial years as the reports do: 2021-23 covers 2021-22 and 2022-23."""
    return f"{first}-{(last + 1) % 100:02d}"


def parse_span(text: str) -> tuple[int, int]:
    """The first and last financial years of a run named as ``span_label`` names it:
    ``2021-23`` gives (2021, 2022) and ``2021-22`` the single year (2021, 2021)."""
    match = _YEAR_LABEL.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a run of financial years: write it as 2021-23.")
    first, second = int(match.group(1)), match.group(2)
    _check_start(first)
    if len(second) == 2:
        # The century of the end year is the one that puts it after the first year.
        end = first - first % 100 + int(second)
        end += 100 if end <= first else 0
    else:
        end = int(second)
    if end <= first:
        raise ValueError(
            f"{text.strip()!r} is not a run of financial years: it ends before it starts."
        )
    return first, end - 1


@dataclass(frozen=True, order=True)
class Quarter:
    """One quarter of a financial year: ``Quarter(2021, 3)`` is October-December 2021."""

    year: int
    number: int

    def __post_init__(self) -> None:
        _check_start(self.year)
        if self.number not in (1, 2, 3, 4):
            raise ValueError(f"Quarter {self.number} does not exist: quarters are 1 to 4.")

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read ``2021-22 Q3`` or ``2021-22-Q3``."""
        match = _QUARTER_LABEL.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a quarter: write it as 2021-22 Q3 or 2021-22-Q3.")
        start = _parse_start(match.group(1), match.group(2), text)
        return cls(start, int(match.group(3)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        year = FinancialYear.of(day).start
        number = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3}.get(day.month, 4)
        return cls(year, number)

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear(self.year)

    @property
    def label(self) -> str:
        """``2021-22 Q3``, as people write it."""
        return f"{self.financial_year.label} Q{self.number}"

    @property
    def slug(self) -> str:
        """``2021-22-Q3``, for addresses and command lines."""
        return f"{self.financial_year.label}-Q{self.number}"

    @property
    def first_day(self) -> date:
        month = _QUARTER_FIRST_MONTH[self.number]
        calendar_year = self.year + 1 if self.number == 4 else self.year
        return date(calendar_year, month, 1)

    @property
    def last_day(self) -> date:
        first = self.first_day
        month = first.month + 2
        return date(first.year, month, calendar.monthrange(first.year, month)[1])

    @property
    def months(self) -> str:
        """``October - December``, as the reports' recommendations put it."""
        first = self.first_day.month
        return f"{calendar.month_name[first]} - {calendar.month_name[first + 2]}"

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    def __str__(self) -> str:
        return self.label
