"""A small organisation with something of everything the API serves, another organisation
with its own, and an API client for each role, holding a token of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from headway.accounts.models import Membership, User
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
    MilestoneFactory,
    PriorityFactory,
    ReportFactory,
    ReportingPeriodFactory,
    ServiceFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    """Everything the API serves, in the organisation the role fixtures belong to."""

    org: Organisation
    service: Service
    other_service: Service
    partner: Partner
    other_partner: Partner
    initiative: Initiative
    others_initiative: Initiative
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


@pytest.fixture
def world(
    org: Organisation,
    service: Service,
    partner: Partner,
    other_partner: Partner,
    admin_user: User,
    reviewer: User,
    lead: User,
    partner_contact: User,
    viewer: User,
) -> World:
    strategy = StrategyFactory.create(organisation=org, first_year=2020, last_year=2030)
    priority = PriorityFactory.create(strategy=strategy, number=1, title="Our people")
    other_service = ServiceFactory.create(organisation=org, name="ICT")
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
        admin_user,
        "The supplier cannot start until the summer.",
        {"planned_start": "2021-07-01", "planned_end": "2022-06-30"},
        initiative=initiative,
    )
    open_consultation(change, today() + dt.timedelta(days=10), admin_user)
    draft_change = propose(
        org,
        ChangeRequest.Kind.DEPRIORITISE,
        reviewer,
        "Funding has moved to the network.",
        {},
        initiative=others,
    )
    meeting = MeetingFactory.create(committee__organisation=org, date=today())
    published = ReportFactory.create(meeting=meeting, period=closed, state=Report.State.DRAFT)
    draft_report = ReportFactory.create(
        meeting=MeetingFactory.create(committee=meeting.committee, date=today() + dt.timedelta(1)),
        period=closed,
    )
    pack = Pack.objects.create(report=published, snapshot=_snapshot(closed), state=Pack.State.DONE)
    PackFile.of(pack, "data.json", b'{"report": "demo"}').save()
    PackFile.of(pack, "report.pdf", b"%PDF-1.7 not really").save()
    published.state = Report.State.PUBLISHED
    published.save()
    return World(
        org=org,
        service=service,
        other_service=other_service,
        partner=partner,
        other_partner=other_partner,
        initiative=initiative,
        others_initiative=others,
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
    )


def _snapshot(period: ReportingPeriod) -> Snapshot:
    return Snapshot.objects.create(
        organisation=period.organisation, period=period, data={}, taken_at=timezone.now()
    )
