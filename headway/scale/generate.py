"""``headway generate``: many organisations of realistic size, written in bulk, for measuring
Headway at scale.

Each organisation gets a strategy with priorities and events, services, partner councils,
people in every role, ``initiatives`` initiatives of every kind with milestones, ``quarters``
reporting periods (all closed but the last, which is open, past its deadline and holds
returns in every state: approved, submitted, returned, being written and not started), the
maps' baseline version and an agreed change's version, a change out for consultation, and a
committee with a meeting. The small records go through the ORM; initiatives, their links,
milestones and returns go through ``headway.scale.rows`` (``COPY`` on PostgreSQL).

Organisations are named by the seed and their number, so a second run with the same seed is
refused rather than doubled; with the same seed and sizes the data is the same every time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from datetime import time as dt_time

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from headway import clock
from headway.accounts.models import Membership, Role, User
from headway.committee.models import Committee, Meeting
from headway.demo.organisation import DIRECTORATES, SERVICES
from headway.demo.strategy import OWNERS, PRIORITIES
from headway.lib.fy import FinancialYear, Quarter
from headway.organisation.models import OrganisationalChange
from headway.progress.lifecycle import suggested_deadline
from headway.progress.models import ReportingPeriod, StatusValue, Update, refresh_latest_status
from headway.progress.models.status import ensure_status_scale
from headway.roadmap.agreed import decision_record
from headway.roadmap.diff import diff_states
from headway.roadmap.models import ChangeRequest, Consultation, MapVersion
from headway.roadmap.state import map_state, quarters_covered
from headway.scale.portfolio import (
    INITIATIVE_COLUMNS,
    LONDON,
    MILESTONE_COLUMNS,
    UPDATE_COLUMNS,
    Context,
    build_rows,
)
from headway.scale.rows import reserve_ids, write_rows
from headway.strategy.models import (
    Initiative,
    Milestone,
    Organisation,
    Partner,
    Priority,
    Service,
    Strategy,
    StrategyEvent,
)

# Printed by `headway generate`; anyone may know it: generated data is for measuring only.
GENERATED_PASSWORD = "headway-generated"
# A fixed salt hashes the password once for every generated user (as the demo does).
SALT = "headwaygeneratedsalt0001"
PARTNER_NAMES = ("Partner Council A", "Partner Council B", "Partner Council C")
MILESTONES_AT_MOST = 5


@dataclass(frozen=True)
class GeneratedOrganisation:
    id: int
    slug: str
    name: str
    administrator: str  # usernames
    service_lead: str


@dataclass(frozen=True)
class Generated:
    organisations: tuple[GeneratedOrganisation, ...]
    password: str
    counts: dict[str, int]
    seconds: float


def organisation_slug(seed: int, number: int) -> str:
    return f"generated-{seed}-{number:03d}"


def username(slug: str, role: str) -> str:
    """Generated users' usernames: ``<organisation slug>-admin``, ``...-lead-fin``."""
    return f"{slug}-{role}"


def generated_organisations(seed: int) -> tuple[GeneratedOrganisation, ...]:
    """The organisations an earlier run generated with ``seed``, in order."""
    found = Organisation.objects.filter(slug__startswith=f"generated-{seed}-").order_by("slug")
    return tuple(
        GeneratedOrganisation(
            id=organisation.pk,
            slug=organisation.slug,
            name=organisation.name,
            administrator=username(organisation.slug, "admin"),
            service_lead=username(organisation.slug, f"lead-{next(iter(SERVICES)).lower()}"),
        )
        for organisation in found
    )


def recompute_derived_data(organisation_ids: list[int]) -> None:
    """Data kept from other data, which COPY bypasses, recomputed once for these
    organisations after their rows are written: each initiative's latest approved status."""
    refresh_latest_status(Initiative.objects.filter(organisation_id__in=organisation_ids))


def generate(
    organisations: int,
    initiatives: int,
    quarters: int,
    *,
    seed: int = 1,
    password: str = GENERATED_PASSWORD,
    today: date | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> Generated:
    """Add ``organisations`` organisations of ``initiatives`` initiatives and ``quarters``
    quarters of returns each; one transaction per organisation."""
    if organisations < 1 or initiatives < 1 or quarters < 1:
        raise ValueError("Give at least 1 organisation, 1 initiative and 1 quarter.")
    if not password:
        raise ValueError("Give the generated users a password: it cannot be empty.")
    started = time.monotonic()
    today = today or clock.today()
    slugs = [organisation_slug(seed, n) for n in range(1, organisations + 1)]
    taken = list(Organisation.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if taken:
        raise ValueError(
            f"Organisations generated with seed {seed} already exist ({taken[0]} and "
            f"{len(taken) - 1} more): give another --seed, or generate into a new database."
        )
    encoded = make_password(password, salt=SALT)
    counts: dict[str, int] = {}
    made = []
    for number, slug in enumerate(slugs, start=1):
        rng = random.Random(f"{seed}-{number}")
        with transaction.atomic():
            made.append(
                _organisation(rng, slug, number, initiatives, quarters, today, encoded, counts)
            )
        progress(f"{slug}: {initiatives} initiatives, {quarters} quarters")
    recompute_derived_data([o.id for o in made])
    return Generated(tuple(made), password, counts, time.monotonic() - started)


def _count(counts: dict[str, int], name: str, number: int) -> None:
    counts[name] = counts.get(name, 0) + number


def _organisation(
    rng: random.Random,
    slug: str,
    number: int,
    initiatives: int,
    quarters: int,
    today: date,
    encoded: str,
    counts: dict[str, int],
) -> GeneratedOrganisation:
    name = f"Generated Council {slug.removeprefix('generated-')}"
    organisation = Organisation.objects.create(name=name, short_name=name, slug=slug)
    scale = ensure_status_scale(organisation)
    status_ids = dict(StatusValue.objects.filter(scale=scale).values_list("code", "id"))
    partners = Partner.objects.bulk_create(
        Partner(organisation=organisation, name=f"{p} ({slug})", short_name=p)
        for p in PARTNER_NAMES
    )
    codes = tuple(SERVICES)
    services = Service.objects.bulk_create(
        Service(
            organisation=organisation,
            name=SERVICES[code],
            head_of_service=f"Head of {SERVICES[code]}",
            directorate=DIRECTORATES[code],
        )
        for code in codes
    )
    open_quarter = Quarter.of(today).previous()
    periods_of = [open_quarter]
    while len(periods_of) < quarters:
        periods_of.insert(0, periods_of[0].previous())
    strategy = Strategy.objects.create(
        organisation=organisation,
        title=f"{name} Strategy",
        first_year=periods_of[0].year,
        last_year=open_quarter.year + 2,
        vision="Good, good-value services for the councils we serve.",
        framework="Delivered through service plans, projects, activities and business as usual.",
    )
    priorities = Priority.objects.bulk_create(
        Priority(strategy=strategy, number=n, title=title, description=text, owner=OWNERS[n - 1])
        for n, (title, text) in enumerate(PRIORITIES, start=1)
    )
    StrategyEvent.objects.bulk_create(
        StrategyEvent(strategy=strategy, date=day, kind=kind, text=text)
        for day, kind, text in (
            (
                periods_of[0].first_day - timedelta(days=60),
                StrategyEvent.Kind.PRESENTED,
                "The strategy was presented to the committee.",
            ),
            (
                periods_of[0].first_day - timedelta(days=30),
                StrategyEvent.Kind.LAUNCHED,
                "The strategy was launched to staff.",
            ),
        )
    )
    OrganisationalChange.objects.create(
        organisation=organisation,
        date=open_quarter.first_day,
        kind=OrganisationalChange.Kind.LEADERSHIP,
        text="A new director took up post.",
    )
    people = _people(organisation, slug, encoded, codes, services, partners)
    periods = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            organisation=organisation,
            year=quarter.year,
            quarter=quarter.number,
            state=ReportingPeriod.State.OPEN
            if quarter == open_quarter
            else ReportingPeriod.State.CLOSED,
            deadline=suggested_deadline(quarter),
        )
        for quarter in periods_of
    )
    context = Context(
        organisation_id=organisation.pk,
        service_ids=tuple(s.pk for s in services),
        service_codes=codes,
        lead_ids=tuple(people[f"lead-{code.lower()}"].pk for code in codes),
        priority_ids=tuple(p.pk for p in priorities),
        partner_ids=tuple(p.pk for p in partners),
        reviewer_id=people["reviewer"].pk,
        period_ids=tuple(p.pk for p in periods),
        quarters=tuple(periods_of),
        deadlines=tuple(p.deadline for p in periods if p.deadline),
        status_ids=status_ids,
        today=today,
    )
    rows = build_rows(
        rng,
        context,
        initiatives,
        reserve_ids(Initiative, initiatives),
        reserve_ids(Milestone, initiatives * MILESTONES_AT_MOST),
        reserve_ids(Update, initiatives * quarters),
    )
    _count(counts, "initiatives", write_rows(Initiative, INITIATIVE_COLUMNS, rows.initiatives))
    links = ("initiative_id", "priority_id")
    _count(
        counts,
        "priority links",
        write_rows(Initiative.priorities.through, links, rows.priority_links),
    )
    links = ("initiative_id", "partner_id")
    _count(
        counts, "partner links", write_rows(Initiative.partners.through, links, rows.partner_links)
    )
    _count(counts, "milestones", write_rows(Milestone, MILESTONE_COLUMNS, rows.milestones))
    _count(counts, "returns", write_rows(Update, UPDATE_COLUMNS, rows.updates))
    _count(counts, "organisations", 1)
    _maps(rng, organisation, partners, people, today)
    committee = Committee.objects.create(
        organisation=organisation, name="Joint Committee", slug="joint-committee"
    )
    Meeting.objects.create(
        committee=committee, date=suggested_deadline(open_quarter) + timedelta(days=28)
    )
    return GeneratedOrganisation(
        id=organisation.pk,
        slug=slug,
        name=name,
        administrator=people["admin"].username,
        service_lead=people[f"lead-{codes[0].lower()}"].username,  # as generated_organisations
    )


def _people(
    organisation: Organisation,
    slug: str,
    encoded: str,
    codes: tuple[str, ...],
    services: list[Service],
    partners: list[Partner],
) -> dict[str, User]:
    """An administrator, a reviewer, a viewer, a contact for each partner and a lead for each
    service, by role key (``admin``, ``lead-fin``, ``partner-1``)."""
    roles: dict[str, tuple[str, Role]] = {
        "admin": ("Performance Officer", Role.ADMINISTRATOR),
        "reviewer": ("Assistant Director, Performance", Role.REVIEWER),
        "viewer": ("Committee Member", Role.VIEWER),
    }
    for n, partner in enumerate(partners, start=1):
        roles[f"partner-{n}"] = (f"{partner.short_name} Contact", Role.PARTNER_CONTACT)
    for code in codes:
        roles[f"lead-{code.lower()}"] = (f"Head of {SERVICES[code]}", Role.SERVICE_LEAD)
    users = User.objects.bulk_create(
        User(
            username=username(slug, key),
            first_name=title,
            last_name="(generated)",
            email=f"{username(slug, key)}@example.org",
            password=encoded,
        )
        for key, (title, _) in roles.items()
    )
    by_key = dict(zip(roles, users, strict=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    partner_of = {f"partner-{n}": p for n, p in enumerate(partners, start=1)}
    memberships = Membership.objects.bulk_create(
        Membership(
            user=by_key[key], organisation=organisation, role=role, partner=partner_of.get(key)
        )
        for key, (_, role) in roles.items()
    )
    service_of = {f"lead-{code.lower()}": s for code, s in zip(codes, services, strict=True)}
    Membership.services.through.objects.bulk_create(
        Membership.services.through(membership_id=m.pk, service_id=service_of[key].pk)
        for key, m in zip(roles, memberships, strict=True)
        if key in service_of
    )
    return by_key


def _maps(
    rng: random.Random,
    organisation: Organisation,
    partners: list[Partner],
    people: dict[str, User],
    today: date,
) -> None:
    """The maps' baseline, a reschedule agreed with every partner (the second version), and a
    deprioritisation out for consultation, half answered."""
    year = FinancialYear.of(today).start
    after = map_state(organisation, year)
    on_map = [i.id for i in after.initiatives]
    if len(on_map) < 2:
        return
    moved_id, dropped_id = rng.sample(on_map, 2)
    moved = Initiative.objects.get(pk=moved_id)
    assert moved.planned_end is not None
    before_end = moved.planned_end - timedelta(days=91)
    # Before the reschedule: the same maps with the old planned end. Built from the live
    # state's values rather than read again, which would cost as much as the state itself.
    moved_before = {
        "planned_end": before_end.isoformat(),
        "quarters": quarters_covered(moved.planned_start, before_end, FinancialYear(year)),
    }
    after_values = after.to_dict()
    before_values = {
        **after_values,
        "initiatives": [
            {**entry, **moved_before} if entry["id"] == moved_id else entry
            for entry in after_values["initiatives"]
        ],
    }
    before = replace(
        after,
        initiatives=tuple(
            replace(entry, **moved_before) if entry.id == moved_id else entry  # type: ignore[arg-type]
            for entry in after.initiatives
        ),
    )
    decided_on = today - timedelta(days=20)
    baseline = MapVersion.objects.create(
        organisation=organisation,
        number=1,
        created_at=_moment(today - timedelta(days=60)),
        state=before_values,
        changes=[],
    )
    agreed = ChangeRequest.objects.create(
        organisation=organisation,
        kind=ChangeRequest.Kind.RESCHEDULE,
        initiative=moved,
        proposed={"planned_end": moved.planned_end.isoformat()},
        current={"planned_end": before_end.isoformat()},
        base_map_version=1,
        rationale="The supplier moved its delivery date by a quarter.",
        proposed_by=people["admin"],
        proposed_at=_moment(decided_on - timedelta(days=30)),
        state=ChangeRequest.State.AGREED,
        opened_on=decided_on - timedelta(days=28),
        closes_on=decided_on - timedelta(days=7),
        decided_by=people["admin"],
        decided_on=decided_on,
    )
    Consultation.objects.bulk_create(
        Consultation(
            change_request=agreed,
            partner=partner,
            response=Consultation.Response.SUPPORTS,
            answered_by=people[f"partner-{n}"],
            answered_at=_moment(decided_on - timedelta(days=10)),
        )
        for n, partner in enumerate(partners, start=1)
    )
    Initiative.objects.filter(pk=moved_id).update(map_version=2)
    diff = diff_states(before, after, [decision_record(agreed)])
    MapVersion.objects.create(
        organisation=organisation,
        number=baseline.number + 1,
        created_at=_moment(decided_on),
        change_request=agreed,
        state=after_values,
        changes=[asdict(entry) for entry in diff.entries],
    )
    consulting = ChangeRequest.objects.create(
        organisation=organisation,
        kind=ChangeRequest.Kind.DEPRIORITISE,
        initiative_id=dropped_id,
        proposed={"status": Initiative.Status.DEPRIORITISED},
        current={"status": Initiative.objects.get(pk=dropped_id).status},
        base_map_version=1,
        rationale="Savings are needed, and this work can wait a year.",
        proposed_by=people["admin"],
        proposed_at=_moment(today - timedelta(days=8)),
        state=ChangeRequest.State.CONSULTING,
        opened_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=14),
    )
    Consultation.objects.bulk_create(
        Consultation(
            change_request=consulting,
            partner=partner,
            response=Consultation.Response.SUPPORTS if n == 1 else "",
            answered_by=people[f"partner-{n}"] if n == 1 else None,
            answered_at=_moment(today - timedelta(days=2)) if n == 1 else None,
        )
        for n, partner in enumerate(partners, start=1)
    )


def _moment(day: date) -> datetime:
    return datetime.combine(day, dt_time(10), tzinfo=LONDON)
