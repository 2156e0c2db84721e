"""Background work for committee packs and redrafts, run by the database-backed task worker."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from headway.committee.models import Pack, Redraft, Report
from headway.committee.packs import generate_pack, request_pack
from headway.committee.redrafting import request_redraft, run_redraft


@task()
def generate_pack_task(pack_id: int) -> str:
    pack = generate_pack(Pack.objects.get(pk=pack_id))
    return pack.state


def queue_pack(report: Report, by: Any = None) -> Pack:
    """Ask for the report's pack and hand its generation to the task worker.

    With the immediate backend (the tests) the pack is generated before this returns.
    """
    pack = request_pack(report, by=by)
    generate_pack_task.enqueue(pack.pk)
    pack.refresh_from_db()
    return pack


@task()
def redraft_report_task(redraft_id: int) -> str:
    redraft = run_redraft(Redraft.objects.get(pk=redraft_id))
    return redraft.state


def queue_redraft(report: Report, by: Any = None) -> Redraft:
    """Ask for the report's redraft and hand it to the task worker.

    With the immediate backend (the tests) the report is redrafted before this returns.
    """
    redraft = request_redraft(report, by=by)
    redraft_report_task.enqueue(redraft.pk)
    redraft.refresh_from_db()
    return redraft
