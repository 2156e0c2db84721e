"""The portfolio as its page shows it: the current strategy's priorities in order and, under
each, the initiatives that deliver it with their latest approved rating.

A fixed number of queries whatever the size of the portfolio: the latest rating is the row
approval keeps (``LatestStatus``), joined; counts come from aggregates; priorities are
prefetched. A large portfolio is shown as its priorities with their counts, each opening a
page of its initiatives at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from django.core.paginator import Page
from django.db.models import Count, Prefetch, Q, QuerySet

from headway.accounts.models import Membership, User
from headway.lib.fy import Quarter
from headway.lib.listing import (
    PAGE_SIZE,
    Choices,
    Filter,
    Option,
    checked_filters,
    page_of,
    query_of,
)
from headway.lib.listing import chosen as choices_of
from headway.progress.models import StatusValue
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
    rating: str = ""
    owner: str = ""
    attention: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> PortfolioFilters:
        return cls(**{f.name: (query.get(f.name) or "").strip() for f in fields(cls)})

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


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
    # How many initiatives match; set when only the count is shown, with ``value`` the
    # priority filter that opens its page.
    count: int | None = None
    value: str = ""

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
    # A page of one priority's initiatives (or of all, without a strategy); None when the
    # whole portfolio is shown at once.
    page: Page[Initiative] | None = None
    # The priorities' counts only: too many initiatives to show at once.
    summary: bool = False
    unprioritised_count: int = 0

    @property
    def query(self) -> list[tuple[str, str]]:
        return query_of(self.filters)


# A portfolio with more initiatives than a page shows its priorities' counts first.
UNPRIORITISED = "none"


def build_portfolio(
    organisation: Organisation,
    filters: PortfolioFilters,
    strategy: Strategy | None = None,
    member: Membership | None = None,
    page: str | None = None,
) -> Portfolio:
    """The organisation's portfolio under its current strategy (or the one given), filtered.

    Without ``page`` (exports) every matching initiative, grouped by priority. With it (the
    page), a priority chosen (or no strategy) gives that page of its initiatives; no
    priority chosen gives every group when at most ``PAGE_SIZE`` initiatives match, else the
    priorities with their counts.

    A filter value that is not one of its choices (a changed or stale link) is ignored and
    reported, so the page can say what to fix. "Needs my attention" needs ``member``.
    """
    strategy = strategy or current_strategy(organisation)
    priorities = list(strategy.priorities.all()) if strategy else []
    ratings = _rating_values(organisation)
    page_filters = _filters(organisation, priorities, ratings, filters, member)
    chosen = choices_of(page_filters)
    filtering = any(chosen.values())
    matching = _initiatives(organisation, strategy, chosen, ratings, member)
    total = Initiative.objects.filter(organisation=organisation).count()
    common: dict[str, Any] = {
        "organisation": organisation,
        "strategy": strategy,
        "filters": page_filters,
        "total": total,
        "filtering": filtering,
        "errors": [f for f in page_filters if f.error],
    }
    if page is not None and (chosen["priority"] or strategy is None):
        return _one_page(common, priorities, matching, chosen["priority"], ratings, page)
    shown = matching.count() if filtering else total
    if page is not None and shown > PAGE_SIZE:
        return _summary(common, priorities, matching, shown, strategy)

    rows_by_priority: dict[int, list[InitiativeRow]] = {p.pk: [] for p in priorities}
    unprioritised: list[InitiativeRow] = []
    for initiative in _with_rows(matching, strategy):
        row = _row(initiative, ratings)
        current = getattr(initiative, "current_priorities", [])
        linked = [p for p in current if p.pk in rows_by_priority]
        for priority in linked:
            rows_by_priority[priority.pk].append(row)
        if not linked:
            unprioritised.append(row)
    groups = [
        PriorityGroup(p.number, p.title, p.description, rows_by_priority[p.pk])
        for p in priorities
        if (not filtering or rows_by_priority[p.pk])
    ]
    return Portfolio(groups=groups, unprioritised=unprioritised, shown=shown, **common)


@dataclass(frozen=True)
class Selection:
    """The initiatives the portfolio shows with some filters, as a query to read from
    directly (the exports), with the strategy and rating values they are shown under."""

    strategy: Strategy | None
    ratings: dict[int, StatusValue]
    initiatives: QuerySet[Initiative]


def select_initiatives(organisation: Organisation, filters: PortfolioFilters) -> Selection:
    """What ``build_portfolio`` would show with these filters, without building a row of it:
    a filter value that is not one of its choices is ignored, as there."""
    strategy = current_strategy(organisation)
    priorities = list(strategy.priorities.all()) if strategy else []
    ratings = _rating_values(organisation)
    chosen = choices_of(_filters(organisation, priorities, ratings, filters, None))
    return Selection(strategy, ratings, _initiatives(organisation, strategy, chosen, ratings, None))


def _summary(
    common: dict[str, Any],
    priorities: list[Priority],
    matching: QuerySet[Initiative],
    shown: int,
    strategy: Strategy | None,
) -> Portfolio:
    """Each priority with how many initiatives match: two aggregate queries."""
    counts = dict(
        matching.filter(priorities__strategy=strategy)
        .order_by()
        .values_list("priorities")
        .annotate(n=Count("pk", distinct=True))
        .values_list("priorities", "n")
    )
    elsewhere = matching.exclude(priorities__strategy=strategy).count()
    groups = [
        PriorityGroup(p.number, p.title, p.description, [], counts.get(p.pk, 0), str(p.pk))
        for p in priorities
        if not common["filtering"] or counts.get(p.pk)
    ]
    return Portfolio(
        groups=groups,
        unprioritised=[],
        shown=shown,
        summary=True,
        unprioritised_count=elsewhere,
        **common,
    )


def _one_page(
    common: dict[str, Any],
    priorities: list[Priority],
    matching: QuerySet[Initiative],
    priority: str,
    ratings: dict[int, StatusValue],
    number: str,
) -> Portfolio:
    """One page of the chosen priority's initiatives (of all, without a strategy)."""
    page = page_of(_with_rows(matching, common["strategy"]), number)
    rows = [_row(initiative, ratings) for initiative in page.object_list]
    chosen = [p for p in priorities if str(p.pk) == priority]
    groups = [PriorityGroup(p.number, p.title, p.description, rows) for p in chosen]
    return Portfolio(
        groups=groups,
        unprioritised=[] if chosen else rows,
        shown=page.paginator.count,
        page=page,
        **common,
    )


def initiative_choices(organisation: Organisation, priorities: list[Priority]) -> Choices:
    """The filters every list of initiatives or their returns offers: priority (of the
    current strategy, or none of them), service, kind and owner."""
    unlinked = [Option(UNPRIORITISED, "Not linked to a priority")] if priorities else []
    owners = User.objects.filter(owned_initiatives__organisation=organisation).distinct()
    return {
        "priority": (
            "Priority",
            "priority",
            "All priorities",
            [Option(str(p.pk), f"{p.number}. {p.title}") for p in priorities] + unlinked,
        ),
        "service": (
            "Service",
            "service",
            "All services",
            [Option(str(s.pk), s.name) for s in organisation.services.all()],
        ),
        "kind": (
            "Kind",
            "kind",
            "All kinds",
            [Option(v, str(k)) for v, k in Initiative.Kind.choices],
        ),
        "owner": (
            "Owner",
            "owner",
            "Anyone",
            [Option(str(u.pk), str(u)) for u in owners.order_by("last_name", "username")],
        ),
    }


def filter_initiatives(
    queryset: QuerySet[Any], chosen: Mapping[str, str], strategy: Strategy | None, to: str = ""
) -> QuerySet[Any]:
    """The rows of ``queryset`` whose initiative (reached through ``to``, e.g.
    ``"initiative__"``) matches the chosen filters, checked against their options, so the
    ids are whole numbers."""
    priority = chosen.get("priority")
    if priority == UNPRIORITISED:
        queryset = queryset.exclude(**{f"{to}priorities__strategy": strategy})
    elif priority:
        queryset = queryset.filter(**{f"{to}priorities": int(priority)})
    for name in ("service", "partner", "owner"):
        if chosen.get(name):
            lookup = f"{to}{name}s" if name == "partner" else f"{to}{name}"
            queryset = queryset.filter(**{lookup: int(chosen[name])})
    for name in ("kind", "status"):
        if chosen.get(name):
            queryset = queryset.filter(**{f"{to}{name}": chosen[name]})
    return queryset


def answered_for_by(member: Membership, to: str = "") -> Q:
    """Initiatives the member writes the returns of: their own, and their services' that
    have no owner."""
    return Q(**{f"{to}owner": member.user_id}) | Q(
        **{f"{to}owner__isnull": True, f"{to}service__in": member.services.values("pk")}
    )


def _filters(
    organisation: Organisation,
    priorities: list[Priority],
    ratings: dict[int, StatusValue],
    given: PortfolioFilters,
    member: Membership | None,
) -> list[Filter]:
    shared = initiative_choices(organisation, priorities)
    choices: Choices = {
        "priority": shared["priority"],
        "service": shared["service"],
        "partner": (
            "Partner served",
            "partner",
            "All partners",
            [Option(str(p.pk), p.name) for p in organisation.partners.all()],
        ),
        "kind": shared["kind"],
        "status": (
            "Status",
            "status",
            "All statuses",
            [Option(v, str(s)) for v, s in Initiative.Status.choices],
        ),
        "rating": (
            "Latest rating",
            "rating",
            "All ratings",
            [Option(v.code, v.label) for v in ratings.values()],
        ),
        "owner": shared["owner"],
        "attention": (
            "Needs my attention",
            "choice",
            "Everything",
            [Option("yes", "Mine, rated as needing action")] if member is not None else [],
        ),
    }
    return checked_filters(choices, {f.name: getattr(given, f.name) for f in fields(given)})


def _initiatives(
    organisation: Organisation,
    strategy: Strategy | None,
    chosen: dict[str, str],
    ratings: dict[int, StatusValue],
    member: Membership | None,
) -> QuerySet[Initiative]:
    """The organisation's initiatives that match the chosen filters."""
    queryset = filter_initiatives(
        Initiative.objects.filter(organisation=organisation), chosen, strategy
    )
    if chosen["rating"]:
        codes = [pk for pk, value in ratings.items() if value.code == chosen["rating"]]
        queryset = queryset.filter(latest_status__status__in=codes)
    if chosen["attention"] and member is not None:
        needing = [pk for pk, value in ratings.items() if value.needs_mitigation]
        queryset = queryset.filter(answered_for_by(member), latest_status__status__in=needing)
    return queryset


def _with_rows(queryset: QuerySet[Initiative], strategy: Strategy | None) -> QuerySet[Initiative]:
    """The initiatives with what their rows show, in title order."""
    queryset = queryset.select_related("service", "latest_status__period").order_by("title", "pk")
    if strategy is not None:
        queryset = queryset.prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.filter(strategy=strategy),
                to_attr="current_priorities",
            )
        )
    return queryset


def _rating_values(organisation: Organisation) -> dict[int, StatusValue]:
    return {v.pk: v for v in StatusValue.objects.filter(scale__organisation=organisation)}


def _row(initiative: Initiative, ratings: dict[int, StatusValue]) -> InitiativeRow:
    rating = None
    latest = getattr(initiative, "latest_status", None)
    value = ratings.get(latest.status_id) if latest is not None else None
    if latest is not None and value is not None:
        rating = Rating.of(value, Quarter(latest.period.year, latest.period.quarter))
    return InitiativeRow(
        pk=initiative.pk,
        title=initiative.title,
        kind=initiative.get_kind_display(),
        service=initiative.service.name,
        status=initiative.get_status_display(),
        is_key_project=initiative.is_key_project,
        rating=rating,
    )
