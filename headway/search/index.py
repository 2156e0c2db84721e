"""Rebuilding the search index from the objects themselves: after a bulk write that saved
no object one by one (a data load, a restore), or to check the index is whole."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import transaction

from headway.search.documents import Document
from headway.search.models import SearchEntry
from headway.search.registry import SOURCES
from headway.strategy.models import Organisation

BATCH = 1000


def _batches(documents: Iterable[Document]) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, BATCH)):
        yield batch


def rebuild(organisation: Organisation) -> dict[str, int]:
    """Replace the organisation's entries with one for each object now; how many, by source."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        SearchEntry.objects.filter(organisation=organisation).delete()
        for name, source in SOURCES.items():
            counts[name] = 0
            for batch in _batches(source.documents(organisation)):
                rows = [d.entry(name) for d in batch if d.body.strip() or d.title.strip()]
                SearchEntry.objects.bulk_create(rows, batch_size=500)
                counts[name] += len(rows)
    return counts


def rebuild_all() -> dict[str, dict[str, int]]:
    return {o.name: rebuild(o) for o in Organisation.objects.order_by("name")}
