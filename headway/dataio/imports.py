"""Importing a file, for the upload pages, the ``headway import`` command and the benchmark.

``preview_import`` reads and checks the file and says what it would do, writing nothing.
``run_import`` checks it again and writes it, all or nothing: with any problem it raises
``FileRefused`` and the database is as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from headway.accounts.models import Membership
from headway.dataio.columns import (
    FIGURES_SHEET,
    MILESTONES_SHEET,
    PORTFOLIO_SHEET,
    UPDATES_SHEET,
)
from headway.dataio.figures_plan import FiguresPlan, apply_figures, plan_figures
from headway.dataio.portfolio_apply import apply_portfolio
from headway.dataio.portfolio_plan import PortfolioPlan, plan_portfolio
from headway.dataio.preview import Preview
from headway.dataio.problems import FileRefused
from headway.dataio.reading import read_book
from headway.dataio.updates_apply import apply_updates
from headway.dataio.updates_plan import UpdatesPlan, plan_updates
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation

PORTFOLIO = "portfolio"
UPDATES = "updates"
FIGURES = "figures"
KINDS = (PORTFOLIO, UPDATES, FIGURES)
# The kinds imported into the open period.
PERIOD_KINDS = (UPDATES, FIGURES)


@dataclass(frozen=True)
class ImportFile:
    """A file to import and everything the import needs to know about it."""

    kind: str
    organisation: Organisation
    data: bytes
    filename: str
    # Who imports it: recorded in the history; for returns, the person submitting them.
    by: Membership | None = None
    period: ReportingPeriod | None = None
    # Lets an administrator correct the fields only change requests otherwise change.
    correction: bool = False

    @property
    def reason(self) -> str:
        what = "Correction imported" if self.correction else "Imported"
        return f"{what} from {self.filename}"


def _plan(file: ImportFile) -> PortfolioPlan | UpdatesPlan | FiguresPlan:
    if file.kind == PORTFOLIO:
        book = read_book(file.data, file.filename, PORTFOLIO_SHEET, (MILESTONES_SHEET,))
        return plan_portfolio(file.organisation, book, correction=file.correction)
    if file.kind == UPDATES:
        if file.period is None:
            raise FileRefused("Choose the reporting period the returns are for.")
        if file.by is None:
            raise FileRefused("Returns are submitted by someone: name who is importing them.")
        book = read_book(file.data, file.filename, UPDATES_SHEET)
        return plan_updates(file.period, book, file.by)
    if file.kind == FIGURES:
        if file.period is None:
            raise FileRefused("Figures are imported into the open period: open one first.")
        if file.by is None:
            raise FileRefused("Figures are submitted by someone: name who is importing them.")
        book = read_book(file.data, file.filename, FIGURES_SHEET)
        return plan_figures(file.period, book, file.by)
    raise ValueError(f"Unknown kind of import: {file.kind!r}")


def preview_import(file: ImportFile) -> Preview:
    """What importing the file would do, and every problem with it. Writes nothing."""
    try:
        return _plan(file).preview
    except FileRefused as refused:
        return Preview(file.kind, file.filename, problems=refused.problems, refused_whole=True)


def run_import(file: ImportFile, dry_run: bool = False) -> Preview:
    """Check the file again and write it in one transaction; ``FileRefused`` if it has any
    problem, having changed nothing. ``dry_run`` checks without writing."""
    try:
        with transaction.atomic():
            # One import at a time per organisation, so two cannot add the same reference.
            Organisation.objects.select_for_update().get(pk=file.organisation.pk)
            plan = _plan(file)
            if plan.preview.problems:
                raise FileRefused(plan.preview.problems)
            if not dry_run:
                if isinstance(plan, PortfolioPlan):
                    apply_portfolio(plan, file.by.user if file.by else None, file.reason)
                elif isinstance(plan, FiguresPlan):
                    assert file.by is not None
                    apply_figures(plan, file.by)
                else:
                    assert file.by is not None
                    apply_updates(plan, file.by)
    except IntegrityError:
        raise FileRefused(
            "Someone changed the same initiatives while the file was being imported, so "
            "nothing was imported. Upload the file again to see the preview as things are now."
        ) from None
    return plan.preview
