"""Background work for large exports, run by the database-backed task worker."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from headway.dataio.export_jobs import request_export, run_export
from headway.dataio.models import ExportJob
from headway.strategy.models import Organisation


@task()
def export_task(job_id: int) -> str:
    return run_export(ExportJob.objects.get(pk=job_id)).state


def queue_export(
    organisation: Organisation, format: str, query: str, filename: str, by: Any = None
) -> ExportJob:
    """Ask for the export and hand it to the task worker; with the immediate backend (the
    tests) it is written before this returns."""
    job = request_export(organisation, format, query, filename, by=by)
    export_task.enqueue(job.pk)
    job.refresh_from_db()
    return job
