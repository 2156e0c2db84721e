"""Plan an import of quarterly returns for one period: each row submits one initiative's return.

The rows are checked with the same rules as the web form (``Update.problems``), read in a
fixed number of queries; the returns are then written through
``headway.progress.returns.save_return``, the one function the form and the API call too.
A row identical to a return already submitted or approved changes nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from headway import clock
from headway.accounts.models import Membership
from headway.dataio.cells import (
    CellError,
    key,
    parse_date,
    parse_percent,
    parse_reference,
    shown,
    text,
)
from headway.dataio.columns import UPDATE_COLUMNS, header_of, match_columns
from headway.dataio.preview import Action, Change, Preview, RowOutcome, show
from headway.dataio.problems import FileRefused, Problem
from headway.dataio.reading import Book
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.progress.models.status import ensure_status_scale
from headway.progress.permissions import may_edit_return
from headway.progress.returns import ReturnChanges
from headway.strategy.models import Initiative

KIND = "updates"
TEXT_FIELDS = ("narrative", "achievements", "next_steps", "risks")
COMPARED = ("status", *TEXT_FIELDS, "percent_complete", "completed_on")
DONE_STATES = (Update.State.SUBMITTED, Update.State.APPROVED)


@dataclass
class Submission:
    update: Update
    changes: ReturnChanges
    version: int
    row: int


@dataclass
class UpdatesPlan:
    preview: Preview
    period: ReportingPeriod
    submissions: list[Submission] = field(default_factory=list)


def column(name: str) -> str:
    return header_of(UPDATE_COLUMNS, name)


def plan_updates(period: ReportingPeriod, book: Book, by: Membership) -> UpdatesPlan:
    """Check every row against the period's returns and the submission rules; write nothing."""
    where = "The file" if book.format == "csv" else f"The sheet “{book.main.name}”"
    positions = match_columns(book.main, UPDATE_COLUMNS, where)
    if not period.is_open:
        state = period.get_state_display().lower()
        raise FileRefused(
            f"{period.label} is {state}, so its returns cannot be imported. Returns are "
            "imported into the open period only."
        )
    statuses = _statuses(period)
    returns: dict[str, Update] = {}
    for stored in (
        Update.objects.filter(period=period)
        .select_related("initiative", "status")
        .order_by("initiative__external_reference", "pk")
    ):
        if stored.initiative.external_reference:
            returns[key(stored.initiative.external_reference)] = stored
    initiatives = {
        key(reference): Initiative.Status(status).label
        for reference, status in Initiative.objects.filter(
            organisation=period.organisation_id
        ).values_list("external_reference", "status")
        if reference
    }
    plan = UpdatesPlan(Preview(KIND, book.filename), period)
    seen: dict[str, int] = {}
    today = clock.today()
    for number, values in book.main.rows:
        given, problems = _read(number, values, positions, statuses)
        reference = given.get("reference")
        update: Update | None = None
        if reference is not None:
            update = returns.get(key(reference))
            if key(reference) in seen:
                problems.append(
                    Problem(
                        f"{reference} is also on row {seen[key(reference)]}. Give each return "
                        "one row.",
                        number,
                        column("reference"),
                    )
                )
            elif update is None:
                problems.append(_no_return(reference, period, initiatives, number))
            else:
                seen[key(reference)] = number
        if not problems and update is not None:
            problems = _plan_row(plan, number, update, given, by, today)
        plan.preview.problems.extend(problems)
    return plan


def _statuses(period: ReportingPeriod) -> dict[str, StatusValue]:
    found: dict[str, StatusValue] = {}
    for value in ensure_status_scale(period.organisation).values.all():
        found[key(value.code)] = value
        found[key(value.label)] = value
    return found


def _read(
    number: int,
    values: tuple[Any, ...],
    positions: dict[str, int],
    statuses: dict[str, StatusValue],
) -> tuple[dict[str, Any], list[Problem]]:
    given: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, position in positions.items():
        raw = values[position] if position < len(values) else None
        try:
            if name == "reference":
                given[name] = parse_reference(raw)
            elif name == "status":
                given[name] = _status(raw, statuses)
            elif name == "percent_complete":
                given[name] = parse_percent(raw)
            elif name == "completed_on":
                given[name] = parse_date(raw)
            else:
                given[name] = text(raw)
        except CellError as error:
            problems.append(Problem(error.message, number, column(name)))
    return given, problems


def _status(raw: Any, statuses: dict[str, StatusValue]) -> StatusValue | None:
    typed = text(raw)
    if not typed:
        return None
    found = statuses.get(key(typed))
    if found is None:
        ordered = sorted({(v.position, v.label) for v in statuses.values()})
        labels = ", ".join(label for _, label in ordered)
        raise CellError(f"{shown(typed)} is not a status. Write one of: {labels}.")
    return found


def _no_return(
    reference: str, period: ReportingPeriod, initiatives: dict[str, str], number: int
) -> Problem:
    status = initiatives.get(key(reference))
    if status is None:
        message = f"No initiative has the reference {reference}. Check the reference."
    else:
        message = (
            f"{reference} has no return for {period.label}: returns are made when a period "
            f"opens, for initiatives that are planned, in progress or on hold, and it is "
            f"{status.lower()}. Remove the row."
        )
    return Problem(message, number, column("reference"))


def _plan_row(
    plan: UpdatesPlan,
    number: int,
    update: Update,
    given: dict[str, Any],
    by: Membership,
    today: date,
) -> list[Problem]:
    reference = update.initiative.external_reference
    if not may_edit_return(by, update):
        return [
            Problem(
                f"You may not edit the return for {reference}: only a lead of its service, its "
                "owner or an administrator may.",
                number,
            )
        ]
    stored = ReturnChanges.from_update(update)
    values = {name: given.get(name, getattr(stored, name)) for name in COMPARED}
    status = values["status"]
    if not (status and status.means_complete):
        # Submitting clears the completion date of a return that is not complete.
        values["completed_on"] = None
    changes = ReturnChanges(**values)
    before = {name: getattr(stored, name) for name in COMPARED}
    changed = [name for name in COMPARED if not _same(before[name], values[name])]
    title = update.initiative.title
    if not changed and update.state in DONE_STATES:
        plan.preview.rows.append(RowOutcome(number, reference, title, Action.UNCHANGED))
        return []
    if update.state == Update.State.APPROVED:
        return [
            Problem(
                f"The return for {reference} has been approved, so it can no longer be changed. "
                "Remove the row, or ask a reviewer how to correct it.",
                number,
            )
        ]
    candidate = copy.copy(update)
    for name, value in values.items():
        setattr(candidate, name, value.strip() if isinstance(value, str) else value)
    problems = [
        Problem(message, number, column(name) if name in COMPARED else None)
        for name, message in candidate.problems(submitting=True, today=today).items()
    ]
    if problems:
        return problems
    plan.submissions.append(Submission(update, changes, update.version, number))
    plan.preview.rows.append(
        RowOutcome(
            number,
            reference,
            title,
            Action.SUBMIT,
            [Change(column(n), show(before[n]), show(values[n])) for n in changed],
        )
    )
    return []


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) or isinstance(new, str):
        return (old or "").replace("\r\n", "\n").strip() == (new or "").replace(
            "\r\n", "\n"
        ).strip()
    return bool(old == new)
