"""Who to chase for a period's overdue returns: each owner, their late returns, and when they
were last reminded, so the dashboard can offer a reminder per person in one click."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import Max
from django.urls import reverse

from headway.accounts.models import User
from headway.progress.dashboard import OverdueReturn, PeriodDashboard
from headway.progress.models import Reminder

# The returns named in an owner's row; the rest are counted, and the task list lists them.
NAMED = 5


@dataclass(frozen=True)
class OwnerToChase:
    """An owner and their overdue returns; ``owner`` None for returns nobody owns."""

    owner: User | None
    returns: list[OverdueReturn]
    days_late: int
    last_reminded: date | None
    reminded_today: bool

    @property
    def leads_for(self) -> list[str]:
        """The services whose unowned returns come to this owner as their lead."""
        if self.owner is None:
            return []
        return sorted({r.service for r in self.returns if not r.has_owner})

    @property
    def named(self) -> list[OverdueReturn]:
        """The first few returns, to name in the row."""
        return self.returns[:NAMED]

    @property
    def unnamed(self) -> int:
        return max(0, len(self.returns) - NAMED)

    @property
    def task_list(self) -> str:
        """The task list showing the returns still to do that this row counts: the owner's,
        else (for the returns a service's lead answers for) the one service's."""
        query = {"attention": "yes"}
        services = {r.service_id for r in self.returns}
        if self.owner is not None and all(r.has_owner for r in self.returns):
            query["owner"] = str(self.owner.pk)
        elif len(services) == 1:
            query["service"] = str(services.pop())
        return f"{reverse('progress:my_returns')}?{urlencode(query)}"

    @property
    def services_without_lead(self) -> list[tuple[str, str]]:
        """For returns nobody answers for: each service with no lead, and who heads it."""
        return sorted({(r.service, r.service_head) for r in self.returns})


def owners_to_chase(dashboard: PeriodDashboard) -> list[OwnerToChase]:
    """The dashboard's overdue returns grouped by owner, by name; one query.

    A return with two owners (a service with two leads) is listed under each. Returns
    nobody owns come last, so the performance team can give them an owner.
    """
    if not dashboard.overdue:
        return []
    reminded = dict(
        Reminder.objects.filter(period=dashboard.period)
        .exclude(status=Reminder.Status.FAILED)
        .values("recipient_id")
        .annotate(last=Max("sent_on"))
        .values_list("recipient_id", "last")
    )
    owners: dict[int, User] = {}
    returns: dict[int | None, list[OverdueReturn]] = {}
    for overdue in dashboard.overdue:
        for owner in overdue.owners or (None,):
            key = owner.pk if owner else None
            if owner is not None:
                owners[owner.pk] = owner
            returns.setdefault(key, []).append(overdue)
    named = sorted(owners.values(), key=lambda user: (str(user).lower(), user.pk))
    result = [
        OwnerToChase(
            owner=user,
            returns=returns[user.pk],
            days_late=max(r.days_late for r in returns[user.pk]),
            last_reminded=reminded.get(user.pk),
            reminded_today=reminded.get(user.pk) == dashboard.today,
        )
        for user in named
    ]
    if None in returns:
        result.append(
            OwnerToChase(
                owner=None,
                returns=returns[None],
                days_late=max(r.days_late for r in returns[None]),
                last_reminded=None,
                reminded_today=False,
            )
        )
    return result
