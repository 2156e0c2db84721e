"""Reading a date typed into GOV.UK's date input: day, month and year in three boxes.

The messages follow the GOV.UK Design System's pattern, naming the date by its label:
"Deadline must include a month", "Deadline must be a real date".
"""

from __future__ import annotations

from datetime import date

PARTS = ("day", "month", "year")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


class DateProblem(ValueError):
    """What is wrong with the typed date, and which of its boxes to mark."""

    def __init__(self, message: str, parts: tuple[str, ...] = PARTS) -> None:
        super().__init__(message)
        self.parts = parts


def _month(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return MONTHS.get(text.lower())


def date_from_parts(day: str, month: str, year: str, label: str) -> date | None:
    """The date the three boxes hold, or None if all three are empty.

    Raises ``DateProblem`` saying what to fix, e.g. "Deadline must include a year".
    """
    given = {"day": day.strip(), "month": month.strip(), "year": year.strip()}
    if not any(given.values()):
        return None
    missing = tuple(part for part in PARTS if not given[part])
    if missing:
        words = " and a ".join(missing)
        raise DateProblem(f"{label} must include a {words}", missing)
    number = _month(given["month"])
    if not given["day"].isdigit() or number is None or not given["year"].isdigit():
        raise DateProblem(f"{label} must be a real date")
    if len(given["year"]) != 4:
        raise DateProblem("Year must include 4 numbers", ("year",))
    try:
        return date(int(given["year"]), number, int(given["day"]))
    except ValueError:
        raise DateProblem(f"{label} must be a real date") from None


def parts_of(value: date | None) -> dict[str, str]:
    """A stored date as the three boxes show it (empty boxes for no date)."""
    if value is None:
        return dict.fromkeys(PARTS, "")
    return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
