"""Plan an import of performance figures: each row enters one measure's figure for the open
period and a council (or the whole service), submitted for review.

The rows are checked with the rules of the entry form (``headway.indicators.cycle``), read in
a fixed number of queries; the figures are then written through ``cycle.save_figure``, the
one function the form and the API call too. A row identical to a figure already submitted
or approved changes nothing; any problem refuses the whole file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from headway.accounts.models import Membership
from headway.dataio.cells import CellError, Formula, is_blank, key, parse_reference, shown, text
from headway.dataio.columns import FIGURE_COLUMNS, header_of, match_columns
from headway.dataio.preview import Action, Change, Preview, RowOutcome, show
from headway.dataio.problems import FileRefused, Problem
from headway.dataio.reading import Book
from headway.indicators.access import may_enter_figures
from headway.indicators.cycle import FigureEntry, problems, save_figure
from headway.indicators.models import Figure, Measure
from headway.lib.fy import Quarter
from headway.progress.errors import PeriodClosed
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner

KIND = "figures"
WHOLE_SERVICE = "whole service"
ENTERED = ("value", "weight", "exception_why", "exception_action", "exception_recovery")
DONE_STATES = (Figure.State.SUBMITTED, Figure.State.APPROVED)
MOST = Decimal("99999999999999")


@dataclass
class FigureRow:
    measure: Measure
    partner: Partner | None
    entry: FigureEntry
    row: int


@dataclass
class FiguresPlan:
    preview: Preview
    period: ReportingPeriod
    rows: list[FigureRow] = field(default_factory=list)


def column(name: str) -> str:
    return header_of(FIGURE_COLUMNS, name)


def parse_number(value: Any, what: str) -> Decimal | None:
    """A number with at most two decimal places: 96.5, 1,204 or 96.5%; blank is None."""
    if isinstance(value, Formula):
        text(value)
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"{shown(value)} is not a number. Write the {what} as a number.")
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError(f"{shown(value)} is not a number. Write the {what} as a number.")
    typed = str(value).strip().replace(",", "").replace("£", "").removesuffix("%").strip()
    try:
        number = Decimal(typed) if not isinstance(value, float) else Decimal(repr(value))
    except InvalidOperation:
        raise CellError(
            f"{shown(value)} is not a number. Write the {what} as a number, such as 96.5."
        ) from None
    if not number.is_finite() or abs(number) > MOST:
        raise CellError(f"{shown(value)} is not a number Headway can keep.")
    rounded = number.quantize(Decimal("0.01"))
    if rounded != number:
        raise CellError(f"{shown(value)} has more than two decimal places. Round it to two.")
    return rounded


def plan_figures(period: ReportingPeriod, book: Book, by: Membership) -> FiguresPlan:
    """Check every row against the period, the measures and the entry rules; write nothing."""
    where = "The file" if book.format == "csv" else f"The sheet “{book.main.name}”"
    positions = match_columns(book.main, FIGURE_COLUMNS, where)
    if not period.is_open:
        raise FileRefused(
            f"{period.label} is {period.get_state_display().lower()}: figures are imported "
            "into the open period only."
        )
    measures = {
        key(m.reference): m
        for m in Measure.objects.of(period.organisation_id).prefetch_related("partners")
    }
    partners: dict[str, Partner] = {}
    for council in Partner.objects.filter(organisation_id=period.organisation_id):
        partners[key(council.name)] = council
        if council.short_name:
            partners[key(council.short_name)] = council
    stored = {
        (f.measure_id, f.partner_id): f
        for f in Figure.objects.filter(period=period).select_related("partner")
    }
    plan = FiguresPlan(Preview(KIND, book.filename), period)
    seen: dict[tuple[int, int | None], int] = {}
    for number, values in book.main.rows:
        found, row_problems = _read(number, values, positions, period, measures, partners)
        if found is not None and not row_problems:
            measure, partner, entry = found
            slot = (measure.pk, partner.pk if partner else None)
            if slot in seen:
                row_problems.append(
                    Problem(
                        f"{measure.reference} for {partner or 'the whole service'} is also on "
                        f"row {seen[slot]}. Give each figure one row.",
                        number,
                    )
                )
            else:
                seen[slot] = number
                row_problems = _plan_row(plan, number, measure, partner, entry, by, stored)
        plan.preview.problems.extend(row_problems)
    return plan


def _read(
    number: int,
    values: tuple[Any, ...],
    positions: dict[str, int],
    period: ReportingPeriod,
    measures: dict[str, Measure],
    partners: dict[str, Partner],
) -> tuple[tuple[Measure, Partner | None, FigureEntry] | None, list[Problem]]:
    def cell(name: str) -> Any:
        position = positions.get(name)
        return values[position] if position is not None and position < len(values) else None

    found: list[Problem] = []
    measure: Measure | None = None
    partner: Partner | None = None
    numbers: dict[str, Decimal | None] = {}
    try:
        reference = parse_reference(cell("reference"))
        measure = measures.get(key(reference))
        if measure is None:
            found.append(
                Problem(
                    f"No measure has the reference {reference}. Check it.",
                    number,
                    column("reference"),
                )
            )
    except CellError as error:
        found.append(Problem(error.message, number, column("reference")))
    try:
        typed = text(cell("period"))
        try:
            quarter = Quarter.parse(typed)
        except ValueError:
            raise CellError(
                f"{shown(typed) or 'The period'} is not a quarter: write it as {period.label}."
            ) from None
        if quarter != period.as_quarter:
            raise CellError(
                f"{quarter.label} is not the open period: figures are imported into "
                f"{period.label} only."
            )
    except CellError as error:
        found.append(Problem(error.message, number, column("period")))
    try:
        council = text(cell("partner"))
        if key(council) == WHOLE_SERVICE:
            partner = None
        elif key(council) in partners:
            partner = partners[key(council)]
        else:
            names = ", ".join(sorted({str(p) for p in partners.values()}))
            raise CellError(
                f"{shown(council) or 'The council'} is not a partner council. Write one of: "
                f"{names}, or Whole service."
            )
        if measure is not None:
            if partner is not None and partner not in measure.partners.all():
                raise CellError(f"{measure.reference} is not reported for {partner}.")
            if partner is None and not measure.whole_service_is_returned:
                raise CellError(
                    f"The whole service's figure of {measure.reference} is worked out from the "
                    "councils' figures: give the councils' figures instead."
                )
    except CellError as error:
        found.append(Problem(error.message, number, column("partner")))
    for name, what in (("value", "figure"), ("weight", "weight")):
        try:
            numbers[name] = parse_number(cell(name), what)
        except CellError as error:
            found.append(Problem(error.message, number, column(name)))
    notes = {}
    for name in ("exception_why", "exception_action", "exception_recovery"):
        try:
            notes[name] = text(cell(name))
        except CellError as error:
            found.append(Problem(error.message, number, column(name)))
    if found or measure is None:
        return None, found
    entry = FigureEntry(numbers.get("value"), numbers.get("weight"), **notes)
    return (measure, partner, entry), found


def _plan_row(
    plan: FiguresPlan,
    number: int,
    measure: Measure,
    partner: Partner | None,
    entry: FigureEntry,
    by: Membership,
    stored: dict[tuple[int, int | None], Figure],
) -> list[Problem]:
    council = str(partner) if partner else "Whole service"
    if not may_enter_figures(by, measure):
        return [Problem(f"You may not enter the figures of {measure.reference}.", number)]
    if not measure.is_due_in(plan.period.quarter):
        return [Problem(f"{measure.reference} is annual: its figure is due in Q4.", number)]
    figure = stored.get((measure.pk, partner.pk if partner else None))
    before = FigureEntry.from_figure(figure)
    changed = [n for n in ENTERED if getattr(before, n) != getattr(entry, n)]
    title = f"{measure.name}: {council}"
    if figure is not None and not changed and figure.state in DONE_STATES:
        plan.preview.rows.append(RowOutcome(number, measure.reference, title, Action.UNCHANGED))
        return []
    if figure is not None and figure.state == Figure.State.APPROVED:
        return [
            Problem(
                f"The {plan.period.label} figure of {measure.reference} for {council} has been "
                "approved, so it is not imported again. Remove the row, or correct it on the "
                "measure's page, giving a reason.",
                number,
            )
        ]
    found = problems(measure, partner, plan.period, entry, submitting=True)
    if found:
        return [
            Problem(message, number, column(name) if name in ENTERED else None)
            for name, message in found.items()
        ]
    plan.rows.append(FigureRow(measure, partner, entry, number))
    plan.preview.rows.append(
        RowOutcome(
            number,
            measure.reference,
            title,
            Action.SUBMIT,
            [Change(column(n), show(getattr(before, n)), show(getattr(entry, n))) for n in changed],
        )
    )
    return []


def apply_figures(plan: FiguresPlan, by: Membership) -> None:
    """Submit every figure of the plan, or none: any refusal rolls the whole file back."""
    assert not plan.preview.problems, "A plan with problems must not be written."
    with transaction.atomic():
        found: list[Problem] = []
        for row in plan.rows:
            try:
                save_figure(row.measure, plan.period, row.partner, row.entry, by, submit=True)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    where = column(name) if name in ENTERED else None
                    found.extend(Problem(m, row.row, where) for m in messages)
            except (PermissionDenied, PeriodClosed) as error:
                found.append(Problem(str(error), row.row))
        if found:
            # Raised inside the transaction, so every figure saved above is rolled back.
            raise FileRefused(found)
