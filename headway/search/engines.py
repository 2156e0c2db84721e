"""Full-text matching on each database: PostgreSQL's text search (English stemming, the GIN
index on the generated ``document`` column) and SQLite's FTS5 (Porter stemming).

Both take the words someone typed through ``terms``: words must all appear (in any form
their stem takes), "quoted words" as a phrase, and ``or`` between two terms accepts either.
Titles and snippets come back with matches between ``MARK_START`` and ``MARK_END``, for the page to
escape the text and only then mark them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from headway.search.documents import MARK_END, MARK_START
from headway.search.models import SearchEntry

SNIPPET_WORDS = 30
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Terms:
    """What was typed, read as groups of phrases: every phrase of a group must match, and
    any one group will do (groups are separated by ``or``)."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]

    def __bool__(self) -> bool:
        return any(self.groups)

    def fts5(self) -> str:
        def phrase(words: tuple[str, ...]) -> str:
            return '"' + " ".join(words) + '"'

        return " OR ".join(
            "(" + " AND ".join(phrase(p) for p in group) + ")" for group in self.groups if group
        )

    def websearch(self) -> str:
        def phrase(words: tuple[str, ...]) -> str:
            return '"' + " ".join(words) + '"' if len(words) > 1 else words[0]

        return " or ".join(" ".join(phrase(p) for p in group) for group in self.groups if group)


def terms(text: str) -> Terms:
    groups: list[list[tuple[str, ...]]] = [[]]
    for quoted, bare in _TERM.findall(text or ""):
        if bare and bare.lower() == "or" and groups[-1]:
            groups.append([])
            continue
        words = tuple(w.lower() for w in _WORD.findall(quoted or bare))
        if words:
            groups[-1].append(words)
    return Terms(tuple(tuple(group) for group in groups if group))


def vendor() -> str:
    return connection.vendor


def match(
    entries: QuerySet[SearchEntry], query: Terms, ranked: bool = True
) -> QuerySet[SearchEntry]:
    """The entries that match, best first (ties: newest first); or, not ``ranked``, the
    latest written first, which costs no ranking of every match of a word found nearly
    everywhere."""
    if vendor() == "postgresql":
        document = RawSQL('"search_searchentry"."document"', [], output_field=SearchVectorField())
        wanted = SearchQuery(query.websearch(), config="english", search_type="websearch")
        found = entries.annotate(document=document).filter(document=wanted)
        if not ranked:
            return found.order_by("-id")
        return found.annotate(rank=SearchRank(document, wanted)).order_by(
            "-rank", F("dated").desc(nulls_last=True), "-id"
        )
    # FTS5 returns its matches best first (its ``rank``, set to weigh titles by the migration),
    # so SQLite reads them in that order and stops once it has the page: the permission
    # checks run for the rows shown, not for every match.
    return entries.extra(
        tables=["search_fts"],
        where=[
            # The unary plus keeps SQLite from looking the index up once per entry: the
            # full-text match must drive the query, each match then finding its entry.
            "+search_fts.rowid = search_searchentry.id",
            "search_fts MATCH %s",
        ],
        params=[query.fts5()],
        select={"rank": "search_fts.rank"} if ranked else {"fts_id": "search_fts.rowid"},
        order_by=["rank"] if ranked else ["-fts_id"],
    )


class Highlighted(NamedTuple):
    """An entry's title, whole, and a passage of its text, each with its matches marked."""

    title: str
    snippet: str


def highlighted(ids: Sequence[int], query: Terms) -> dict[int, Highlighted]:
    """The title and a passage around what matched of each of these entries (a page of
    results: the engines mark only the rows asked for)."""
    if not ids:
        return {}
    if vendor() == "postgresql":
        wanted = SearchQuery(query.websearch(), config="english", search_type="websearch")
        rows = SearchEntry.objects.filter(pk__in=ids).annotate(
            marked_title=SearchHeadline(
                "title",
                wanted,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                highlight_all=True,
            ),
            snippet=SearchHeadline(
                "body",
                wanted,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        return {
            pk: Highlighted(title, snippet)
            for pk, title, snippet in rows.values_list("pk", "marked_title", "snippet")
        }
    placeholders = ", ".join("%s" for _ in ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, highlight(search_fts, 0, %s, %s), "
            "snippet(search_fts, 1, %s, %s, '…', %s) FROM search_fts "
            f"WHERE search_fts MATCH %s AND rowid IN ({placeholders})",
            [MARK_START, MARK_END, MARK_START, MARK_END, SNIPPET_WORDS, query.fts5(), *ids],
        )
        return {row[0]: Highlighted(row[1], row[2]) for row in cursor.fetchall()}
