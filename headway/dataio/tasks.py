"""Background work for large exports and imports, run by the database-backed task worker."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from headway.accounts.models import Membership
from headway.dataio.export_jobs import PORTFOLIO, request_export, run_export
from headway.dataio.import_jobs import request_import, run_import_job
from headway.dataio.models import ExportJob, ImportJob, Upload
from headway.strategy.models import Organisation


@task()
def export_task(job_id: int) -> str:
    return run_export(ExportJob.objects.get(pk=job_id)).state


def queue_export(
    organisation: Organisation,
    format: str,
    query: str,
    filename: str,
    by: Any = None,
    kind: str = PORTFOLIO,
) -> ExportJob:
    """Ask for the export and hand it to the task worker; with the immediate backend (the
    tests) it is written before this returns."""
    job = request_export(organisation, format, query, filename, by=by, kind=kind)
    export_task.enqueue(job.pk)
    job.refresh_from_db()
    return job


@task()
def import_task(job_id: int) -> str:
    return run_import_job(ImportJob.objects.get(pk=job_id)).state


def queue_import(upload: Upload, membership: Membership) -> ImportJob:
    """Ask for the upload's import and hand it to the task worker; with the immediate backend
    (the tests) it is imported before this returns. A job already waiting is not queued again."""
    job, made = request_import(upload, membership)
    if made:
        import_task.enqueue(job.pk)
    job.refresh_from_db()
    return job
