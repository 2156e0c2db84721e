"""On SQLite, the triggers that keep the FTS5 table in step with the entries index an entry's
text again when its title or body is written, and only then: storing who reads it (an update
of its ``for_*`` columns alone, after the entry was written) leaves the index as it was."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from headway.search.audience import write_readers
from headway.search.models import SearchEntry
from headway.search.registry import SOURCES
from tests.search.conftest import World


@pytest.fixture(autouse=True)
def _sqlite_only() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("The FTS5 table and its triggers are SQLite's; PostgreSQL generates a column.")


def the_index() -> tuple[list[Any], list[Any]]:
    """The FTS5 table's own storage: its segments and each entry's size."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, block FROM search_fts_data ORDER BY id")
        data = cursor.fetchall()
        cursor.execute("SELECT id, sz FROM search_fts_docsize ORDER BY id")
        return data, cursor.fetchall()


def entries_matching(query: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [query])
        return sorted(row[0] for row in cursor.fetchall())


def the_return_s_entry(world: World) -> SearchEntry:
    return SearchEntry.objects.get(source="return", object_id=world.approved.pk)


def test_storing_who_reads_an_entry_leaves_its_text_indexed_as_it_was(world: World) -> None:
    entry = the_return_s_entry(world)
    before = the_index()
    SearchEntry.objects.filter(pk=entry.pk).update(for_viewers=not entry.for_viewers)
    write_readers(SearchEntry.objects.filter(pk=entry.pk), SOURCES["return"])
    assert the_index() == before
    assert entries_matching("title:ledger") == [entry.pk]


def test_a_new_title_is_indexed_in_place_of_the_old(world: World) -> None:
    entry = the_return_s_entry(world)
    assert entries_matching("title:ledger") == [entry.pk]
    SearchEntry.objects.filter(pk=entry.pk).update(title="Replant the orchard")
    assert entries_matching("title:orchard") == [entry.pk]
    assert entries_matching("title:ledger") == []


def test_a_new_body_is_indexed_in_place_of_the_old(world: World) -> None:
    entry = the_return_s_entry(world)
    assert entry.pk in entries_matching("body:pandemic")
    SearchEntry.objects.filter(pk=entry.pk).update(body="The canteen reopened.")
    assert entries_matching("body:canteen") == [entry.pk]
    assert entry.pk not in entries_matching("body:pandemic")
