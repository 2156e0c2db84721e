"""What the strategy's page shows: the strategy, its priorities (in force and retired, with
their earlier names) and its timeline, each event with the meeting it happened at."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from headway.committee.models import Meeting, Report
from headway.lib.fy import FinancialYear
from headway.strategy.history import timeline
from headway.strategy.models import Priority, Strategy, StrategyEvent
from headway.strategy.priorities import this_year


@dataclass(frozen=True)
class EarlierName:
    title: str
    until: datetime


@dataclass(frozen=True)
class PriorityRow:
    priority: Priority
    earlier_names: list[EarlierName] = field(default_factory=list)
    first: bool = False
    last: bool = False

    @property
    def retired_after(self) -> str:
        active_to = self.priority.active_to
        return FinancialYear(active_to).label if active_to is not None else ""


@dataclass(frozen=True)
class TimelineEvent:
    event: StrategyEvent
    meeting: Meeting | None
    # The meeting's published report, where the public can read what was presented.
    meeting_report: Report | None


@dataclass(frozen=True)
class StrategyOverview:
    strategy: Strategy
    in_force: list[PriorityRow]
    retired: list[PriorityRow]
    events: list[TimelineEvent]


def _earlier_names(strategy: Strategy) -> dict[int, list[EarlierName]]:
    """Each priority's earlier titles, newest first, from its history."""
    records = Priority.history.filter(strategy_id=strategy.pk).order_by("id", "history_date")
    names: dict[int, list[EarlierName]] = {}
    previous: dict[int, str] = {}
    for record in records.only("id", "title", "history_date"):
        before = previous.get(record.id)
        if before is not None and before != record.title:
            names.setdefault(record.id, []).insert(0, EarlierName(before, record.history_date))
        previous[record.id] = record.title
    return names


def _published_reports(meetings: set[int]) -> dict[int, Report]:
    reports = Report.objects.filter(meeting_id__in=meetings, state=Report.State.PUBLISHED).order_by(
        "meeting_id", "-published_at", "-id"
    )
    found: dict[int, Report] = {}
    for report in reports:
        found.setdefault(report.meeting_id, report)
    return found


def strategy_overview(strategy: Strategy, today: date | None = None) -> StrategyOverview:
    year = this_year(today)
    earlier = _earlier_names(strategy)
    priorities = list(strategy.priorities.order_by("number"))
    current = [p for p in priorities if not p.is_retired_in(year)]
    rows = [
        PriorityRow(p, earlier.get(p.pk, []), first=index == 0, last=index == len(current) - 1)
        for index, p in enumerate(current)
    ]
    retired = [PriorityRow(p, earlier.get(p.pk, [])) for p in priorities if p.is_retired_in(year)]
    events = timeline(strategy)
    reports = _published_reports({e.meeting_id for e in events if e.meeting_id})
    return StrategyOverview(
        strategy=strategy,
        in_force=rows,
        retired=retired,
        events=[
            TimelineEvent(e, e.meeting, reports.get(e.meeting_id) if e.meeting_id else None)
            for e in events
        ],
    )
