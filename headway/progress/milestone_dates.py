"""The milestone dates a return reports, kept with it, so a reviewer sees what moved.

Milestones belong to the initiative and change in place when a return is saved; each return
also keeps the dates as it reported them (``Update.milestone_dates``), by milestone id:
``{"12": {"forecast": "2022-07-04", "completed_on": null}}``. A new return starts with the
dates as they stood when its period opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from headway.strategy.models import Milestone

MilestoneDates = dict[str, dict[str, str | None]]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def reported_dates(milestones: Iterable[Milestone]) -> MilestoneDates:
    """The forecast and completion dates of ``milestones``, as a return keeps them."""
    return {
        str(m.pk): {"forecast": _iso(m.forecast), "completed_on": _iso(m.completed_on)}
        for m in milestones
    }


def _day(value: Any) -> str:
    return f"{date.fromisoformat(value):%-d %B %Y}" if value else ""


def describe(milestone: Milestone, dates: Mapping[str, Any] | None) -> str:
    """``Completed 1 March 2022``, ``Forecast 4 July 2022 (due 31 May 2022)`` or
    ``Due 31 May 2022``: how a return left a milestone."""
    if dates is None:
        return ""
    if dates.get("completed_on"):
        return f"Completed {_day(dates['completed_on'])}"
    due = f"{milestone.due:%-d %B %Y}"
    if dates.get("forecast") and dates["forecast"] != milestone.due.isoformat():
        return f"Forecast {_day(dates['forecast'])} (due {due})"
    return f"Due {due}"


@dataclass(frozen=True)
class MilestoneMove:
    milestone: Milestone
    before: str
    after: str


def milestone_moves(
    milestones: Iterable[Milestone], before: MilestoneDates, after: MilestoneDates
) -> list[MilestoneMove]:
    """Each milestone the earlier return reported, as it reported it and as the later one
    does (milestones it never reported have nothing to compare)."""
    return [
        MilestoneMove(m, describe(m, before[str(m.pk)]), describe(m, after.get(str(m.pk))))
        for m in milestones
        if str(m.pk) in before
    ]
