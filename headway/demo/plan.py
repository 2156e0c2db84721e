"""The demo's story, worked out before anything is written: dates, milestones and BRAG.

Pure functions of the catalogue, so every run tells the same story. Chance is seeded per
initiative, so editing one entry of the catalogue does not reshuffle the others.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from headway.demo.catalogue import CATALOGUE, InitiativeSpec, Kind, Status
from headway.lib.fy import Quarter

# The demo is set in January 2022, while services' returns for 2021-22 Q3 are collected.
AS_OF = date(2022, 1, 10)
# The demo's "today", which `headway demo` sets as the simulated date (DEMO_DATE): the day
# the 2021-22 Q3 report was drafted, three weeks before the Joint Committee of 11 March 2022
# it went to (see headway/committee/demo.py). Nothing in the demo happens after it.
TODAY = date(2022, 2, 18)
REPORTED = (Quarter(2021, 1), Quarter(2021, 2), Quarter(2021, 3))
# When the initiative on hold stopped, and when the deprioritised one was agreed to stop.
HELD_FROM = date(2021, 9, 30)
DEPRIORITISED_ON = date(2021, 9, 30)

GENERIC_MILESTONES = {
    Kind.PROJECT: (
        "Business case approved",
        "Supplier appointed",
        "Build and testing complete",
        "Go-live",
    ),
    Kind.ACTIVITY: ("Scope agreed with the councils", "Pilot complete", "Roll-out complete"),
    Kind.SERVICE_PLAN_ACTION: ("Plan agreed", "Mid-point review", "Action complete"),
    Kind.BAU: ("Half-year performance review", "Year-end performance review"),
}

# A few key projects tell a fixed story, so the demo always shows movement in both directions.
TRAJECTORIES = {
    "PAY-001": ("green", "amber", "amber"),
    "ICT-001": ("amber", "amber", "green"),
    "EXT-001": ("green", "amber", "red"),
    "ICT-003": ("green", "green", "amber"),
}

RAG = ("green", "amber", "red")


@dataclass(frozen=True)
class MilestonePlan:
    title: str
    due: date
    forecast: date | None = None
    completed_on: date | None = None

    def done_by(self, day: date) -> bool:
        return self.completed_on is not None and self.completed_on <= day

    @property
    def expected(self) -> date:
        return self.completed_on or self.forecast or self.due


@dataclass(frozen=True)
class InitiativePlan:
    spec: InitiativeSpec
    start: date
    end: date
    completed_on: date | None
    statuses: Mapping[Quarter, str]  # BRAG code for each quarter it reports in
    milestones: tuple[MilestonePlan, ...]

    def started_by(self, quarter: Quarter) -> bool:
        return self.start <= quarter.last_day


def month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def months_later(day: date, months: int) -> date:
    """The last day of the month ``months`` after ``day``'s."""
    return month_end(day.year, day.month + months)


def _month(text: str) -> tuple[int, int]:
    year, month = text.split("-")
    return int(year), int(month)


def build_plan(catalogue: Sequence[InitiativeSpec] = CATALOGUE) -> tuple[InitiativePlan, ...]:
    return tuple(plan_initiative(index, spec) for index, spec in enumerate(catalogue))


def plan_initiative(index: int, spec: InitiativeSpec) -> InitiativePlan:
    rng = random.Random(f"headway-demo:{spec.reference}")
    start = date(*_month(spec.start), 1)
    end = month_end(*_month(spec.end))
    completed_on = None
    if spec.status == Status.COMPLETED:
        # Some finish a little late, but all before the demo's today.
        completed_on = min(end + timedelta(days=rng.choice((0, 0, 9, 16))), AS_OF)
    statuses = _statuses(spec, start, completed_on, rng)
    latest = list(statuses.values())[-1] if statuses else "green"
    milestones = _milestones(index, spec, start, end, completed_on, latest, rng)
    return InitiativePlan(spec, start, end, completed_on, statuses, milestones)


def reports_in(spec: InitiativeSpec, quarter: Quarter, completed_on: date | None) -> bool:
    """Whether the initiative has a return for the quarter."""
    if spec.status == Status.COMPLETED:
        return completed_on is not None and quarter.first_day <= completed_on
    if spec.status == Status.DEPRIORITISED:
        return quarter.first_day <= DEPRIORITISED_ON
    return spec.status in (Status.PLANNED, Status.IN_PROGRESS, Status.ON_HOLD)


def _statuses(
    spec: InitiativeSpec, start: date, completed_on: date | None, rng: random.Random
) -> dict[Quarter, str]:
    fixed = TRAJECTORIES.get(spec.reference)
    weights = (8, 2, 0) if spec.kind == Kind.BAU else (6, 3, 1)
    level = rng.choices(range(3), weights=weights)[0]
    statuses: dict[Quarter, str] = {}
    for number, quarter in enumerate(REPORTED):
        # Drawn for every quarter, reported or not, so each quarter's chance stays put.
        roll = rng.random()
        if number:
            if roll < 0.3:
                level = max(0, level - 1)
            elif roll >= 0.85:
                level = min(2, level + 1)
        if not reports_in(spec, quarter, completed_on):
            continue
        if completed_on and quarter.contains(completed_on):
            statuses[quarter] = "blue"
        elif start > quarter.last_day:
            statuses[quarter] = "green"  # not started yet, and preparing on time
        elif spec.status in (Status.ON_HOLD, Status.DEPRIORITISED):
            statuses[quarter] = "amber"
        elif fixed:
            statuses[quarter] = fixed[number]
        else:
            statuses[quarter] = RAG[level]
    return statuses


def _milestones(
    index: int,
    spec: InitiativeSpec,
    start: date,
    end: date,
    completed_on: date | None,
    latest: str,
    rng: random.Random,
) -> tuple[MilestonePlan, ...]:
    generic = GENERIC_MILESTONES[spec.kind]
    titles = spec.milestones or generic[-(1 + index % len(generic)) :]
    span = (end.year * 12 + end.month) - (start.year * 12 + start.month)
    dues = [
        months_later(start, round(span * (number + 1) / len(titles)))
        for number in range(len(titles))
    ]
    past = [due for due in dues if due <= AS_OF]
    upcoming = [due for due in dues if due > AS_OF]
    plans = []
    for title, due in zip(titles, dues, strict=True):
        forecast: date | None = None
        done: date | None = None
        if completed_on:
            done = completed_on if due == dues[-1] else due
        elif spec.status == Status.DEPRIORITISED:
            done = due if due <= DEPRIORITISED_ON else None
        elif spec.status == Status.ON_HOLD:
            if due <= HELD_FROM:
                done = due
            else:
                forecast = months_later(due, 6)
        elif due <= AS_OF:
            if latest == "red" and due == past[-1]:
                forecast = months_later(AS_OF, 3)  # the slip that turned it red
            else:
                done = min(due + timedelta(days=rng.choice((0, 0, 0, 7, 14, 30))), AS_OF)
        elif latest in ("amber", "red") and due == upcoming[0]:
            forecast = months_later(due, 2 if latest == "amber" else 4)
        plans.append(MilestonePlan(title, due, forecast, done))
    return tuple(plans)
