"""Each initiative's latest approved rating, kept on a row of its own.

Lists (the portfolio, exports) read it with a join instead of sorting every initiative's
returns. Every write that can change it (approving a return, taking an approval back,
changing or deleting an approved return, loading returns in bulk) calls
``refresh_latest_status`` in the same transaction: ``Update.save``, ``Update.delete`` and
the bulk writes of its queryset do so themselves, so no caller has to remember.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice
from typing import Any

from django.db import models, transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from headway.progress.models.period import ReportingPeriod
from headway.progress.models.status import StatusValue
from headway.strategy.models import Initiative, Organisation

# Initiatives whose refresh waits for the end of ``deferred_refresh``, while one is running.
_pending: ContextVar[set[int] | None] = ContextVar("latest_status_pending", default=None)

# ``__in`` lists are cut to this length: SQLite limits a statement's parameters.
BATCH = 500


class LatestStatus(models.Model):
    """The initiative's latest approved return with a status: its rating, quarter and when
    it was approved. No row while the initiative has none."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, primary_key=True, related_name="latest_status"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    update = models.OneToOneField("progress.Update", on_delete=models.CASCADE, related_name="+")
    status = models.ForeignKey(StatusValue, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "latest statuses"
        indexes = [models.Index(fields=["organisation", "status"], name="latest_org_status")]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.status_id} ({self.period_id})"


def latest_rows(update_model: Any, initiative_ids: Iterable[int] | None) -> list[dict[str, Any]]:
    """The latest approved return with a status of each initiative (all, or those given),
    as the fields of a ``LatestStatus``: one query per ``BATCH`` initiatives.

    ``update_model`` is the return model. The migration that made the table keeps its own
    copy of this rule (``0007_latest_status``): change this one freely.
    """
    approved = update_model._base_manager.filter(state="approved", status__isnull=False)
    batches: Iterable[Any] = [None] if initiative_ids is None else _batches(initiative_ids)
    rows: list[dict[str, Any]] = []
    for batch in batches:
        returns = approved if batch is None else approved.filter(initiative_id__in=batch)
        ranked = returns.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("initiative_id")],
                order_by=[F("period__year").desc(), F("period__quarter").desc()],
            )
        ).filter(rank=1)
        rows += ranked.values(
            "initiative_id",
            "status_id",
            "period_id",
            organisation_id=F("initiative__organisation_id"),
            update_id=F("id"),
            approved_at=F("reviewed_at"),
        )
    return rows


def _batches(ids: Iterable[int]) -> Iterator[list[int]]:
    it = iter(ids)
    while batch := list(islice(it, BATCH)):
        yield batch


def _ids(initiatives: Iterable[Initiative | int] | models.QuerySet[Initiative]) -> list[int]:
    if isinstance(initiatives, models.QuerySet):
        return list(initiatives.values_list("pk", flat=True))
    return sorted({i if isinstance(i, int) else i.pk for i in initiatives})


def refresh_latest_status(
    initiatives: Iterable[Initiative | int] | models.QuerySet[Initiative] | None = None,
) -> int:
    """Recompute the kept latest approved status of these initiatives (ids, objects or a
    queryset; every initiative if None) from their returns. Returns how many have one.

    Bulk loaders call it once after writing returns; for a few initiatives it is three
    queries.
    """
    from headway.progress.models.update import Update

    ids = None if initiatives is None else _ids(initiatives)
    pending = _pending.get()
    if pending is not None and ids is not None:
        pending.update(ids)
        return 0
    with transaction.atomic():
        if ids is None:
            LatestStatus.objects.all().delete()
        else:
            for batch in _batches(ids):
                LatestStatus.objects.filter(initiative_id__in=batch).delete()
        rows = latest_rows(Update, ids)
        LatestStatus.objects.bulk_create((LatestStatus(**row) for row in rows), batch_size=BATCH)
    return len(rows)


@contextmanager
def deferred_refresh() -> Iterator[None]:
    """Refresh the latest status of every initiative whose returns are written inside the
    block once, at its end, in one transaction with the writes: for loaders that save
    returns one at a time."""
    pending: set[int] = set()
    with transaction.atomic():
        token = _pending.set(pending)
        try:
            yield
        finally:
            _pending.reset(token)
        refresh_latest_status(pending)
