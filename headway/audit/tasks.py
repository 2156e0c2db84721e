"""The nightly pruning of the audit record, run by the task worker with the reminders."""

from __future__ import annotations

import logging

from django_tasks import task

from headway.audit.retention import prune

log = logging.getLogger(__name__)


@task()
def prune_audit_record() -> int:
    """Delete audit entries older than each organisation keeps them; how many went."""
    counts = prune()
    if counts:
        log.info("Pruned the audit record: %s", dict(counts))
    return sum(counts.values())
