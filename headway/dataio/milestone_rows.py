"""The Milestones sheet of a portfolio import: milestones added or changed, by initiative.

A milestone is found by its initiative's reference and its title. Its due date is the
date agreed when it was planned, so, like an initiative's planned dates, an existing one
changes only in a correction; the forecast and completion date may change freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from headway import clock
from headway.dataio.cells import (
    CellError,
    key,
    parse_date,
    parse_reference,
    text,
)
from headway.dataio.columns import MILESTONE_COLUMNS, header_of
from headway.dataio.lookups import PortfolioLookups
from headway.dataio.preview import Action, Change, RowOutcome, show
from headway.dataio.problems import Problem
from headway.dataio.reading import Sheet
from headway.strategy.models import Initiative, Milestone

SHEET = "Milestones"
DATE_FIELDS = ("due", "forecast", "completed_on")


@dataclass
class MilestonePlan:
    creates: list[Milestone] = field(default_factory=list)
    changes: list[tuple[Milestone, list[str]]] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _column(name: str) -> str:
    return header_of(MILESTONE_COLUMNS, name)


def _read(
    number: int, values: tuple[Any, ...], positions: dict[str, int]
) -> tuple[dict[str, Any], list[Problem]]:
    given: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, position in positions.items():
        raw = values[position] if position < len(values) else None
        try:
            if name == "reference":
                given[name] = parse_reference(raw)
            elif name == "title":
                given[name] = text(raw)
                if not given[name]:
                    raise CellError("The milestone title is missing. Give every milestone one.")
                if len(given[name]) > 250:
                    raise CellError("The milestone title is too long: use at most 250 characters.")
            else:
                given[name] = parse_date(raw)
        except CellError as error:
            problems.append(Problem(error.message, number, _column(name), SHEET))
    return given, problems


def plan_milestones(
    sheet: Sheet,
    positions: dict[str, int],
    lookups: PortfolioLookups,
    planned: dict[str, Initiative],
    failed: set[str],
    correction: bool,
    proposed: set[str] | None = None,
) -> MilestonePlan:
    """``planned``: the file's initiatives as they will be; ``failed``: references whose row
    has problems already reported, whose milestones are not checked again; ``proposed``:
    new initiatives the file proposes for the maps, which exist only once agreed."""
    plan = MilestonePlan()
    existing = {key(i.external_reference): i for i in _single(lookups)}
    seen: dict[tuple[str, str], int] = {}
    today = clock.today()
    for number, values in sheet.rows:
        given, problems = _read(number, values, positions)
        if problems:
            plan.problems.extend(problems)
            continue
        ref_key, title_key = key(given["reference"]), key(given["title"])
        if ref_key in failed:
            continue
        initiative = planned.get(ref_key) or existing.get(ref_key)
        if initiative is None and ref_key in (proposed or set()):
            plan.problems.append(
                Problem(
                    f"{given['reference']} is proposed for the maps by a change request: it "
                    "is created, and can have milestones, once the change is agreed. Import "
                    "its milestones then, or leave them out of this file.",
                    number,
                    _column("reference"),
                    SHEET,
                )
            )
            continue
        if initiative is None:
            plan.problems.append(
                Problem(
                    f"No initiative has the reference {given['reference']}, in the "
                    "Initiatives sheet or in Headway. Check the reference.",
                    number,
                    _column("reference"),
                    SHEET,
                )
            )
            continue
        if (ref_key, title_key) in seen:
            plan.problems.append(
                Problem(
                    f"{given['reference']} already has a milestone “{given['title']}” on row "
                    f"{seen[ref_key, title_key]}. Give each milestone one row.",
                    number,
                    _column("title"),
                    SHEET,
                )
            )
            continue
        seen[ref_key, title_key] = number
        problems = _check_dates(given, initiative, number, today)
        if not problems:
            problems = _plan_one(plan, number, given, initiative, lookups, correction)
        plan.problems.extend(problems)
    return plan


def _single(lookups: PortfolioLookups) -> list[Initiative]:
    return [found[0] for found in lookups.initiatives.values() if len(found) == 1]


def _check_dates(
    given: dict[str, Any], initiative: Initiative, number: int, today: date
) -> list[Problem]:
    problems = []
    completed = given.get("completed_on")
    if completed and completed > today:
        problems.append(
            Problem(
                f"{completed.isoformat()} is in the future. Give the date the milestone was "
                "completed, or leave it blank and give a forecast.",
                number,
                _column("completed_on"),
                SHEET,
            )
        )
    due = given.get("due")
    # Milestone.clean holds this rule, but cannot see an initiative not yet saved.
    if due and initiative.planned_start and due < initiative.planned_start:
        problems.append(
            Problem(
                f"{due.isoformat()} is before {initiative.external_reference} starts "
                f"({initiative.planned_start.isoformat()}): a milestone cannot be due before "
                "its initiative starts.",
                number,
                _column("due"),
                SHEET,
            )
        )
    return problems


def _plan_one(
    plan: MilestonePlan,
    number: int,
    given: dict[str, Any],
    initiative: Initiative,
    lookups: PortfolioLookups,
    correction: bool,
) -> list[Problem]:
    reference = given["reference"]
    matches = []
    if initiative.pk is not None:
        matches = lookups.milestones.get((initiative.pk, key(given["title"])), [])
    if len(matches) > 1:
        return [
            Problem(
                f"{reference} has {len(matches)} milestones called “{given['title']}”. Rename "
                "them in Headway first so each can be told apart.",
                number,
                _column("title"),
                SHEET,
            )
        ]
    if not matches:
        if given.get("due") is None:
            return [
                Problem(
                    "The due date is missing: a new milestone needs the date agreed for it.",
                    number,
                    _column("due"),
                    SHEET,
                )
            ]
        milestone = Milestone(
            initiative=initiative,
            title=given["title"],
            due=given["due"],
            forecast=given.get("forecast"),
            completed_on=given.get("completed_on"),
        )
        plan.creates.append(milestone)
        plan.outcomes.append(
            RowOutcome(number, reference, milestone.title, Action.CREATE, sheet=SHEET)
        )
        return []
    milestone = matches[0]
    changed = {
        name: (getattr(milestone, name), given[name])
        for name in DATE_FIELDS
        if name in given
        and getattr(milestone, name) != given[name]
        and not (name == "due" and given[name] is None)
    }
    if "due" in changed and not correction:
        old, new = changed["due"]
        return [
            Problem(
                f"“{milestone.title}” of {reference} is due {show(old)} in Headway; the file "
                f"says {show(new)}. The due date is the date agreed: give the new date as the "
                "forecast instead, or import the file as a correction if Headway is wrong.",
                number,
                _column("due"),
                SHEET,
            )
        ]
    for name, (_, new) in changed.items():
        setattr(milestone, name, new)
    if changed:
        plan.changes.append((milestone, list(changed)))
    plan.outcomes.append(
        RowOutcome(
            number,
            reference,
            milestone.title,
            Action.UPDATE if changed else Action.UNCHANGED,
            [Change(_column(n), show(old), show(new)) for n, (old, new) in changed.items()],
            sheet=SHEET,
        )
    )
    return []
