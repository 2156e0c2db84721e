"""A small organisation with something of everything the API serves, its people in every
role, and an administrator of another organisation (the outsider).

``world`` is made afresh for each test that changes things; ``shared_world`` once for a
module of tests that only read (rolled back after the module, like the demo fixture).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from headway.accounts.models import Membership, Role, User
from headway.api.tokens import create_token
from headway.committee.models import Pack, PackFile, Report, Snapshot
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod, Update
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Milestone, Organisation, Partner, Service
from tests.factories import (
    InitiativeFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganisationFactory,
    PartnerFactory,
    PriorityFactory,
    ReportFactory,
    ReportingPeriodFactory,
    ServiceFactory,
    StrategyFactory,
    UpdateFactory,
    UserFactory,
    status_value,
)


def today() -> dt.date:
    return timezone.localdate()


def token_client(user: User, organisation: Organisation | None = None) -> APIClient:
    """A client that calls the API with a new token of ``user``'s."""
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    assert membership is not None
    new = create_token(user, organisation or membership.organisation, "Tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {new.secret}")
    return client


@dataclass
class World:
    """Everything the API serves, in one organisation, and who works with it."""

    org: Organisation
    other_org: Organisation
    service: Service
    other_service: Service
    partner: Partner
    other_partner: Partner
    initiative: Initiative
    others_initiative: Initiative
    new_initiative: Initiative
    milestone: Milestone
    period: ReportingPeriod
    closed_period: ReportingPeriod
    draft: Update
    submitted: Update
    closed_return: Update
    change: ChangeRequest
    draft_change: ChangeRequest
    consultation: Consultation
    other_consultation: Consultation
    published: Report
    draft_report: Report
    pack: Pack
    users: dict[str, User] = field(default_factory=dict)

    def client(self, caller: str) -> APIClient:
        """An API client for a role's person ("lead"), "outsider" or "anonymous"."""
        if caller == "anonymous":
            return APIClient()
        return token_client(self.users[caller])


def _member(org: Organisation, username: str, role: str, **extra: Any) -> User:
    user = UserFactory.create(username=username)
    MembershipFactory.create(user=user, organisation=org, role=role, **extra)
    return user


def build_world() -> World:
    org = OrganisationFactory.create(name="Shared Service", slug="shared")
    other_org = OrganisationFactory.create(name="Other Shared Service", slug="other")
    service = ServiceFactory.create(organisation=org, name="Finance")
    other_service = ServiceFactory.create(organisation=org, name="ICT")
    partner = PartnerFactory.create(organisation=org, name="North Borough Council")
    other_partner = PartnerFactory.create(organisation=org, name="South Borough Council")
    users = {
        "admin": _member(org, "admin", Role.ADMINISTRATOR),
        "reviewer": _member(org, "reviewer", Role.REVIEWER),
        "lead": _member(org, "lead", Role.SERVICE_LEAD, services=[service]),
        "partner": _member(org, "partner", Role.PARTNER_CONTACT, partner=partner),
        "viewer": _member(org, "viewer", Role.VIEWER),
        "outsider": _member(other_org, "outsider", Role.ADMINISTRATOR),
    }
    strategy = StrategyFactory.create(organisation=org, first_year=2020, last_year=2030)
    priority = PriorityFactory.create(strategy=strategy, number=1, title="Our people")
    initiative = InitiativeFactory.create(
        organisation=org,
        service=service,
        title="Payroll system",
        external_reference="FIN-001",
        priorities=[priority],
        partners=[partner, other_partner],
    )
    others = InitiativeFactory.create(
        organisation=org, service=other_service, title="Network refresh", priorities=[priority]
    )
    milestone = MilestoneFactory.create(
        initiative=initiative, title="Go live", due=dt.date(2021, 11, 30)
    )
    quarter = Quarter.of(today() - dt.timedelta(days=20))
    period = ReportingPeriodFactory.create(
        organisation=org,
        year=quarter.year,
        quarter=quarter.number,
        deadline=today() + dt.timedelta(days=14),
    )
    earlier = Quarter(quarter.year - 1, quarter.number)
    closed = ReportingPeriodFactory.create(
        organisation=org, year=earlier.year, quarter=earlier.number, state="upcoming"
    )
    closed_return = UpdateFactory.create(initiative=initiative, period=closed)
    closed.state = ReportingPeriod.State.CLOSED
    closed.save()
    draft = UpdateFactory.create(
        initiative=initiative, period=period, state=Update.State.DRAFT, status=None, narrative=""
    )
    submitted = UpdateFactory.create(
        initiative=others,
        period=period,
        state=Update.State.SUBMITTED,
        status=status_value(org, "green"),
    )
    change = propose(
        org,
        ChangeRequest.Kind.RESCHEDULE,
        users["admin"],
        "The supplier cannot start until the summer.",
        {"planned_start": "2021-07-01", "planned_end": "2022-06-30"},
        initiative=initiative,
    )
    open_consultation(change, today() + dt.timedelta(days=10), users["admin"])
    draft_change = propose(
        org,
        ChangeRequest.Kind.DEPRIORITISE,
        users["reviewer"],
        "Funding has moved to the network.",
        {},
        initiative=others,
    )
    meeting = MeetingFactory.create(committee__organisation=org, date=today())
    published = ReportFactory.create(meeting=meeting, period=closed)
    draft_report = ReportFactory.create(
        meeting=MeetingFactory.create(committee=meeting.committee, date=today() + dt.timedelta(1)),
        period=closed,
    )
    snapshot = Snapshot.objects.create(
        organisation=org, period=closed, data={}, taken_at=timezone.now()
    )
    pack = Pack.objects.create(report=published, snapshot=snapshot, state=Pack.State.DONE)
    PackFile.of(pack, "data.json", b'{"report": "test"}').save()
    PackFile.of(pack, "report.pdf", b"%PDF-1.7 test").save()
    published.state = Report.State.PUBLISHED
    published.save()
    return World(
        org=org,
        other_org=other_org,
        service=service,
        other_service=other_service,
        partner=partner,
        other_partner=other_partner,
        initiative=initiative,
        others_initiative=others,
        new_initiative=InitiativeFactory.create(
            organisation=org, service=service, title="Debt recovery", priorities=[priority]
        ),
        milestone=milestone,
        period=period,
        closed_period=closed,
        draft=draft,
        submitted=submitted,
        closed_return=closed_return,
        change=change,
        draft_change=draft_change,
        consultation=change.consultations.get(partner=partner),
        other_consultation=change.consultations.get(partner=other_partner),
        published=published,
        draft_report=draft_report,
        pack=pack,
        users=users,
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """One world for a module of tests that only read; rolled back after the module."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)
