"""Every list page as a spreadsheet, with the page's filters applied.

The portfolio and a period's returns are written with the import's own columns, so an
export can be edited and imported back; columns marked export-only are skipped on import.
Each export reads a fixed number of queries, however long the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

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
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.roadmap.consultation import outcome_summary
from headway.roadmap.describe import describe
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative, Milestone, Organisation
from headway.strategy.portfolio import PortfolioFilters, select_initiatives

FORMATS = ("csv", "xlsx")
T = TypeVar("T")
# Rows read from the database at a time while a download is written (a server-side cursor on
# PostgreSQL): the export never holds every row as objects.
CHUNK = 2000


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
    """The initiatives the portfolio page shows with these filters, and their milestones.

    Read straight from the tables in four queries (initiatives with their service and latest
    rating, their current priorities, their partners, their milestones) after the filters'
    few, as values rather than model objects: a portfolio of 10,000 initiatives took 28 s
    when the export built the portfolio page first.
    """
    selection = select_initiatives(organisation, filters)
    matching = selection.initiatives
    ids = matching.values("pk")
    links = Initiative.priorities.through.objects.filter(
        initiative__in=ids, priority__strategy=selection.strategy
    ).order_by("priority__number")
    numbers = _by_initiative(links.values_list("initiative_id", "priority__number"))
    partners = _by_initiative(
        Initiative.partners.through.objects.filter(initiative__in=ids).values_list(
            "initiative_id", "partner__name"
        )
    )
    kinds = dict(Initiative.Kind.choices)
    statuses = dict(Initiative.Status.choices)
    initiatives = matching.order_by("title", "pk").values_list(
        "pk",
        "external_reference",
        "title",
        "kind",
        "service__name",
        "planned_start",
        "planned_end",
        "status",
        "is_key_project",
        "description",
        "latest_status__status",
        "latest_status__period__year",
        "latest_status__period__quarter",
    )
    rows = (
        [
            reference,
            title,
            kinds.get(kind, kind),
            service,
            "; ".join(str(number) for number in numbers.get(pk, [])),
            "; ".join(sorted(partners.get(pk, []))),
            start,
            end,
            statuses.get(status, status),
            key,
            text,
            _rating(selection.ratings, *rated),
        ]
        for pk, reference, title, kind, service, start, end, status, key, text, *rated in (
            initiatives.iterator(chunk_size=CHUNK)
        )
    )
    # In the initiatives' order, then each one's by date; read only if the sheet is written
    # (a CSV download is the first sheet alone).
    milestone_rows = (
        list(milestone)
        for milestone in Milestone.objects.filter(initiative__in=ids)
        .order_by("initiative__title", "initiative_id", "due", "pk")
        .values_list("initiative__external_reference", "title", "due", "forecast", "completed_on")
        .iterator(chunk_size=CHUNK)
    )
    return Export(
        [
            SheetData(PORTFOLIO_SHEET, INITIATIVE_COLUMNS, rows, PORTFOLIO_DROP_DOWNS),
            SheetData(MILESTONES_SHEET, MILESTONE_COLUMNS, milestone_rows),
        ],
        portfolio_lists(organisation),
    )


def _by_initiative(pairs: Iterable[tuple[int, T]]) -> dict[int, list[T]]:
    grouped: dict[int, list[T]] = {}
    for initiative, value in pairs:
        grouped.setdefault(initiative, []).append(value)
    return grouped


def _rating(
    ratings: Mapping[int, StatusValue], status: int | None, year: int | None, number: int | None
) -> str:
    """The latest rating as the portfolio page shows it: ``Green (2021-22 Q3)``."""
    value = ratings.get(status) if status is not None else None
    if value is None or year is None or number is None:
        return ""
    return f"{value.label} ({Quarter(year, number).label})"


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
    returns = Update.objects.filter(period=period).order_by(
        "initiative__external_reference", "initiative__title", "pk"
    )
    if filters.service.isdigit():
        returns = returns.filter(initiative__service_id=int(filters.service))
    if filters.status:
        returns = returns.filter(status__code=filters.status)
    if filters.state in Update.State.values:
        returns = returns.filter(state=filters.state)
    # Plain values in the columns' order, read a chunk at a time as the file is written.
    rows = (
        [*row[:3], row[3] or "", *row[4:], Update.progress_of(state, started).replace("_", " ")]
        for *row, state, started in returns.values_list(
            "initiative__external_reference",
            "initiative__title",
            "initiative__service__name",
            "status__label",
            "narrative",
            "achievements",
            "next_steps",
            "risks",
            "percent_complete",
            "completed_on",
            "state",
            "started_at",
        ).iterator(chunk_size=CHUNK)
    )
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
