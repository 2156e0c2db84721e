"""Writing the search index: a source's entries as its objects change (``store``, ``drop``),
and rebuilding it from the objects themselves, after a bulk write that saved no object one
by one (a data load, a restore), or to check the index is whole."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import transaction

from headway.search.audience import columns, roles_reading
from headway.search.documents import Document
from headway.search.models import SearchEntry
from headway.search.registry import SOURCES
from headway.strategy.models import Organisation

BATCH = 1000


def _batches(documents: Iterable[Document]) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, BATCH)):
        yield batch


def entries(source: str, documents: Iterable[Document]) -> list[SearchEntry]:
    """These documents' entries, those with text to find, each saying which roles read it."""
    rows = [d.entry(source) for d in documents if d.body.strip() or d.title.strip()]
    of_organisation: dict[int, list[SearchEntry]] = defaultdict(list)
    for row in rows:
        of_organisation[row.organisation_id].append(row)
    for organisation_id, group in of_organisation.items():
        readers = roles_reading(SOURCES[source], organisation_id, [r.object_id for r in group])
        for row in group:
            for field, value in columns(readers[row.object_id]).items():
                setattr(row, field, value)
    return rows


def store(source: str, documents: Iterable[Document], replacing: Iterable[int] = ()) -> int:
    """Write these documents' entries, replacing what was stored for them and for the
    objects in ``replacing`` (those that no longer have text to find). Returns how many."""
    rows = entries(source, documents)
    gone = {row.object_id for row in rows} | set(replacing)
    with transaction.atomic():
        if gone:
            SearchEntry.objects.filter(source=source, object_id__in=gone).delete()
        SearchEntry.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def drop(source: str, object_ids: Iterable[int]) -> None:
    SearchEntry.objects.filter(source=source, object_id__in=list(object_ids)).delete()


def rebuild(organisation: Organisation) -> dict[str, int]:
    """Replace the organisation's entries with one for each object now; how many, by source."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        SearchEntry.objects.filter(organisation=organisation).delete()
        for name, source in SOURCES.items():
            counts[name] = 0
            for batch in _batches(source.documents(organisation)):
                rows = entries(name, batch)
                SearchEntry.objects.bulk_create(rows, batch_size=500)
                counts[name] += len(rows)
    return counts


def rebuild_all() -> dict[str, dict[str, int]]:
    return {o.name: rebuild(o) for o in Organisation.objects.order_by("name")}
