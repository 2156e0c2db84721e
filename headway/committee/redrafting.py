"""Redrafting a report as background work: asked for from the report page, run by the task
worker, followed on a page of its own. The redraft itself is ``drafting.draft_report``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from headway import clock
from headway.committee.drafting import _require_draft, draft_report
from headway.committee.models import Redraft, Report


def _record(redraft: Redraft, **fields: Any) -> None:
    # Saved outside the drafting transaction, so a page polling the redraft sees progress.
    Redraft.objects.filter(pk=redraft.pk).update(**fields)


def request_redraft(report: Report, by: Any = None) -> Redraft:
    """Queue a redraft of the report; refused at once (``ReportNotEditable``) unless it is a
    draft, as the redraft itself would refuse it."""
    _require_draft(report)
    return Redraft.objects.create(report=report, requested_by=by)


def run_redraft(redraft: Redraft) -> Redraft:
    """Redraft the report from the latest figures. Safe to run twice: a finished redraft is
    left alone."""
    redraft = Redraft.objects.select_related("report", "requested_by").get(pk=redraft.pk)
    if redraft.finished:
        return redraft
    _record(
        redraft,
        state=Redraft.State.RUNNING,
        progress=10,
        step="Freezing the latest figures and drafting from them",
        error="",
    )
    try:
        draft_report(redraft.report, by=redraft.requested_by)
    except ValidationError as refused:
        _record(
            redraft,
            state=Redraft.State.FAILED,
            step="Failed",
            error=" ".join(refused.messages),
            finished_at=clock.now(),
        )
    except Exception as error:
        _record(
            redraft,
            state=Redraft.State.FAILED,
            step="Failed",
            error=f"{type(error).__name__}: {error}",
            finished_at=clock.now(),
        )
        raise
    else:
        _record(
            redraft, state=Redraft.State.DONE, progress=100, step="Done", finished_at=clock.now()
        )
    redraft.refresh_from_db()
    return redraft
