"""Writing search entries: what a source hands over for each of its objects, and storing it.

Sources call ``store`` when their objects are saved and ``drop`` when they are deleted;
``headway reindex`` rebuilds everything (after bulk writes, which send no signals).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from headway.search.models import SearchEntry

# The database engines mark matches in snippets with these; text never carries them.
MARK_START = "\x02"
MARK_END = "\x03"
_UNSAFE = str.maketrans({MARK_START: " ", MARK_END: " ", "\x00": " "})
TITLE_LENGTH = 400


def clean(text: str) -> str:
    return (text or "").translate(_UNSAFE).strip()


@dataclass(frozen=True)
class Document:
    """One object's text, as a source describes it."""

    object_id: int
    organisation_id: int
    title: str
    body: str
    year: int | None = None
    quarter: int | None = None
    initiative_id: int | None = None
    priority_id: int | None = None
    service_id: int | None = None
    dated: date | None = None

    def entry(self, source: str) -> SearchEntry:
        return SearchEntry(
            organisation_id=self.organisation_id,
            source=source,
            object_id=self.object_id,
            title=clean(self.title)[:TITLE_LENGTH],
            body=clean(self.body),
            year=self.year,
            quarter=self.quarter,
            initiative_id=self.initiative_id,
            priority_id=self.priority_id,
            service_id=self.service_id,
            dated=self.dated,
        )


def store(source: str, documents: Iterable[Document], replacing: Iterable[int] = ()) -> int:
    """Write these documents' entries, replacing what was stored for them and for the
    objects in ``replacing`` (those that no longer have text to find). Returns how many."""
    rows = [d.entry(source) for d in documents if d.body.strip() or d.title.strip()]
    gone = {row.object_id for row in rows} | set(replacing)
    with transaction.atomic():
        if gone:
            SearchEntry.objects.filter(source=source, object_id__in=gone).delete()
        SearchEntry.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def drop(source: str, object_ids: Iterable[int]) -> None:
    SearchEntry.objects.filter(source=source, object_id__in=list(object_ids)).delete()
