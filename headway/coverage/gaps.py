"""The coverage check: is every priority still delivered by something, and is everything
that delivers it owned, scheduled and reported on?

One function, ``coverage_of``, answers for an organisation in a fixed number of queries
whatever it holds; the coverage page, the dashboard's count and the committee report's
paragraph (through the snapshot) all read it. At 1,000 initiatives it reads plain rows, not
prefetched objects: which initiatives have a priority and which a milestone in the coming
year are one query each over the organisation's own rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import cache
from typing import Any

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse

from headway import clock
from headway.lib.fy import FinancialYear, Quarter
from headway.progress.models import ReportingPeriod, Update
from headway.progress.owners import owners_of_many
from headway.strategy.current import current_strategy
from headway.strategy.models import Initiative, Milestone, Organisation, Priority, Service

# How far ahead an initiative should have a milestone.
MILESTONE_HORIZON = timedelta(days=365)

NO_ACTIVE_INITIATIVE = "priority-no-initiative"
NO_PRIORITY = "initiative-no-priority"
NO_OWNER = "initiative-no-owner"
NO_MILESTONE = "initiative-no-milestone"
SERVICE_NO_INITIATIVE = "service-no-initiative"
NO_APPROVED_RETURN = "initiative-no-approved-return"
ROAD_MAP_NO_UPDATE = "road-map-no-update"


@dataclass(frozen=True)
class Gap:
    """One thing the check found: what it is about, and where it is put right."""

    subject: str
    detail: str
    fix: str
    fix_href: str


@dataclass(frozen=True)
class Rule:
    key: str
    heading: str
    # The plural noun the report's sentence counts ("priority", "initiative", "service").
    noun: str
    # What the report's sentence says about them: "with no active initiative".
    phrase: str
    gaps: list[Gap] = field(default_factory=list)


@dataclass(frozen=True)
class Coverage:
    as_of: date
    rules: list[Rule]
    # The quarter the road map rule looked at, if there is a current period.
    quarter: Quarter | None = None

    @property
    def count(self) -> int:
        return sum(len(rule.gaps) for rule in self.rules)

    def summary(self) -> dict[str, Any]:
        """What a snapshot keeps of it, for the report's paragraph."""
        return {
            "as_of": self.as_of.isoformat(),
            "quarter": self.quarter.label if self.quarter else None,
            "rules": [
                {
                    "key": rule.key,
                    "noun": rule.noun,
                    "phrase": rule.phrase,
                    "subjects": [gap.subject for gap in rule.gaps],
                }
                for rule in self.rules
            ],
        }


# A number no row has, put in an address once and replaced by each row's own: a thousand
# gaps then cost one reverse() per kind of address, not one each.
_PK = 987654321


@cache
def _address(name: str) -> str:
    return reverse(name, args=[_PK]).replace(str(_PK), "{pk}")


@dataclass(frozen=True)
class _Listed:
    """What the rules read of an initiative."""

    id: int
    organisation_id: int
    title: str
    status: str
    kind: str
    horizon: str
    planned_start: date | None
    planned_end: date | None
    owner_id: int | None
    service_id: int
    service_name: str

    @property
    def pk(self) -> int:
        return self.id

    @property
    def is_active(self) -> bool:
        return self.status in Initiative.ACTIVE_STATUSES


_LISTED_FIELDS = [f.name for f in fields(_Listed) if f.name != "service_name"]


@cache
def _propose_address(kind: str) -> str:
    return reverse("roadmap:propose_kind", args=[kind])


def _propose(kind: str, initiative: _Listed | None = None) -> str:
    address = _propose_address(kind)
    return f"{address}?initiative={initiative.pk}" if initiative is not None else address


def _initiative_href(initiative: _Listed) -> str:
    return _address("initiative").format(pk=initiative.pk)


def _runs_in(initiative: _Listed, first: date, last: date) -> bool:
    """Planned to run at some time between these days (undated: taken as running)."""
    starts_in_time = initiative.planned_start is None or initiative.planned_start <= last
    ends_in_time = initiative.planned_end is None or initiative.planned_end >= first
    return starts_in_time and ends_in_time


def _on_road_map(initiative: _Listed, quarter: Quarter) -> bool:
    """On this quarter's road map: scheduled in it, or unscheduled and marked for now."""
    if initiative.status in Initiative.OFF_MAP_STATUSES:
        return False
    if initiative.planned_start is None and initiative.planned_end is None:
        return initiative.horizon == Initiative.Horizon.NOW
    return _runs_in(initiative, quarter.first_day, quarter.last_day)


def _current_period(organisation: Organisation) -> ReportingPeriod | None:
    """The open period, else the one most recently closed."""
    periods = ReportingPeriod.objects.filter(organisation=organisation).exclude(
        state=ReportingPeriod.State.UPCOMING
    )
    return periods.order_by("-state", "-year", "-quarter").first()


def coverage_of(organisation: Organisation, today: date | None = None) -> Coverage:
    today = today or clock.today()
    year = FinancialYear.of(today).start
    strategy = current_strategy(organisation, today)
    priorities: list[Priority] = (
        [p for p in strategy.priorities.all() if p.is_active_in(year)] if strategy else []
    )
    # Plain rows: at a thousand initiatives, model objects were most of the check's time.
    initiatives = [
        _Listed(**row)
        for row in Initiative.objects.filter(organisation=organisation)
        .exclude(status__in=Initiative.OFF_MAP_STATUSES)
        .values(*_LISTED_FIELDS, service_name=F("service__name"))
        .order_by("title", "id")
    ]
    active = [i for i in initiatives if i.is_active]
    priorities_of: dict[int, set[int]] = defaultdict(set)
    for initiative_id, priority_id in Initiative.priorities.through.objects.filter(
        initiative__organisation=organisation
    ).values_list("initiative_id", "priority_id"):
        priorities_of[initiative_id].add(priority_id)
    horizon = today + MILESTONE_HORIZON
    # A milestone not yet completed, expected (or else due) in the coming year.
    scheduled = set(
        Milestone.objects.filter(initiative__organisation=organisation, completed_on__isnull=True)
        .alias(expected_on=Coalesce("forecast", "due"))
        .filter(expected_on__gte=today, expected_on__lte=horizon)
        .values_list("initiative_id", flat=True)
        .order_by()  # the default ordering would join the initiatives to sort a set
        .distinct()
    )
    services = list(Service.objects.filter(organisation=organisation).order_by("name"))

    delivered = {p for i in active for p in priorities_of[i.pk]}
    no_initiative = Rule(
        NO_ACTIVE_INITIATIVE,
        "Priorities with no active initiative",
        "priority",
        "with no active initiative",
        [
            Gap(str(p), "", "Propose a new initiative", _propose("add_initiative"))
            for p in priorities
            if p.pk not in delivered
        ],
    )
    no_priority = Rule(
        NO_PRIORITY,
        "Initiatives with no priority",
        "initiative",
        "with no priority",
        [
            Gap(i.title, i.service_name, "Propose a priority for it", _propose("reprioritise", i))
            for i in active
            if not priorities_of[i.pk]
        ],
    )
    owners = owners_of_many(active)
    no_owner = Rule(
        NO_OWNER,
        "Initiatives with no owner",
        "initiative",
        "with no owner and no service lead to write their returns",
        [
            Gap(
                i.title,
                i.service_name,
                "Choose an owner",
                _address("initiative_owner").format(pk=i.pk),
            )
            for i in active
            if not owners[i.pk]
        ],
    )
    no_milestone = Rule(
        NO_MILESTONE,
        "Initiatives with no milestone in the coming year",
        "initiative",
        "with no milestone in the coming year",
        [
            Gap(i.title, i.service_name, "Propose a new schedule", _propose("reschedule", i))
            for i in active
            # Business as usual runs on without milestones.
            if i.kind != Initiative.Kind.BAU and i.pk not in scheduled
        ],
    )
    served = {i.service_id for i in active}
    no_service_initiative = Rule(
        SERVICE_NO_INITIATIVE,
        "Services with no initiative",
        "service",
        "with no active initiative",
        [
            Gap(s.name, s.head_of_service, "Propose a new initiative", _propose("add_initiative"))
            for s in services
            if s.pk not in served
        ],
    )
    rules = [
        no_initiative,
        no_priority,
        no_owner,
        no_milestone,
        no_service_initiative,
        _no_approved_return(organisation, active),
    ]
    period = _current_period(organisation)
    if period is None:
        return Coverage(today, rules)
    return Coverage(today, [*rules, _road_map_rule(period, initiatives)], period.as_quarter)


def _no_approved_return(organisation: Organisation, active: list[_Listed]) -> Rule:
    """Active initiatives, running through both of the two latest closed quarters, with no
    return approved in either."""
    closed = list(
        ReportingPeriod.objects.filter(
            organisation=organisation, state=ReportingPeriod.State.CLOSED
        ).order_by("-year", "-quarter")[:2]
    )
    gaps: list[Gap] = []
    if len(closed) == 2:
        earlier, later = (Quarter(p.year, p.quarter) for p in reversed(closed))
        approved = set(
            Update.objects.filter(period__in=closed, state=Update.State.APPROVED)
            .order_by()
            .values_list("initiative_id", flat=True)
        )
        gaps = [
            Gap(
                i.title,
                i.service_name,
                "See its returns",
                _initiative_href(i),
            )
            for i in active
            if i.pk not in approved
            and (i.planned_start is None or i.planned_start <= earlier.last_day)
            and (i.planned_end is None or i.planned_end >= later.first_day)
        ]
    return Rule(
        NO_APPROVED_RETURN,
        "Initiatives with no approved return for two quarters running",
        "initiative",
        "with no approved return for two quarters running",
        gaps,
    )


def _road_map_rule(period: ReportingPeriod, initiatives: list[_Listed]) -> Rule:
    """Initiatives on the current quarter's road map with no return submitted or approved
    for it."""
    quarter = period.as_quarter
    returns = {
        initiative: (pk, state)
        for initiative, pk, state in Update.objects.filter(period=period)
        .order_by()
        .values_list("initiative_id", "pk", "state")
    }
    reported = (Update.State.SUBMITTED, Update.State.APPROVED)
    gaps = []
    for initiative in initiatives:
        if not _on_road_map(initiative, quarter):
            continue
        pk, state = returns.get(initiative.pk, (None, None))
        if state in reported:
            continue
        if pk is not None and period.is_open:
            gaps.append(
                Gap(
                    initiative.title,
                    initiative.service_name,
                    "Open its return",
                    _address("progress:return").format(pk=pk),
                )
            )
        else:
            gaps.append(
                Gap(
                    initiative.title,
                    initiative.service_name,
                    "See its returns",
                    _initiative_href(initiative),
                )
            )
    return Rule(
        ROAD_MAP_NO_UPDATE,
        f"Road map items with no update in {quarter.label}",
        "road map item",
        f"with no update in {quarter.label}",
        gaps,
    )
