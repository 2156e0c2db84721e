"""Every list page as a spreadsheet, with the page's filters applied.

The portfolio and a period's returns are written with the import's own columns, so an
export can be edited and imported back; columns marked export-only are skipped on import.
Each export reads a fixed number of queries, however long the list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from headway.dataio.blanks import PORTFOLIO_DROP_DOWNS, portfolio_lists, ratings_list
from headway.dataio.columns import (
    INITIATIVE_COLUMNS,
    MILESTONE_COLUMNS,
    MILESTONES_SHEET,
    PORTFOLIO_SHEET,
    UPDATE_COLUMNS,
    UPDATES_SHEET,
    Column,
)
from headway.dataio.writing import DropDown, SheetData, csv_chunks, write_xlsx
from headway.progress.models import ReportingPeriod, Update
from headway.roadmap.consultation import outcome_summary
from headway.roadmap.describe import describe
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative, Milestone, Organisation, Priority
from headway.strategy.portfolio import PortfolioFilters, build_portfolio

FORMATS = ("csv", "xlsx")


@dataclass
class Export:
    """What to write: the sheets (CSV takes the first), and drop-down lists for .xlsx."""

    sheets: list[SheetData]
    lists: dict[str, list[str]] | None = None

    def render(self, format: str) -> bytes:
        if format == "csv":
            return b"".join(self.csv_chunks())
        return write_xlsx(self.sheets, self.lists)

    def csv_chunks(self) -> Iterator[bytes]:
        """The first sheet as CSV, a few hundred rows at a time, for a streamed download."""
        first = self.sheets[0]
        return csv_chunks([c.header for c in first.columns], first.rows)


def portfolio_export(organisation: Organisation, filters: PortfolioFilters) -> Export:
    """The initiatives the portfolio page shows with these filters, and their milestones."""
    portfolio = build_portfolio(organisation, filters)
    ratings = {}
    for row in [r for g in portfolio.groups for r in g.initiatives] + portfolio.unprioritised:
        ratings[row.pk] = f"{row.rating.label} ({row.rating.period_label})" if row.rating else ""
    strategy = portfolio.strategy
    initiatives = [
        i
        for i in Initiative.objects.filter(organisation=organisation)
        .select_related("service")
        .prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.filter(strategy=strategy).order_by("number"),
                to_attr="current_priorities",
            ),
            "partners",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due", "pk")),
        )
        .order_by("title", "pk")
        if i.pk in ratings
    ]
    rows = [
        [
            i.external_reference,
            i.title,
            i.get_kind_display(),
            i.service.name,
            "; ".join(str(p.number) for p in getattr(i, "current_priorities", [])),
            "; ".join(sorted(p.name for p in i.partners.all())),
            i.planned_start,
            i.planned_end,
            i.get_status_display(),
            i.is_key_project,
            i.description,
            ratings[i.pk],
        ]
        for i in initiatives
    ]
    milestones = [
        [i.external_reference, m.title, m.due, m.forecast, m.completed_on]
        for i in initiatives
        for m in i.milestones.all()
    ]
    return Export(
        [
            SheetData(PORTFOLIO_SHEET, INITIATIVE_COLUMNS, rows, PORTFOLIO_DROP_DOWNS),
            SheetData(MILESTONES_SHEET, MILESTONE_COLUMNS, milestones),
        ],
        portfolio_lists(organisation),
    )


@dataclass(frozen=True)
class UpdateFilters:
    """A period's returns narrowed by service (id), status (code) or review stage."""

    service: str = ""
    status: str = ""
    state: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> UpdateFilters:
        return cls(*((query.get(name) or "").strip() for name in ("service", "status", "state")))


def updates_export(period: ReportingPeriod, filters: UpdateFilters) -> Export:
    returns = (
        Update.objects.filter(period=period)
        .select_related("initiative__service", "status")
        .order_by("initiative__external_reference", "initiative__title", "pk")
    )
    if filters.service.isdigit():
        returns = returns.filter(initiative__service_id=int(filters.service))
    if filters.status:
        returns = returns.filter(status__code=filters.status)
    if filters.state in Update.State.values:
        returns = returns.filter(state=filters.state)
    rows = [
        [
            u.initiative.external_reference,
            u.initiative.title,
            u.initiative.service.name,
            u.status.label if u.status else "",
            u.narrative,
            u.achievements,
            u.next_steps,
            u.risks,
            u.percent_complete,
            u.completed_on,
            u.progress.replace("_", " "),
        ]
        for u in returns
    ]
    return Export(
        [SheetData(UPDATES_SHEET, UPDATE_COLUMNS, rows, [DropDown("status", "statuses")])],
        ratings_list(period.organisation),
    )


CHANGE_REQUEST_COLUMNS = tuple(
    Column(field, header, "", width=width)
    for field, header, width in (
        ("number", "number", 10),
        ("kind", "kind", 16),
        ("about", "about", 40),
        ("change", "change", 60),
        ("rationale", "rationale", 50),
        ("state", "state", 16),
        ("proposed_by", "proposed by", 20),
        ("proposed_on", "proposed on", 14),
        ("closes_on", "consultation closes", 14),
        ("answers", "partner answers", 40),
        ("decided_by", "decided by", 20),
        ("decided_on", "decided on", 14),
        ("meeting", "meeting", 30),
        ("decision_note", "decision note", 40),
    )
)


@dataclass(frozen=True)
class ChangeRequestFilters:
    state: str = ""
    kind: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> ChangeRequestFilters:
        return cls(*((query.get(name) or "").strip() for name in ("state", "kind")))


def change_requests_export(organisation: Organisation, filters: ChangeRequestFilters) -> Export:
    requests = (
        ChangeRequest.objects.filter(organisation=organisation)
        .select_related("initiative", "priority", "proposed_by", "decided_by")
        .prefetch_related("consultations__partner")
        .order_by("-proposed_at", "-pk")
    )
    if filters.state in ChangeRequest.State.values:
        requests = requests.filter(state=filters.state)
    if filters.kind in ChangeRequest.Kind.values:
        requests = requests.filter(kind=filters.kind)
    rows: list[list[Any]] = [
        [
            r.pk,
            r.get_kind_display(),
            r.target_label,
            describe(r),
            r.rationale,
            r.get_state_display(),
            str(r.proposed_by or ""),
            timezone.localdate(r.proposed_at),
            r.closes_on,
            outcome_summary(c for c in r.consultations.all() if c.response),
            str(r.decided_by or ""),
            r.decided_on,
            str(r.meeting or ""),
            r.decision_note,
        ]
        for r in requests
    ]
    return Export([SheetData("Change requests", CHANGE_REQUEST_COLUMNS, rows)])
