"""The completion dashboard as its page shows it: the period's figures, who to chase, and a
chart beside each table (the table is the chart's text alternative)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from headway.lib.bars import Bar, Series, stacked_bars
from headway.progress.chasing import OwnerToChase, owners_to_chase
from headway.progress.dashboard import PeriodDashboard, period_dashboard
from headway.progress.models import ReportingPeriod
from headway.progress.reminders import timing
from headway.progress.tags import PROGRESS_SERIES


@dataclass(frozen=True)
class DashboardPage:
    dashboard: PeriodDashboard
    chase: list[OwnerToChase]
    service_chart: Markup
    priority_chart: Markup

    @property
    def period(self) -> ReportingPeriod:
        return self.dashboard.period

    @property
    def timing(self) -> str:
        """``due in 7 days``, ``due today`` or ``3 days late``."""
        deadline = self.period.deadline
        return timing(deadline, self.dashboard.today) if deadline else ""


def dashboard_page(period: ReportingPeriod, today: date | None = None) -> DashboardPage:
    dashboard = period_dashboard(period, today)
    service_chart = stacked_bars(
        f"Returns by service and stage, {period.label}",
        [
            Bar(
                row.service,
                {
                    "approved": row.approved,
                    "submitted": row.submitted,
                    "returned": row.returned,
                    "in_progress": row.in_progress,
                    "not_started": row.not_started,
                },
            )
            for row in dashboard.by_service
        ],
        PROGRESS_SERIES,
    )
    priority_chart = stacked_bars(
        f"Status of submitted and approved returns by priority, {period.label}",
        [
            Bar(f"{row.number}. {row.title}" if row.number else row.title, dict(row.counts))
            for row in dashboard.status_by_priority
        ],
        [Series(status.code, status.label, status.colour) for status in dashboard.statuses],
    )
    return DashboardPage(
        dashboard=dashboard,
        chase=owners_to_chase(dashboard),
        service_chart=service_chart,
        priority_chart=priority_chart,
    )
