"""Large exports as background work: a portfolio of hundreds of initiatives takes longer to
write as .xlsx than a web request should. The export itself is ``exports``."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from headway import clock
from headway.dataio.exports import portfolio_export
from headway.dataio.models import ExportJob
from headway.strategy.models import Initiative, Organisation
from headway.strategy.portfolio import PortfolioFilters

IN_BACKGROUND_OVER = 250
"""Initiatives above which the portfolio's .xlsx is written by the task worker. Reading the
rows is quick (four queries); writing the workbook is not: openpyxl takes about a quarter of a
millisecond a cell, so 1,000 initiatives with their milestones (21,000 cells) took 0.9 s to
write at load average 10, over the 100 ms a page should take. CSV streams instead."""


def is_large(organisation: Organisation, format: str) -> bool:
    """Whether the portfolio's export in ``format`` is written in the background. CSV never
    is: it streams as it is written."""
    if format != "xlsx":
        return False
    return Initiative.objects.filter(organisation=organisation).count() > IN_BACKGROUND_OVER


def request_export(
    organisation: Organisation, format: str, query: str, filename: str, by: Any = None
) -> ExportJob:
    return ExportJob.objects.create(
        organisation=organisation,
        kind="portfolio",
        format=format,
        query=query,
        filename=filename,
        requested_by=by,
    )


def _record(job: ExportJob, **fields: Any) -> None:
    ExportJob.objects.filter(pk=job.pk).update(**fields)


def run_export(job: ExportJob) -> ExportJob:
    """Write the export and keep it for download. Safe to run twice."""
    job = ExportJob.objects.select_related("organisation").get(pk=job.pk)
    if job.state == ExportJob.State.DONE:
        return job
    _record(job, state=ExportJob.State.RUNNING, progress=10, step="Reading the portfolio")
    try:
        filters = PortfolioFilters.from_query(QueryDict(job.query))
        export = portfolio_export(job.organisation, filters)
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
