"""The audit record of one organisation: its entries from every source, newest first,
filtered by person, kind of object and dates, a page at a time or all of them as CSV.

One query counts the entries and one finds a page of them (a UNION of the sources, each
filtered by its indexed columns); then each source on the page reads its rows, and the
values before and after are worked out for those rows only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import CharField, F, Q, QuerySet, Value
from django.utils import timezone

from headway.audit.sources import BY_KEY, SOURCES, Entry, Source
from headway.audit.values import Names

PAGE_SIZE = 50
# Rows read at a time while writing the CSV file.
CSV_CHUNK = 1000


@dataclass(frozen=True)
class AuditFilter:
    person: int | None = None
    kind: str = ""  # a source's group or key; empty for every kind
    since: dt.date | None = None
    until: dt.date | None = None


def kind_choices() -> list[tuple[str, str]]:
    """The kinds of object the page filters by: (value, label), in the sources' order."""
    seen: dict[str, str] = {}
    for source in SOURCES:
        seen.setdefault(source.group or source.key, source.label)
    return list(seen.items())


def _sources(kind: str) -> list[Source]:
    return [s for s in SOURCES if not kind or kind in (s.group, s.key)]


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


# Where the CSV's last chunk ended: the (time, key, source) of its last row.
Cursor = tuple[dt.datetime, int, str]


def _after(source: Source, cursor: Cursor) -> Q:
    """Rows that come after the cursor in the record's order (newest first)."""
    at, pk, key = cursor
    same_time = Q(**{source.at: at})
    later = Q(**{f"{source.at}__lt": at}) | (same_time & Q(**{f"{source.pk}__lt": pk}))
    return later | (same_time & Q(**{source.pk: pk})) if source.key > key else later


def _rows(
    source: Source, org: int, wanted: AuditFilter, cursor: Cursor | None = None
) -> QuerySet[Any]:
    rows = source.rows(org)
    if cursor is not None:
        rows = rows.filter(_after(source, cursor))
    if wanted.person is not None:
        rows = rows.filter(**{source.person: wanted.person})
    if wanted.since is not None:
        rows = rows.filter(**{f"{source.at}__gte": _start_of(wanted.since)})
    if wanted.until is not None:
        rows = rows.filter(**{f"{source.at}__lt": _start_of(wanted.until + dt.timedelta(days=1))})
    return (
        rows.order_by()
        .annotate(
            e_source=Value(source.key, output_field=CharField()),
            e_pk=F(source.pk),
            e_at=F(source.at),
        )
        .values_list("e_source", "e_pk", "e_at")
    )


def matching(org: int, wanted: AuditFilter, cursor: Cursor | None = None) -> QuerySet[Any]:
    """(source, key, time) of every entry that matches, newest first (after ``cursor``)."""
    first, *rest = [_rows(source, org, wanted, cursor) for source in _sources(wanted.kind)]
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by("-e_at", "-e_pk", "e_source")


def entries_for(rows: Sequence[tuple[str, int, Any]]) -> list[Entry]:
    """The entries for these (source, key, time) rows, in the same order."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for key, pk, _at in rows:
        by_source[key].append(pk)
    names = Names()
    found: dict[tuple[str, int], Entry] = {}
    for key, pks in by_source.items():
        for pk, entry in BY_KEY[key].entries(pks, names).items():
            found[key, pk] = entry
    return [found[key, pk] for key, pk, _at in rows if (key, pk) in found]


@dataclass(frozen=True)
class AuditPage:
    entries: list[Entry]
    page: Page[Any]


def audit_page(org: int, wanted: AuditFilter, number: Any = 1) -> AuditPage:
    page = Paginator(matching(org, wanted), PAGE_SIZE).get_page(number)
    return AuditPage(entries_for(list(page.object_list)), page)


def find_entry(org: int, source_key: str, pk: int) -> Entry | None:
    """One entry of the organisation's record, or None if it is not one of theirs."""
    source = BY_KEY.get(source_key)
    if source is None or not source.rows(org).filter(**{source.pk: pk}).exists():
        return None
    return source.entries([pk], Names()).get(pk)


CSV_HEADERS = ["When", "Who", "Kind", "Name", "Action", "Detail", "Field", "Before", "After"]


def csv_rows(org: int, wanted: AuditFilter) -> Iterator[list[Any]]:
    """Every matching entry, one line per changed field (one line if none), newest first."""
    cursor: Cursor | None = None
    while True:
        # Each chunk starts where the last ended (not at an offset, which would sort and
        # skip every earlier row again).
        chunk = list(matching(org, wanted, cursor)[:CSV_CHUNK])
        if not chunk:
            return
        key, pk, at = chunk[-1]
        cursor = (at, pk, key)
        for entry in entries_for(chunk):
            lead = [entry.at, entry.who, entry.kind, entry.name, entry.action, entry.detail]
            if not entry.changes:
                yield [*lead, "", "", ""]
            for change in entry.changes:
                yield [*lead, change.field, change.before, change.after]
