"""Search documents: what a source hands over for each of its objects, to be found.

Sources call ``headway.search.index.store`` with these when their objects are saved, and
``drop`` when they are deleted; ``headway reindex`` rebuilds everything (after bulk writes,
which send no signals).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
