"""Who answers for an initiative's return: its owner, or else its service's leads.

Emails about returns (a return sent back, reminders) go to these people; the dashboard
names them beside overdue returns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from headway.accounts.models import Membership, Role, User
from headway.strategy.models import Initiative


class Answerable(Protocol):
    """What deciding who answers for an initiative reads of it: an ``Initiative``, or a
    lighter row read with ``values()`` where a page lists hundreds."""

    @property
    def pk(self) -> int: ...
    @property
    def owner_id(self) -> int | None: ...
    @property
    def service_id(self) -> int: ...
    @property
    def organisation_id(self) -> int: ...


def owners_of(initiative: Initiative) -> list[User]:
    """The initiative's owner if it has one, else every lead of its service."""
    return owners_of_many([initiative])[initiative.pk]


def owners_of_many(initiatives: Iterable[Answerable]) -> dict[int, list[User]]:
    """``owners_of`` for many initiatives in two queries, keyed by initiative id.

    Only active users are named: an owner whose account is closed has left, so the
    service's leads answer for the initiative until a new owner is chosen.
    """
    initiatives = list(initiatives)
    owner_ids = {i.owner_id for i in initiatives if i.owner_id is not None}
    users = {u.pk: u for u in User.objects.filter(pk__in=owner_ids, is_active=True)}
    unowned = [i for i in initiatives if i.owner_id not in users]

    leads: dict[tuple[int, int], list[User]] = defaultdict(list)
    if unowned:
        links = (
            Membership.services.through.objects.filter(
                service_id__in={i.service_id for i in unowned},
                membership__role=Role.SERVICE_LEAD,
                membership__organisation_id__in={i.organisation_id for i in unowned},
                membership__user__is_active=True,
            )
            .select_related("membership__user")
            .order_by("membership__user__last_name", "membership__user__username")
        )
        for link in links:
            key = (link.membership.organisation_id, link.service_id)
            leads[key].append(link.membership.user)

    result: dict[int, list[User]] = {}
    for initiative in initiatives:
        owner = users.get(initiative.owner_id) if initiative.owner_id is not None else None
        if owner is not None:
            result[initiative.pk] = [owner]
        else:
            result[initiative.pk] = list(leads[(initiative.organisation_id, initiative.service_id)])
    return result
