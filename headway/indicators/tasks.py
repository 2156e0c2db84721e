"""A service lead's figures for the open period: one task per measure and council, beside
their returns on the task list (``headway.progress.tasklist``), a page of measures at a time.

A fixed number of queries whatever the number of measures: the totals (two aggregates), then
the page's count, its measures, their councils and the period's figures of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Q

from headway.accounts.models import Membership
from headway.indicators.access import measures_enterable_by
from headway.indicators.detail import council_key
from headway.indicators.models import Figure, Measure
from headway.indicators.models.measure import MeasureQuerySet
from headway.paging import Paged
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Partner

PROGRESS = Update.Progress


@dataclass(frozen=True)
class FigureTask:
    measure: Measure
    partner: Partner | None
    figure: Figure | None

    @property
    def council(self) -> str:
        return str(self.partner) if self.partner else "Whole service"

    @property
    def key(self) -> str:
        return council_key(self.partner)

    @property
    def progress(self) -> str:
        """As a return's: not started, in progress, submitted, returned or approved."""
        figure = self.figure
        if figure is None:
            return PROGRESS.NOT_STARTED
        if figure.state == Figure.State.DRAFT:
            return PROGRESS.NOT_STARTED if figure.value is None else PROGRESS.IN_PROGRESS
        return str(figure.state)

    @property
    def is_to_do(self) -> bool:
        return self.figure is None or self.figure.is_outstanding


@dataclass(frozen=True)
class ServiceFigures:
    service: str
    tasks: list[FigureTask] = field(default_factory=list)


@dataclass(frozen=True)
class FigureTasks:
    """This page's figures, by service; ``total`` and ``to_do`` count every page's."""

    services: list[ServiceFigures]
    total: int = 0
    to_do: int = 0
    page: Paged | None = None


# Measures to a page of the task list's figures: each has a figure per council, so a page
# holds about as many figures as a page of returns.
MEASURES_PER_PAGE = 20
PAGE_PARAM = "figures"
DONE_STATES = (Figure.State.SUBMITTED, Figure.State.APPROVED)


def measures_due(membership: Membership, period: ReportingPeriod) -> MeasureQuerySet:
    """The collected measures whose figures this member enters for ``period`` (annual ones
    in Q4 only, as ``Measure.is_due_in`` has it)."""
    measures = measures_enterable_by(membership).collected()
    if period.quarter != 4:
        measures = measures.exclude(frequency=Measure.Frequency.ANNUAL)
    return measures


def _totals(measures: MeasureQuerySet, period: ReportingPeriod) -> tuple[int, int]:
    """Every figure due (a council's per measure, and the whole service's where it makes its
    own return) and those still to do, in two queries."""
    counted = measures.aggregate(
        councils=Count("partners"),
        own=Count("pk", filter=Q(whole_service=Measure.WholeService.OWN), distinct=True),
    )
    total = counted["councils"] + counted["own"]
    done = (
        Figure.objects.filter(period=period, measure__in=measures, state__in=DONE_STATES)
        .filter(
            Q(partner__isnull=True, measure__whole_service=Measure.WholeService.OWN)
            | Q(partner__isnull=False, measure__partners=F("partner"))
        )
        .values("pk")
        .distinct()
        .count()
    )
    return total, total - done


def figure_tasks(
    membership: Membership, period: ReportingPeriod, query: Mapping[str, str] | None = None
) -> FigureTasks:
    """The figures the member enters for ``period``: per council each measure is reported
    for, and the whole service's where it makes its own return; the page of measures that
    ``query`` asks for in ``figures`` (the first by default)."""
    query = query or {}
    due = measures_due(membership, period)
    total, to_do = _totals(due, period)
    if not total:
        return FigureTasks([])
    rows = (
        due.select_related("service")
        .prefetch_related("partners")
        .order_by("service__name", "reference", "pk")
    )
    page = Paginator(rows, MEASURES_PER_PAGE).get_page(query.get(PAGE_PARAM))
    measures: list[Measure] = list(page.object_list)
    figures = {
        (f.measure_id, f.partner_id): f
        for f in Figure.objects.filter(
            period=period, measure__in=[m.pk for m in measures]
        ).select_related("reviewed_by")
    }
    services: list[ServiceFigures] = []
    for measure in measures:
        councils: list[Partner | None] = [*sorted(measure.partners.all(), key=lambda p: p.name)]
        if measure.whole_service_is_returned:
            councils.append(None)
        if not services or services[-1].service != measure.service.name:
            services.append(ServiceFigures(measure.service.name))
        for partner in councils:
            figure = figures.get((measure.pk, partner.pk if partner else None))
            services[-1].tasks.append(FigureTask(measure, partner, figure))
    others = {key: query[key] for key in query if key != PAGE_PARAM}
    return FigureTasks(
        services, total, to_do, Paged(page=page, param=PAGE_PARAM, anchor="figures", query=others)
    )


FIGURES_SHOWN = 50


@dataclass(frozen=True)
class FiguresToReview:
    figures: list[Figure]  # the longest waiting first, at most FIGURES_SHOWN
    waiting: int


def figures_to_review(membership: Membership, period: ReportingPeriod | None) -> FiguresToReview:
    """The period's submitted figures, for the reviewer's queue beside the returns: two
    queries whatever their number."""
    if period is None or period.organisation_id != membership.organisation_id:
        return FiguresToReview([], 0)
    submitted = Figure.objects.filter(period=period, state=Figure.State.SUBMITTED)
    waiting = submitted.count()
    rows = submitted.select_related("measure__service", "partner").order_by(
        "submitted_at", "measure__reference", "pk"
    )
    return FiguresToReview(list(rows[:FIGURES_SHOWN]), waiting)
