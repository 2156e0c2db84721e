"""The portfolio as its page shows it: the current strategy's priorities in order and, under
each, the initiatives that deliver it with their latest approved rating.

A fixed number of queries whatever the size of the portfolio: the latest rating comes from a
subquery per row, the status values are read once, and priorities are prefetched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from headway.lib.fy import Quarter
from headway.progress.models import StatusValue, Update
from headway.progress.ratings import Rating
from headway.strategy.current import current_strategy
from headway.strategy.models import Initiative, Organisation, Priority, Strategy


@dataclass(frozen=True)
class PortfolioFilters:
    """What the reader asked to see, as given in the query string ("" means all)."""

    priority: str = ""
    service: str = ""
    partner: str = ""
    kind: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> PortfolioFilters:
        return cls(**{f.name: (query.get(f.name) or "").strip() for f in fields(cls)})

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Filter:
    """One of the page's filters: its choices, what is chosen, and any problem with it."""

    name: str
    label: str
    all_label: str
    options: list[Option]
    selected: str = ""
    error: str = ""


@dataclass(frozen=True)
class InitiativeRow:
    pk: int
    title: str
    kind: str
    service: str
    status: str
    is_key_project: bool
    rating: Rating | None


@dataclass(frozen=True)
class PriorityGroup:
    number: int
    title: str
    description: str
    initiatives: list[InitiativeRow]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Portfolio:
    organisation: Organisation
    strategy: Strategy | None
    groups: list[PriorityGroup]
    # Initiatives linked to none of the current strategy's priorities.
    unprioritised: list[InitiativeRow]
    filters: list[Filter]
    shown: int
    total: int
    filtering: bool = False
    errors: list[Filter] = field(default_factory=list)


def build_portfolio(
    organisation: Organisation,
    filters: PortfolioFilters,
    strategy: Strategy | None = None,
) -> Portfolio:
    """The organisation's portfolio under its current strategy (or the one given), filtered.

    A filter value that is not one of its choices (a changed or stale link) is ignored and
    reported, so the page can say what to fix.
    """
    strategy = strategy or current_strategy(organisation)
    priorities = list(strategy.priorities.all()) if strategy else []
    page_filters = _filters(organisation, priorities, filters)
    chosen = {f.name: f.selected for f in page_filters}

    rows_by_priority: dict[int, list[InitiativeRow]] = {p.pk: [] for p in priorities}
    unprioritised: list[InitiativeRow] = []
    ratings = _rating_values(organisation)
    initiatives = list(_initiatives(organisation, strategy, chosen))
    for initiative in initiatives:
        row = _row(initiative, ratings)
        current = getattr(initiative, "current_priorities", [])
        linked = [p for p in current if p.pk in rows_by_priority]
        for priority in linked:
            rows_by_priority[priority.pk].append(row)
        if not linked:
            unprioritised.append(row)

    filtering = any(chosen.values())
    if chosen["priority"]:
        # An initiative may serve several priorities: show it under the one asked for only.
        priorities = [p for p in priorities if str(p.pk) == chosen["priority"]]
    groups = [
        PriorityGroup(p.number, p.title, p.description, rows_by_priority[p.pk])
        for p in priorities
        if (not filtering or rows_by_priority[p.pk])
    ]
    total = (
        Initiative.objects.filter(organisation=organisation).count()
        if filtering
        else len(initiatives)
    )
    return Portfolio(
        organisation=organisation,
        strategy=strategy,
        groups=groups,
        unprioritised=unprioritised,
        filters=page_filters,
        shown=len(initiatives),
        total=total,
        filtering=filtering,
        errors=[f for f in page_filters if f.error],
    )


def _filters(
    organisation: Organisation, priorities: list[Priority], given: PortfolioFilters
) -> list[Filter]:
    choices = {
        "priority": (
            "Priority",
            "priority",
            "All priorities",
            [Option(str(p.pk), f"{p.number}. {p.title}") for p in priorities],
        ),
        "service": (
            "Service",
            "service",
            "All services",
            [Option(str(s.pk), s.name) for s in organisation.services.all()],
        ),
        "partner": (
            "Partner served",
            "partner",
            "All partners",
            [Option(str(p.pk), p.name) for p in organisation.partners.all()],
        ),
        "kind": (
            "Kind",
            "kind",
            "All kinds",
            [Option(v, str(k)) for v, k in Initiative.Kind.choices],
        ),
        "status": (
            "Status",
            "status",
            "All statuses",
            [Option(v, str(s)) for v, s in Initiative.Status.choices],
        ),
    }
    result = []
    for name, (label, noun, all_label, options) in choices.items():
        value = getattr(given, name)
        valid = not value or any(option.value == value for option in options)
        result.append(
            Filter(
                name=name,
                label=label,
                all_label=all_label,
                options=options,
                selected=value if valid else "",
                error="" if valid else f"Select a {noun} from the list",
            )
        )
    return result


def _initiatives(
    organisation: Organisation, strategy: Strategy | None, chosen: dict[str, str]
) -> QuerySet[Initiative]:
    approved = Update.objects.filter(
        initiative=OuterRef("pk"), state=Update.State.APPROVED, status__isnull=False
    ).order_by("-period__year", "-period__quarter")
    queryset = (
        Initiative.objects.filter(organisation=organisation)
        .select_related("service")
        .annotate(
            latest_status_id=Subquery(approved.values("status_id")[:1]),
            latest_year=Subquery(approved.values("period__year")[:1]),
            latest_quarter=Subquery(approved.values("period__quarter")[:1]),
        )
        .order_by("title", "pk")
    )
    if strategy is not None:
        queryset = queryset.prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.filter(strategy=strategy),
                to_attr="current_priorities",
            )
        )
    # Choices were checked against the options, so the ids are whole numbers.
    if chosen["priority"]:
        queryset = queryset.filter(priorities=int(chosen["priority"]))
    if chosen["service"]:
        queryset = queryset.filter(service=int(chosen["service"]))
    if chosen["partner"]:
        queryset = queryset.filter(partners=int(chosen["partner"]))
    if chosen["kind"]:
        queryset = queryset.filter(kind=chosen["kind"])
    if chosen["status"]:
        queryset = queryset.filter(status=chosen["status"])
    return queryset


def _rating_values(organisation: Organisation) -> dict[int, StatusValue]:
    return {v.pk: v for v in StatusValue.objects.filter(scale__organisation=organisation)}


def _row(initiative: Initiative, ratings: dict[int, StatusValue]) -> InitiativeRow:
    value = ratings.get(getattr(initiative, "latest_status_id", None) or 0)
    rating = None
    if value is not None:
        quarter = Quarter(initiative.latest_year, initiative.latest_quarter)  # type: ignore[attr-defined]
        rating = Rating.of(value, quarter)
    return InitiativeRow(
        pk=initiative.pk,
        title=initiative.title,
        kind=initiative.get_kind_display(),
        service=initiative.service.name,
        status=initiative.get_status_display(),
        is_key_project=initiative.is_key_project,
        rating=rating,
    )
