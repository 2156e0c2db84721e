"""One cell of an imported spreadsheet: pure functions that turn what a person typed into a
value, or say what is wrong and how to write it instead.

A cell arrives as Excel gives it (text, a number, a date, true/false, nothing) or as CSV
text. Each function raises ``CellError`` with a message meant for the person who filled in
the sheet; the caller adds the row and the column.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from headway.lib.text import clean_text

DATE_HELP = "Write dates as 2022-03-31 or 31/03/2022."
# Years outside these are typing mistakes (0202, 20222), not plans.
FIRST_YEAR, LAST_YEAR = 1900, 2999
# What an export puts before text that a spreadsheet would otherwise run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REFERENCE_LENGTH = 50

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$")
_WHOLE = re.compile(r"^[+]?(\d+)(?:\.0+)?\s*%?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


class CellError(ValueError):
    """What is wrong with a cell and how to fix it, in a sentence or two."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula. Headway never works out a formula's value."""

    text: str


def shown(value: Any, limit: int = 40) -> str:
    """The value as a message quotes it: what the person typed, shortened if long."""
    if isinstance(value, Formula):
        value = value.text
    if isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def unneutralise(text: str) -> str:
    """Undo what an export did against formula injection: ``'=A1`` is the text ``=A1``."""
    if len(text) > 1 and text[0] == "'" and text[1] in "".join(FORMULA_STARTS):
        return text[1:]
    return text


def text(value: Any) -> str:
    """The cell as text, trimmed: numbers without a trailing .0, dates as 2022-03-31."""
    if value is None:
        return ""
    if isinstance(value, Formula):
        raise CellError(f"Type the value, not a formula (the cell holds {shown(value)}).")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    # Bidirectional controls go, as they do from forms and the API (headway.lib.text).
    typed = clean_text(str(value))
    return unneutralise(typed.replace("\r\n", "\n").replace("\r", "\n").strip())


def parse_date(value: Any) -> date | None:
    """A date from an Excel date cell, or typed as 2022-03-31 or 31/03/2022; blank is None."""
    if isinstance(value, Formula):
        text(value)
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        if value.time() != time():
            raise CellError(f"{shown(value)} is a date and a time. Give the date only.")
        value = value.date()
    if isinstance(value, date):
        _check_year(value.year, value)
        return value
    if isinstance(value, (bool, int, float)):
        raise CellError(
            f"{shown(value)} is a number, not a date. Format the cell as a date, or type the "
            f"date as text. {DATE_HELP}"
        )
    typed = str(value).strip()
    match = _ISO.match(typed)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DAY_FIRST.match(typed)
        if not match:
            raise CellError(f"{shown(typed)} is not a date. {DATE_HELP}")
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) != 4:
            raise CellError(
                f"{shown(typed)} has a two-digit year, which could be either century. "
                f"Write the year in full. {DATE_HELP}"
            )
    try:
        result = date(year, month, day)
    except ValueError:
        raise CellError(f"{shown(typed)} is not a date. {DATE_HELP}") from None
    _check_year(result.year, typed)
    return result


def _check_year(year: int, value: Any) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(
            f"{shown(value)} is in the year {year}, which looks like a typing mistake. {DATE_HELP}"
        )


def parse_yes_no(value: Any) -> bool | None:
    """Yes or no (also y/n, true/false, 1/0, or Excel's TRUE/FALSE); blank is None."""
    if isinstance(value, bool):
        return value
    typed = text(value).casefold()
    if not typed:
        return None
    if typed in YES:
        return True
    if typed in NO:
        return False
    raise CellError(f"{shown(value)} is not yes or no. Write yes or no.")


def parse_whole_number(value: Any, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high``; ``45%`` is 45; blank is None."""
    if isinstance(value, Formula):
        text(value)
    if is_blank(value):
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if math.isfinite(value) and value.is_integer() else None
    elif isinstance(value, str):
        match = _WHOLE.match(value.strip())
        number = int(match.group(1)) if match else None
    if number is None or not low <= number <= high:
        raise CellError(
            f"{shown(value)} is not a whole number from {low} to {high}. "
            f"Write a number such as {(low + high) // 2}."
        )
    return number


def parse_percent(value: Any) -> int | None:
    return parse_whole_number(value, 0, 100)


def parse_reference(value: Any) -> str:
    """An initiative's reference, such as FIN-014: required, one line, at most 50 characters."""
    reference = text(value)
    if not reference:
        raise CellError(
            "The reference is missing. Give every row its initiative's reference, such as FIN-014."
        )
    if _CONTROL.search(reference):
        raise CellError(f"{shown(reference)} runs over more than one line. Put it on one line.")
    if len(reference) > REFERENCE_LENGTH:
        raise CellError(
            f"{shown(reference)} is {len(reference)} characters long. "
            f"Use a reference of at most {REFERENCE_LENGTH} characters."
        )
    return reference


def split_list(value: Any) -> list[str]:
    """Several values in one cell, separated by semicolons or line breaks."""
    return [part.strip() for part in re.split(r"[;\n]", text(value)) if part.strip()]


def key(value: str) -> str:
    """How names are compared: ignoring case and runs of spaces."""
    return " ".join(value.split()).casefold()
