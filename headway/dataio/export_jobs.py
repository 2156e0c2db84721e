"""Large exports as background work: a portfolio of hundreds of initiatives takes longer to
write as .xlsx than a web request should. The export itself is ``exports``."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from headway import clock
from headway.dataio.exports import Export, UpdateFilters, portfolio_export, updates_export
from headway.dataio.models import ExportJob
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative, Organisation
from headway.strategy.portfolio import PortfolioFilters

PORTFOLIO = "portfolio"
UPDATES = "updates"
"""A period's returns; the job's query names the period (``period=2021-22-Q3``)."""

IN_BACKGROUND_OVER = 250
"""Initiatives above which the portfolio's .xlsx is written by the task worker. Reading the
rows is quick (four queries); writing the workbook is not: openpyxl takes about a quarter of a
millisecond a cell, so 1,000 initiatives with their milestones (21,000 cells) took 0.9 s to
write at load average 10, over the 100 ms a page should take. CSV streams instead."""


def is_large(
    organisation: Organisation, format: str, period: ReportingPeriod | None = None
) -> bool:
    """Whether the portfolio's export (or the period's returns') in ``format`` is written in
    the background. CSV never is: it streams as it is written."""
    if format != "xlsx":
        return False
    if period is not None:
        return Update.objects.filter(period=period).count() > IN_BACKGROUND_OVER
    return Initiative.objects.filter(organisation=organisation).count() > IN_BACKGROUND_OVER


def request_export(
    organisation: Organisation,
    format: str,
    query: str,
    filename: str,
    by: Any = None,
    kind: str = PORTFOLIO,
) -> ExportJob:
    return ExportJob.objects.create(
        organisation=organisation,
        kind=kind,
        format=format,
        query=query,
        filename=filename,
        requested_by=by,
    )


def _record(job: ExportJob, **fields: Any) -> None:
    ExportJob.objects.filter(pk=job.pk).update(**fields)


def _export(job: ExportJob) -> Export:
    query = QueryDict(job.query)
    if job.kind == UPDATES:
        quarter = Quarter.parse(query.get("period", ""))
        period = ReportingPeriod.objects.get(
            organisation=job.organisation, year=quarter.year, quarter=quarter.number
        )
        return updates_export(period, UpdateFilters.from_query(query))
    return portfolio_export(job.organisation, PortfolioFilters.from_query(query))


def run_export(job: ExportJob) -> ExportJob:
    """Write the export and keep it for download. Safe to run twice."""
    job = ExportJob.objects.select_related("organisation").get(pk=job.pk)
    if job.state == ExportJob.State.DONE:
        return job
    _record(job, state=ExportJob.State.RUNNING, progress=10, step="Reading the portfolio")
    try:
        export = _export(job)
        _record(job, progress=50, step="Writing the file")
        content = export.render(job.format)
    except Exception as error:
        _record(
            job,
            state=ExportJob.State.FAILED,
            step="Failed",
            error=f"{type(error).__name__}: {error}",
            finished_at=clock.now(),
        )
        raise
    _record(
        job,
        state=ExportJob.State.DONE,
        progress=100,
        step="Ready",
        content=content,
        finished_at=clock.now(),
    )
    job.refresh_from_db()
    return job
