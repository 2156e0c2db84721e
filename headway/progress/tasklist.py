"""A member's task list: the returns they owe for the open period, grouped by service.

Two queries whatever the number of returns (the open period, then its returns with
everything shown); a service lead's services come from their membership, prefetched once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from headway import clock
from headway.accounts.models import Membership
from headway.progress.models import ReportingPeriod, Update
from headway.progress.permissions import returns_editable_by
from headway.progress.reminders import timing

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
class TaskList:
    period: ReportingPeriod | None
    today: date
    services: list[ServiceTasks]

    @property
    def tasks(self) -> list[Task]:
        return [task for group in self.services for task in group.tasks]

    @property
    def to_do(self) -> int:
        return sum(1 for task in self.tasks if task.update.is_outstanding)

    @property
    def returned(self) -> list[Task]:
        return [task for task in self.tasks if task.is_returned]

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


def task_list(membership: Membership, today: date | None = None) -> TaskList:
    today = today or clock.today()
    period = open_period_of(membership)
    if period is None:
        return TaskList(period=None, today=today, services=[])
    returns = (
        returns_editable_by(membership, period)
        .select_related("initiative__service", "status", "reviewed_by")
        .order_by("initiative__service__name", "initiative__title", "pk")
    )
    services: list[ServiceTasks] = []
    for update in returns:
        update.period = period
        name = update.initiative.service.name
        if not services or services[-1].service != name:
            services.append(ServiceTasks(name, []))
        services[-1].tasks.append(Task(update))
    return TaskList(period=period, today=today, services=services)
