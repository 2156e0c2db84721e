"""A member's task list: the returns they owe for the open period, grouped by service, a page
at a time, filtered as the portfolio is.

A fixed number of queries whatever the number of returns: the open period, the filters'
choices, the totals (one aggregate), then the page's count and its returns with everything
shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet

from headway import clock
from headway.accounts.models import Membership
from headway.indicators.tasks import FigureTasks, figure_tasks
from headway.lib.listing import (
    Choices,
    Filter,
    FilteredPage,
    Option,
    checked_filters,
    page_of,
)
from headway.lib.listing import chosen as choices_of
from headway.progress.models import ReportingPeriod, Update
from headway.progress.permissions import returns_editable_by
from headway.progress.reminders import timing
from headway.strategy.current import current_strategy
from headway.strategy.portfolio import filter_initiatives, initiative_choices

PROGRESS = Update.Progress


@dataclass(frozen=True)
class Task:
    update: Update

    @property
    def progress(self) -> str:
        return self.update.progress

    @property
    def is_returned(self) -> bool:
        return self.update.state == Update.State.RETURNED


@dataclass(frozen=True)
class ServiceTasks:
    service: str
    tasks: list[Task]


@dataclass(frozen=True)
class TaskList(FilteredPage):
    period: ReportingPeriod | None
    today: date
    # This page's returns, by service.
    services: list[ServiceTasks]
    filters: list[Filter] = field(default_factory=list)
    page: Page[Update] | None = None
    # Every return the member owes this period, and those still to do: whatever the filters.
    total: int = 0
    to_do: int = 0
    # The member's performance figures for the period (headway.indicators.tasks).
    figures: FigureTasks = field(default_factory=lambda: FigureTasks([]))

    @property
    def tasks(self) -> list[Task]:
        return [task for group in self.services for task in group.tasks]

    @property
    def timing(self) -> str:
        """``due in 7 days``, ``due today`` or ``3 days late``."""
        if self.period is None or self.period.deadline is None:
            return ""
        return timing(self.period.deadline, self.today)

    @property
    def is_overdue(self) -> bool:
        deadline = self.period.deadline if self.period else None
        return bool(deadline and self.today > deadline)


def open_period_of(membership: Membership) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(
        organisation_id=membership.organisation_id, state=ReportingPeriod.State.OPEN
    ).first()


def return_choices(membership: Membership) -> Choices:
    """The filters of a list of returns: the initiatives' (priority, service, kind, owner)."""
    organisation = membership.organisation
    strategy = current_strategy(organisation)
    return initiative_choices(organisation, list(strategy.priorities.all()) if strategy else [])


def filter_returns(
    returns: QuerySet[Update], chosen: Mapping[str, str], membership: Membership
) -> QuerySet[Update]:
    return filter_initiatives(
        returns, chosen, current_strategy(membership.organisation), to="initiative__"
    )


PROGRESS_FILTERS: dict[str, Q] = {
    PROGRESS.NOT_STARTED: Q(state=Update.State.DRAFT, started_at__isnull=True),
    PROGRESS.IN_PROGRESS: Q(state=Update.State.DRAFT, started_at__isnull=False),
    PROGRESS.SUBMITTED: Q(state=Update.State.SUBMITTED),
    PROGRESS.RETURNED: Q(state=Update.State.RETURNED),
    PROGRESS.APPROVED: Q(state=Update.State.APPROVED),
}


def task_list(
    membership: Membership,
    today: date | None = None,
    query: Mapping[str, str] | None = None,
    page: str | None = None,
) -> TaskList:
    """The member's returns for the open period that match the filters in ``query``: the
    page ``page`` of them."""
    today = today or clock.today()
    period = open_period_of(membership)
    if period is None:
        return TaskList(period=None, today=today, services=[])
    choices = return_choices(membership)
    choices["progress"] = (
        "Progress",
        "progress",
        "Any progress",
        [Option(v, str(label)) for v, label in PROGRESS.choices],
    )
    choices["attention"] = (
        "Needs my attention",
        "choice",
        "Everything",
        [Option("yes", "Still to do")],
    )
    filters = checked_filters(choices, query or {})
    chosen = choices_of(filters)
    owed = returns_editable_by(membership, period)
    totals = owed.aggregate(
        total=Count("pk"), to_do=Count("pk", filter=Q(state__in=Update.OUTSTANDING_STATES))
    )
    returns = filter_returns(owed, chosen, membership)
    if chosen["progress"]:
        returns = returns.filter(PROGRESS_FILTERS[chosen["progress"]])
    if chosen["attention"]:
        returns = returns.filter(state__in=Update.OUTSTANDING_STATES)
    # The page's returns are chosen from their ids and sort keys alone, then read whole: the
    # database would otherwise join every return's status and reviewer before sorting.
    order = ("initiative__service__name", "initiative__title", "pk")
    ids = page_of(returns.order_by(*order).values("pk"), page)
    rows = (
        Update.objects.filter(pk__in=ids.object_list)
        .select_related("initiative__service", "status", "reviewed_by")
        .order_by(*order)
    )
    shown: Page[Update] = Page(list(rows), ids.number, ids.paginator)
    services: list[ServiceTasks] = []
    for update in shown.object_list:
        update.period = period
        name = update.initiative.service.name
        if not services or services[-1].service != name:
            services.append(ServiceTasks(name, []))
        services[-1].tasks.append(Task(update))
    return TaskList(
        period=period,
        today=today,
        services=services,
        filters=filters,
        page=shown,
        total=totals["total"],
        to_do=totals["to_do"],
        figures=figure_tasks(membership, period, query),
    )
