"""How long the audit record is kept: each organisation's setting (7 years unless an
administrator changes it); older entries are deleted each night (``prune``).

History rows are kept where something still reads them: the last row of each object from
before the cut-off stays as the object's state then, so the first change after it still
shows its values before and after, and a return's versions and a priority's earlier names
stay whole. Sign-ins belong to people, who may be members of several organisations: theirs
are kept as long as the longest-keeping of those organisations says. Reporting periods'
events (opened, closed) are the periods' own record and are not pruned.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from headway.accounts.models import User
from headway.audit.models import SignInEvent
from headway.audit.sources import SOURCES, HistorySource, PersonEvents, TokensUsed
from headway.strategy.models import Organisation
from headway.strategy.models.organisation import AUDIT_RETENTION_DEFAULT


def cut_off(years: int, now: dt.datetime | None = None) -> dt.datetime:
    """The moment ``years`` years before now (29 February falls back to the 28th)."""
    # Real time: retention is the machinery's bookkeeping (see headway.clock).
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def _prune_history(source: HistorySource, org: int, before: dt.datetime) -> int:
    old = source.rows(org).filter(history_date__lt=before)
    newer_old = source.history.objects.filter(
        id=OuterRef("id"), history_date__lt=before, history_date__gt=OuterRef("history_date")
    )
    deleted, _ = old.filter(Exists(newer_old)).delete()
    # What is left from before the cut-off is each object's last row then; of an object
    # deleted before it, that row is its deletion, and nothing needs it.
    gone, _ = source.rows(org).filter(history_date__lt=before, history_type="-").delete()
    return deleted + gone


def prune_organisation(org: Organisation, now: dt.datetime | None = None) -> Counter[str]:
    """Delete the organisation's entries older than its retention; how many, by source."""
    before = cut_off(org.audit_retention_years, now)
    counts: Counter[str] = Counter()
    with transaction.atomic():
        for source in SOURCES:
            if isinstance(source, HistorySource):
                counts[source.key] += _prune_history(source, org.pk, before)
            elif isinstance(source, (PersonEvents, TokensUsed)):
                counts[source.key] += (
                    source.rows(org.pk).filter(**{f"{source.at}__lt": before}).delete()[0]
                )
    return counts


def prune_sign_ins(now: dt.datetime | None = None) -> int:
    """Delete sign-ins older than the longest retention of the person's organisations (the
    default for attempts on no account, or by people in none)."""
    keep: Any = Max("memberships__organisation__audit_retention_years")
    people = User.objects.annotate(keep=keep)
    deleted = 0
    with transaction.atomic():
        unknown = SignInEvent.objects.filter(
            user__isnull=True, at__lt=cut_off(AUDIT_RETENTION_DEFAULT, now)
        )
        deleted += unknown.delete()[0]
        for years in set(people.values_list("keep", flat=True)):
            whose = people.filter(keep=years) if years else people.filter(keep__isnull=True)
            rows = SignInEvent.objects.filter(
                user__in=whose.values("pk"), at__lt=cut_off(years or AUDIT_RETENTION_DEFAULT, now)
            )
            deleted += rows.delete()[0]
    return deleted


def prune(now: dt.datetime | None = None) -> Counter[str]:
    """Apply every organisation's retention setting; how many entries went, by source."""
    counts: Counter[str] = Counter()
    for org in Organisation.objects.all():
        counts.update(prune_organisation(org, now))
    counts["sign_in"] += prune_sign_ins(now)
    return +counts


def set_retention(org: Organisation, years: int) -> Organisation:
    """Keep the organisation's audit record this many years (1 to 50; ValidationError else).
    Entries already older go at the next nightly pruning."""
    org.audit_retention_years = years
    org.full_clean(validate_unique=False, validate_constraints=False)
    org.save(update_fields=["audit_retention_years"])
    return org
