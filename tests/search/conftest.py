"""A small organisation with something of each kind to find, written so that each role's
view of it differs: a draft and a published report, a draft and an approved return, a
change request under consultation with a council's answer, an organisational change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from headway.accounts.models import Membership, User
from headway.committee.models import Report, ReportParagraph, ReportSection
from headway.organisation.models import OrganisationalChange
from headway.progress.models import ReportingPeriod, Update
from headway.roadmap.models import ChangeRequest, Consultation
from headway.search.sources import index_report
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service
from tests.factories import (
    InitiativeFactory,
    MeetingFactory,
    PriorityFactory,
    ReportFactory,
    ReportingPeriodFactory,
    ServiceFactory,
    StrategyFactory,
    UpdateFactory,
)


@dataclass(frozen=True)
class World:
    org: Organisation
    q2: ReportingPeriod
    q3: ReportingPeriod
    digital: Priority
    money: Priority
    finance: Service
    ict: Service
    ledger: Initiative
    network: Initiative
    approved: Update
    draft: Update
    published: Report
    drafted: Report
    change: ChangeRequest
    consultation: Consultation
    organisational_change: OrganisationalChange


def add_paragraph(report: Report, text: str, key: str = "background") -> ReportParagraph:
    section, _ = ReportSection.objects.get_or_create(
        report=report, key=key, defaults={"title": "Background", "position": 1, "numbered": True}
    )
    position = section.paragraphs.count() + 1
    return ReportParagraph.objects.create(section=section, position=position, text=text)


def membership(user: User) -> Membership:
    return Membership.objects.select_related("organisation", "partner").get(user=user)


@pytest.fixture
def world(org: Organisation, service: Service, partner: Partner) -> World:
    strategy = StrategyFactory.create(organisation=org, first_year=2020, last_year=2030)
    digital = PriorityFactory.create(strategy=strategy, number=1, title="Digital by default")
    money = PriorityFactory.create(strategy=strategy, number=2, title="Value for money")
    ict = ServiceFactory.create(organisation=org, name="ICT")
    q2 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="upcoming")
    q3 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3, state="open")
    ledger = InitiativeFactory.create(
        organisation=org, service=service, title="Replace the general ledger", priorities=[money]
    )
    network = InitiativeFactory.create(
        organisation=org, service=ict, title="Upgrade the network", priorities=[digital]
    )
    approved = UpdateFactory.create(
        initiative=ledger,
        period=q2,
        narrative="The ledger project paused during the pandemic and has restarted.",
        next_steps="Migrate the opening balances.",
    )
    draft = UpdateFactory.create(
        initiative=network,
        period=q3,
        state=Update.State.DRAFT,
        narrative="Switches replaced; the pandemic delayed the cabling survey.",
    )
    ReportingPeriod.objects.filter(pk=q2.pk).update(state="closed")
    meeting = MeetingFactory.create(committee__organisation=org, date=dt.date(2021, 12, 8))
    published = ReportFactory.create(meeting=meeting, period=q2, state=Report.State.DRAFT)
    add_paragraph(published, "The strategy was put on hold by the global pandemic.")
    Report.objects.filter(pk=published.pk).update(state=Report.State.PUBLISHED)
    # update() sends no signal: index the report as publishing it (a save) would have.
    index_report(published.pk)
    published.refresh_from_db()
    drafted = ReportFactory.create(
        meeting=MeetingFactory.create(committee=meeting.committee, date=dt.date(2022, 3, 11)),
        period=q3,
    )
    add_paragraph(drafted, "A draft sentence about pandemic recovery, not yet agreed.")
    change = ChangeRequest.objects.create(
        organisation=org,
        kind=ChangeRequest.Kind.RESCHEDULE,
        initiative=network,
        rationale="The pandemic moved the cabling survey to next year.",
        state=ChangeRequest.State.CONSULTING,
        proposed_at=timezone.make_aware(dt.datetime(2021, 11, 2, 10)),
    )
    consultation = Consultation.objects.create(
        change_request=change,
        partner=partner,
        response=Consultation.Response.SUPPORTS_WITH_COMMENTS,
        comment="We support the move, provided the pandemic backlog is cleared first.",
        answered_at=timezone.make_aware(dt.datetime(2021, 11, 9, 10)),
    )
    organisational_change = OrganisationalChange.objects.create(
        organisation=org,
        date=dt.date(2021, 11, 1),
        kind=OrganisationalChange.Kind.INTERIM,
        text="An interim reporting structure is in place after the pandemic reorganisation.",
    )
    return World(
        org,
        q2,
        q3,
        digital,
        money,
        service,
        ict,
        ledger,
        network,
        approved,
        draft,
        published,
        drafted,
        change,
        consultation,
        organisational_change,
    )
