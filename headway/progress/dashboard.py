"""Where a period's update cycle stands, for the home page and the performance team.

Everything is counted in the database, so the number of queries is the same for ten
initiatives or ten thousand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from headway import clock
from headway.accounts.models import User
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.progress.owners import owners_of_many
from headway.strategy.models import Priority

PROGRESS = Update.Progress


@dataclass(frozen=True)
class ServiceProgress:
    """One service's returns, counted by where each stands."""

    service_id: int
    service: str
    not_started: int = 0
    in_progress: int = 0
    submitted: int = 0
    returned: int = 0
    approved: int = 0

    @property
    def total(self) -> int:
        return self.not_started + self.in_progress + self.submitted + self.returned + self.approved

    @property
    def outstanding(self) -> int:
        return self.not_started + self.in_progress + self.returned


@dataclass(frozen=True)
class Headline:
    total: int
    approved: int
    submitted: int
    outstanding: int
    overdue: int

    @property
    def text(self) -> str:
        """``41 of 58 returns approved, 9 submitted, 8 outstanding (3 overdue)``."""
        words = "return" if self.total == 1 else "returns"
        text = (
            f"{self.approved} of {self.total} {words} approved, {self.submitted} submitted, "
            f"{self.outstanding} outstanding"
        )
        return f"{text} ({self.overdue} overdue)" if self.overdue else text


@dataclass(frozen=True)
class OverdueReturn:
    update_id: int
    initiative_id: int
    initiative: str
    service: str
    owners: tuple[User, ...]
    days_late: int
    progress: str
    service_id: int
    # False when the initiative has no owner (or an inactive one): its return then goes to
    # the service's leads, and the dashboard says so.
    has_owner: bool = True
    service_head: str = ""


@dataclass(frozen=True)
class PriorityStatus:
    """How many of a priority's reviewed-or-submitted returns have each status."""

    priority_id: int | None
    number: int | None
    title: str
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, code: str) -> int:
        return self.counts.get(code, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class PeriodDashboard:
    period: ReportingPeriod
    today: date
    headline: Headline
    by_service: list[ServiceProgress]
    overdue: list[OverdueReturn]
    statuses: list[StatusValue]
    status_by_priority: list[PriorityStatus]


def current_period(organisation_id: int) -> ReportingPeriod | None:
    """The period the cycle is in: the open one, else the one most recently closed."""
    periods = ReportingPeriod.objects.filter(organisation_id=organisation_id).exclude(
        state=ReportingPeriod.State.UPCOMING
    )
    # Open first, then the latest quarter: "open" sorts after "closed", so order by it descending.
    return periods.order_by("-state", "-year", "-quarter").first()


def _headline(period: ReportingPeriod, by_service: list[ServiceProgress], today: date) -> Headline:
    outstanding = sum(row.outstanding for row in by_service)
    is_overdue = bool(period.is_open and period.deadline and today > period.deadline)
    return Headline(
        total=sum(row.total for row in by_service),
        approved=sum(row.approved for row in by_service),
        submitted=sum(row.submitted for row in by_service),
        outstanding=outstanding,
        overdue=outstanding if is_overdue else 0,
    )


def period_headline(period: ReportingPeriod, today: date | None = None) -> Headline:
    """Only the headline, in one query: for the home page."""
    return _headline(period, _by_service(period), today or clock.today())


@dataclass(frozen=True)
class CycleSummary:
    """Where the current period stands, in a line: for the home page."""

    period: ReportingPeriod
    headline: Headline


def cycle_summary(organisation_id: int, today: date | None = None) -> CycleSummary | None:
    """The current period's headline, in two queries; None before any period is opened."""
    period = current_period(organisation_id)
    if period is None:
        return None
    return CycleSummary(period, period_headline(period, today))


def period_dashboard(period: ReportingPeriod, today: date | None = None) -> PeriodDashboard:
    today = today or clock.today()
    by_service = _by_service(period)
    headline = _headline(period, by_service, today)
    is_overdue = bool(period.is_open and period.deadline and today > period.deadline)
    statuses = list(StatusValue.objects.filter(scale__organisation_id=period.organisation_id))
    return PeriodDashboard(
        period=period,
        today=today,
        headline=headline,
        by_service=by_service,
        overdue=_overdue(period, today) if is_overdue else [],
        statuses=statuses,
        status_by_priority=_status_by_priority(period, statuses),
    )


def _by_service(period: ReportingPeriod) -> list[ServiceProgress]:
    """One query: returns counted by service, state and whether they were started."""
    # The period's returns are all of its organisation's initiatives: saying so lets the
    # database read that organisation's initiatives by index, not scan every organisation's.
    rows = (
        Update.objects.filter(period=period, initiative__organisation_id=period.organisation_id)
        .values("initiative__service_id", "initiative__service__name", "state")
        .annotate(
            started=Count("pk", filter=Q(started_at__isnull=False)),
            count=Count("pk"),
        )
        .order_by("initiative__service__name", "initiative__service_id")
    )
    counts: dict[tuple[int, str], dict[str, int]] = {}
    for row in rows:
        key = (row["initiative__service_id"], row["initiative__service__name"])
        tally = counts.setdefault(key, defaultdict(int))
        if row["state"] == Update.State.DRAFT:
            tally[PROGRESS.IN_PROGRESS] += row["started"]
            tally[PROGRESS.NOT_STARTED] += row["count"] - row["started"]
        else:
            tally[row["state"]] += row["count"]
    return [
        ServiceProgress(service_id=service_id, service=name, **dict(tally))
        for (service_id, name), tally in counts.items()
    ]


@dataclass(frozen=True)
class _Answerable:
    """The ids deciding who answers for an overdue return's initiative."""

    pk: int
    owner_id: int | None
    service_id: int
    organisation_id: int


def _overdue(period: ReportingPeriod, today: date) -> list[OverdueReturn]:
    """Outstanding returns after the deadline, with their owners: three queries.

    The returns are read as plain rows: after a deadline an organisation of a thousand
    initiatives may have hundreds outstanding, and the page counts them by owner.
    """
    assert period.deadline is not None
    rows = list(
        Update.objects.filter(period=period, initiative__organisation_id=period.organisation_id)
        .outstanding()
        .values(
            "pk",
            "state",
            "started_at",
            "initiative_id",
            "initiative__title",
            "initiative__owner_id",
            "initiative__service_id",
            "initiative__service__name",
            "initiative__service__head_of_service",
        )
        .order_by("initiative__service__name", "initiative__title", "pk")
    )
    owners = owners_of_many(
        _Answerable(
            row["initiative_id"],
            row["initiative__owner_id"],
            row["initiative__service_id"],
            period.organisation_id,
        )
        for row in rows
    )
    days_late = (today - period.deadline).days
    result = []
    for row in rows:
        answering = tuple(owners[row["initiative_id"]])
        result.append(
            OverdueReturn(
                update_id=row["pk"],
                initiative_id=row["initiative_id"],
                initiative=row["initiative__title"],
                service=row["initiative__service__name"],
                owners=answering,
                days_late=days_late,
                progress=PROGRESS(Update.progress_of(row["state"], row["started_at"])).label,
                has_owner=row["initiative__owner_id"] in {o.pk for o in answering},
                service_head=row["initiative__service__head_of_service"],
                service_id=row["initiative__service_id"],
            )
        )
    return result


def _status_by_priority(
    period: ReportingPeriod, statuses: list[StatusValue]
) -> list[PriorityStatus]:
    """Two queries: status counts per priority, and the priorities to show.

    An initiative serving two priorities counts under both; one serving none is shown
    under "No priority".
    """
    codes = {status.pk: status.code for status in statuses}
    rows = (
        Update.objects.filter(
            period=period,
            state__in=(Update.State.SUBMITTED, Update.State.APPROVED),
            status__isnull=False,
        )
        .values("initiative__priorities", "status_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict[int | None, dict[str, int]] = defaultdict(dict)
    for row in rows:
        code = codes.get(row["status_id"])
        if code is not None:
            counts[row["initiative__priorities"]][code] = row["count"]
    year = period.year
    priorities = Priority.objects.filter(
        Q(pk__in=[pk for pk in counts if pk is not None])
        | Q(
            strategy__organisation_id=period.organisation_id,
            strategy__first_year__lte=year,
            strategy__last_year__gte=year,
        )
    )
    result = [
        PriorityStatus(p.pk, p.number, p.title, dict(counts.get(p.pk, {})))
        for p in priorities
        if p.pk in counts or p.is_active_in(year)
    ]
    if None in counts:
        result.append(PriorityStatus(None, None, "No priority", dict(counts[None])))
    return result
