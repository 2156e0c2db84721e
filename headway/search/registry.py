"""The registry of searchable sources.

A source is one kind of text Headway can find: report paragraphs, returns, change
requests... Each says how to describe its objects as search documents, which of them a
member may read (its app's own permission rule, as a query), where a result links to, and
when to refresh its entries. Adding a kind of text to search is registering one more
``Source`` (see ``headway.search.sources``); the index, the page and the filters follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from headway.accounts.models import Membership
from headway.search.documents import Document
from headway.search.models import SearchEntry
from headway.strategy.models import Organisation


@dataclass(frozen=True)
class Source:
    # Stored in ``SearchEntry.source``; the kind filter's value.
    name: str
    # The kind filter's option ("Committee reports") and a result's tag ("Report").
    label: str
    noun: str
    # Every document of the organisation, for a rebuild of the index.
    documents: Callable[[Organisation], Iterable[Document]]
    # The objects this member may read, as a query (its app's own permission rule).
    readable: Callable[[Membership], QuerySet[Any]]
    # Whether that rule gives this member every object of their organisation: then nothing
    # needs checking one by one (the same rule, from the same permissions module).
    reads_all: Callable[[Membership], bool]
    # Where each of these results opens for this member, by entry id (a query or none).
    links: Callable[[Membership, list[SearchEntry]], dict[int, str]]
    # Connects the signals that keep its entries in step with its objects.
    connect: Callable[[], None]
    # What of ``readable`` this member reads as who they are rather than by their role (the
    # returns of initiatives they own, the change requests their council was consulted on),
    # as a query: asked when they search, the rest being stored on the entries
    # (``headway.search.audience``). None when the role alone decides.
    personal: Callable[[Membership], QuerySet[Any]] | None = None


SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    if source.name in SOURCES:
        raise ValueError(f"A search source named {source.name!r} is already registered.")
    SOURCES[source.name] = source
    return source
