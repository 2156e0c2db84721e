"""A service lead's figures for the open period: one task per measure and council, beside
their returns on the task list (``headway.progress.tasklist``).

Two queries whatever the number of measures: the member's collected measures due this
quarter (with their councils) and the period's figures of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from headway.accounts.models import Membership
from headway.indicators.access import measures_enterable_by
from headway.indicators.detail import council_key
from headway.indicators.models import Figure, Measure
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
    services: list[ServiceFigures]

    @property
    def total(self) -> int:
        return sum(len(group.tasks) for group in self.services)

    @property
    def to_do(self) -> int:
        return sum(task.is_to_do for group in self.services for task in group.tasks)


def figure_tasks(membership: Membership, period: ReportingPeriod) -> FigureTasks:
    """The figures the member enters for ``period``: per council each measure is reported
    for, and the whole service's where it makes its own return."""
    measures = [
        m
        for m in measures_enterable_by(membership)
        .collected()
        .select_related("service")
        .prefetch_related("partners")
        .order_by("service__name", "reference")
        if m.is_due_in(period.quarter)
    ]
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
    return FigureTasks(services)


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
