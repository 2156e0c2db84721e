"""When owners of returns still to do are reminded: a period's reminder schedule.

Each period sets its own: up to two reminders before the deadline (10 and 3 days before, by
default, counted in calendar days), one on the day, then one every few working days while
returns are late (every 2, by default). Working days are Monday to Friday; bank holidays are
not known to Headway and count as working days. Every date here is given by the caller, who
reads it from ``headway.clock``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError

from headway.progress.models import Reminder, ReportingPeriod

MAX_REMIND_DAYS_BEFORE = 60
MAX_OVERDUE_EVERY = 20


def is_working_day(day: date) -> bool:
    """Monday to Friday (bank holidays are not known, so they count as working days)."""
    return day.weekday() < 5


def next_working_day(day: date) -> date:
    """The first working day after ``day``."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_after(start: date, end: date) -> int:
    """How many working days fall after ``start`` up to and including ``end``."""
    # A week holds five working days: skip whole weeks, then count the rest a day at a time.
    weeks = max((end - start).days // 7 - 1, 0)
    count, day = weeks * 5, start + timedelta(days=weeks * 7)
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


@dataclass(frozen=True)
class ReminderSchedule:
    """``days_before``: reminders before the deadline, furthest first (none are 0)."""

    days_before: tuple[int, ...]
    on_deadline: bool
    overdue_every: int

    @classmethod
    def of(cls, period: ReportingPeriod) -> ReminderSchedule:
        return cls.from_fields(
            period.remind_days_before,
            period.remind_again_days_before,
            period.remind_on_deadline,
            period.remind_overdue_every,
        )

    @classmethod
    def from_fields(
        cls, first: int, again: int, on_deadline: bool, overdue_every: int
    ) -> ReminderSchedule:
        days = tuple(sorted({d for d in (first, again) if d > 0}, reverse=True))
        return cls(days_before=days, on_deadline=on_deadline, overdue_every=overdue_every)

    def kind_on(self, deadline: date, today: date) -> str | None:
        """Whether owners are reminded today, and of what; None on other days.

        Late returns are chased on the first working day after the deadline, then every
        ``overdue_every`` working days; never on a weekend.
        """
        days_left = (deadline - today).days
        if days_left > 0:
            return Reminder.Kind.DUE_SOON if days_left in self.days_before else None
        if days_left == 0:
            return Reminder.Kind.DUE_TODAY if self.on_deadline else None
        if not is_working_day(today):
            return None
        late = working_days_after(deadline, today)
        return Reminder.Kind.OVERDUE if (late - 1) % self.overdue_every == 0 else None

    def next_day(self, deadline: date, after: date) -> date:
        """The first day after ``after`` on which owners are reminded."""
        for days in (*self.days_before, *((0,) if self.on_deadline else ())):
            day = deadline - timedelta(days=days)
            if day > after:
                return day
        day = next_working_day(max(after, deadline))
        while self.kind_on(deadline, day) is None:
            day = next_working_day(day)
        return day

    def describe(self) -> str:
        """``10 and 3 days before the deadline, on the day, then every 2 working days``."""
        parts = []
        if self.days_before:
            days = [str(d) for d in self.days_before]
            listed = " and ".join(days) if len(days) > 1 else _days(self.days_before[0])
            parts.append(f"{listed}{' days' if len(days) > 1 else ''} before the deadline")
        if self.on_deadline:
            parts.append("on the day")
        every = "working day" if self.overdue_every == 1 else f"{self.overdue_every} working days"
        late = f"every {every} while returns are late"
        return f"{', '.join(parts)}, then {late}" if parts else late


def check_schedule(first: int, again: int, overdue_every: int) -> None:
    """Refuse a schedule that cannot be kept, saying which field to fix and how."""
    errors = {}
    for name, days, zero in (
        ("remind_days_before", first, "no reminder before the deadline"),
        ("remind_again_days_before", again, "no second reminder"),
    ):
        if not 0 <= days <= MAX_REMIND_DAYS_BEFORE:
            between = f"Enter a number of days from 0 to {MAX_REMIND_DAYS_BEFORE}"
            errors[name] = f"{between}: 0 sends {zero}."
    if not errors and again and again >= first:
        errors["remind_again_days_before"] = (
            f"Enter fewer days than the first reminder ({_days(first)}), or 0 for no "
            "second reminder: the second reminder comes closer to the deadline."
            if first
            else "Set the first reminder before the second: enter the larger number of days "
            "as the first reminder."
        )
    if not 1 <= overdue_every <= MAX_OVERDUE_EVERY:
        errors["remind_overdue_every"] = (
            f"Enter a number of working days from 1 to {MAX_OVERDUE_EVERY}: late returns are "
            "chased that often."
        )
    if errors:
        raise ValidationError(errors)
