"""Large imports as background work: the preview stays on the page, and confirming a file of
more than ``IN_BACKGROUND_OVER_ROWS`` rows hands its import to the task worker. The import is
``uploads.confirm``, one transaction as on the page: all of the file or none of it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from headway import clock
from headway.accounts.models import Membership
from headway.dataio import limits
from headway.dataio.models import ImportJob, Upload
from headway.dataio.problems import FileRefused, Problem
from headway.dataio.uploads import check_may_import, confirm

NOTHING_IMPORTED = "Nothing was imported."


def runs_in_background(upload: Upload) -> bool:
    return upload.rows > limits.IN_BACKGROUND_OVER_ROWS


def request_import(upload: Upload, membership: Membership) -> tuple[ImportJob, bool]:
    """Ask for the upload's import; whether a job was made. Asking again while one is waiting
    or running (a double click, the back button) returns that one."""
    check_may_import(membership)
    with transaction.atomic():
        locked = Upload.objects.select_for_update().get(pk=upload.pk)
        working = locked.jobs.filter(state__in=ImportJob.WORKING).first()
        if working is not None:
            return working, False
        return ImportJob.objects.create(upload=locked, requested_by=membership.user), True


def _record(job: ImportJob, **fields: Any) -> None:
    # Saved outside the import's transaction, so the page polling the job sees it.
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def _failed(job: ImportJob, error: str, problems: list[Problem] | None = None) -> None:
    _record(
        job,
        state=ImportJob.State.FAILED,
        step="Failed",
        error=error,
        problems=[problem.as_dict() for problem in problems or []],
        finished_at=clock.now(),
    )


def run_import_job(job: ImportJob) -> ImportJob:
    """Import the upload, all or nothing. Safe to run twice: a finished job is left alone, and
    an upload already imported is not imported again."""
    job = ImportJob.objects.select_related(
        "upload", "upload__period", "upload__organisation", "requested_by"
    ).get(pk=job.pk)
    if job.finished:
        return job
    upload = job.upload
    _record(
        job,
        state=ImportJob.State.RUNNING,
        progress=10,
        step=f"Checking the {upload.rows} rows again and saving them in one go",
        error="",
        problems=[],
    )
    membership = (
        Membership.objects.filter(user=job.requested_by, organisation=upload.organisation)
        .select_related("user", "organisation")
        .first()
    )
    try:
        if membership is None:
            raise PermissionDenied("The person who asked for the import is no longer a member.")
        confirm(upload, membership)
    except FileRefused as refused:
        count = len(refused.problems)
        _failed(
            job,
            f"{NOTHING_IMPORTED} The file has {count} problem{'' if count == 1 else 's'} now: "
            "fix them and upload it again.",
            refused.problems,
        )
    except PermissionDenied as refused:
        _failed(job, f"{NOTHING_IMPORTED} {refused}")
    except Exception as error:
        what = type(error).__name__
        _failed(job, f"{NOTHING_IMPORTED} Something went wrong ({what}): try again.")
        raise
    else:
        _record(
            job,
            state=ImportJob.State.DONE,
            progress=100,
            step="Imported",
            finished_at=clock.now(),
        )
    job.refresh_from_db()
    return job
