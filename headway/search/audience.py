"""Who reads a search entry, stored on the entry so that a search filters on its columns.

A source's rule (``Source.readable``) is read in two parts. What a member reads by their
role alone is worked out when an entry is written, by asking the source's own rule about a
member of each role who is nobody in particular (owns no initiative, leads no service,
answers for no council), and stored in the entry's column for that role. What a member
reads as who they are (``Source.personal``) is asked when they search: a short list of
their own objects. The two together are the rule: the tests check it source by source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from headway.accounts.models import Membership, Role
from headway.search.models import SearchEntry
from headway.search.registry import SOURCES, Source

# The entry's column for each role (``SearchEntry.for_*``).
ROLE_FIELDS: dict[str, str] = {
    Role.ADMINISTRATOR: "for_administrators",
    Role.REVIEWER: "for_reviewers",
    Role.SERVICE_LEAD: "for_service_leads",
    Role.PARTNER_CONTACT: "for_partner_contacts",
    Role.VIEWER: "for_viewers",
}
BATCH = 1000


def nobody_in_particular(organisation_id: int, role: str) -> Membership:
    """A member of the organisation in this role, unsaved. Its ids (0) are no row's: the
    rules compare them with owners, leads and councils, and nothing matches."""
    return Membership(pk=0, organisation_id=organisation_id, role=role, user_id=0)


def roles_reading(
    source: Source, organisation_id: int, object_ids: Collection[int]
) -> dict[int, frozenset[str]]:
    """The roles that read each of these objects of the organisation by their role alone,
    by the source's own rule: a query for each role that does not read them all."""
    readers: dict[int, set[str]] = {pk: set() for pk in object_ids}
    for role in ROLE_FIELDS:
        member = nobody_in_particular(organisation_id, role)
        if source.reads_all(member):
            read: Iterable[int] = object_ids
        else:
            read = _readable_among(source.readable(member), object_ids)
        for pk in read:
            if pk in readers:
                readers[pk].add(role)
    return {pk: frozenset(roles) for pk, roles in readers.items()}


def _readable_among(readable: QuerySet[Any], object_ids: Collection[int]) -> Iterable[int]:
    """The ids among ``object_ids`` that ``readable`` holds.

    The two databases want this asked differently. SQLite, without planner statistics (as
    after a bulk load), took the rule's joins first and walked every initiative for each
    batch: 0.9 s a batch of 1,000 returns, where the ids first and the rule as a subquery
    take 0.06 s. PostgreSQL runs that form five times slower (a reindex of 40,000 returns
    took 118 s against 23 s), so it keeps the rule's query, filtered.
    """
    ids = list(object_ids)
    if connection.vendor == "sqlite":
        rows = readable.model._default_manager.filter(pk__in=ids).filter(
            pk__in=readable.values("pk")
        )
    else:
        rows = readable.filter(pk__in=ids)
    return rows.values_list("pk", flat=True)


def columns(roles: Collection[str]) -> dict[str, bool]:
    """The entry's columns for these roles."""
    return {field: role in roles for role, field in ROLE_FIELDS.items()}


def _batches(ids: Iterable[int]) -> Iterator[list[int]]:
    it = iter(ids)
    while batch := list(islice(it, BATCH)):
        yield batch


def write_readers(entries: QuerySet[Any], source: Source) -> int:
    """Work out again, and store, who reads these entries of one source (the model may be a
    migration's). An update for each batch and set of roles. Returns how many entries."""
    written = 0
    organisations = entries.values_list("organisation_id", flat=True).distinct()
    for organisation_id in list(organisations.order_by("organisation_id")):
        ids = entries.filter(organisation_id=organisation_id).values_list("object_id", flat=True)
        for batch in _batches(list(ids.order_by("object_id"))):
            alike: dict[frozenset[str], list[int]] = defaultdict(list)
            for pk, roles in roles_reading(source, organisation_id, batch).items():
                alike[roles].append(pk)
            for roles, pks in alike.items():
                entries.filter(object_id__in=pks).update(**columns(roles))
            written += len(batch)
    return written


def refresh(source_name: str, object_ids: Iterable[int]) -> None:
    """Store again who reads these objects' entries: after a change that decides who reads
    them but writes none of their text (a change request agreed, for its councils' answers)."""
    ids = list(object_ids)
    if ids:
        entries = SearchEntry.objects.filter(source=source_name, object_id__in=ids)
        write_readers(entries, SOURCES[source_name])


def fill_unread(using: str = "default", apps: Any = None, **_: Any) -> int:
    """Store who reads each entry that no role reads yet: after ``migrate`` (connected in the
    app's ready), so the entries that were there before the columns were added are filled
    with the rules as they are then, not as a migration would have had to copy them. An
    administrator reads every entry, so an entry read by nobody has not been filled.

    Nothing is done while the database is migrated only part of the way (``apps``, the
    migrations' state, has the entry without its columns)."""
    if apps is not None:
        entry = apps.get_model("search", "SearchEntry")
        if not set(ROLE_FIELDS.values()) <= {f.name for f in entry._meta.get_fields()}:
            return 0
    unread = SearchEntry.objects.using(using).filter(**dict.fromkeys(ROLE_FIELDS.values(), False))
    written = 0
    for name in list(unread.values_list("source", flat=True).distinct().order_by("source")):
        # An entry of a source no longer registered stays read by nobody, as before.
        if name in SOURCES:
            written += write_readers(unread.filter(source=name), SOURCES[name])
    return written


def readable(membership: Membership) -> Q:
    """The entries this member reads, as a condition on their columns: those their role
    reads, and of each source whose rule gives more to some, what it gives them."""
    seen = Q(**{ROLE_FIELDS[membership.role]: True})
    for source in SOURCES.values():
        if source.personal is None or source.reads_all(membership):
            continue
        own = source.personal(membership).values("pk")
        seen |= Q(source=source.name, object_id__in=own)
    return seen
