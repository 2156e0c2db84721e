"""factory-boy factories for Headway's models; each makes a valid object with no arguments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from headway.accounts.models import Membership, Role, User
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.progress.models.status import ensure_status_scale
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


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Shared Service {n}")
    slug = factory.Sequence(lambda n: f"shared-service-{n}")
    short_name = factory.LazyAttribute(lambda o: o.name.lower())


class PartnerFactory(factory.django.DjangoModelFactory[Partner]):
    class Meta:
        model = Partner

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Partner Council {n}")


class ServiceFactory(factory.django.DjangoModelFactory[Service]):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    head_of_service = factory.LazyAttribute(lambda s: f"Head of {s.name} (demo)")


class StrategyFactory(factory.django.DjangoModelFactory[Strategy]):
    class Meta:
        model = Strategy

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Shared Service Strategy 2020-2023"
    first_year = 2020
    last_year = 2022
    vision = "Excellent, efficient back-office services for our partner councils."


class PriorityFactory(factory.django.DjangoModelFactory[Priority]):
    class Meta:
        model = Priority

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n + 1}")


class StrategyEventFactory(factory.django.DjangoModelFactory[StrategyEvent]):
    class Meta:
        model = StrategyEvent

    strategy = factory.SubFactory(StrategyFactory)
    date = dt.date(2020, 2, 7)
    kind = StrategyEvent.Kind.PRESENTED
    text = "Presented to the Joint Committee."


class InitiativeFactory(factory.django.DjangoModelFactory[Initiative]):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    service = factory.SubFactory(
        ServiceFactory, organisation=factory.SelfAttribute("..organisation")
    )
    kind = Initiative.Kind.PROJECT
    title = factory.Sequence(lambda n: f"Initiative {n}")
    status = Initiative.Status.IN_PROGRESS
    planned_start = dt.date(2021, 4, 1)
    planned_end = dt.date(2022, 3, 31)

    @factory.post_generation
    def priorities(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.priorities.set(extracted)

    @factory.post_generation
    def partners(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.partners.set(extracted)


class MilestoneFactory(factory.django.DjangoModelFactory[Milestone]):
    class Meta:
        model = Milestone

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due = dt.date(2021, 9, 30)


class ReportingPeriodFactory(factory.django.DjangoModelFactory[ReportingPeriod]):
    class Meta:
        model = ReportingPeriod

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2021
    quarter = 3
    state = ReportingPeriod.State.OPEN
    deadline = dt.date(2022, 1, 14)


def status_value(organisation: Organisation, code: str) -> StatusValue:
    """One value of the organisation's status scale (BRAG unless it has its own)."""
    return ensure_status_scale(organisation).values.get(code=code)


class UpdateFactory(factory.django.DjangoModelFactory[Update]):
    class Meta:
        model = Update

    initiative = factory.SubFactory(InitiativeFactory)
    period = factory.SubFactory(
        ReportingPeriodFactory, organisation=factory.SelfAttribute("..initiative.organisation")
    )
    status = factory.LazyAttribute(lambda u: status_value(u.initiative.organisation, "green"))
    narrative = "Work continues to plan."
    state = Update.State.APPROVED


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER

    @factory.post_generation
    def services(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.services.set(extracted)


# Committees and reports ------------------------------------------------------------------

from headway.committee.models import Committee, Meeting, Report  # noqa: E402


class CommitteeFactory(factory.django.DjangoModelFactory[Committee]):
    class Meta:
        model = Committee

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Joint Committee"
    slug = factory.Sequence(lambda n: f"joint-committee-{n}")


class MeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    date = dt.date(2022, 3, 11)


class ReportFactory(factory.django.DjangoModelFactory[Report]):
    class Meta:
        model = Report

    meeting = factory.SubFactory(MeetingFactory)
    period = factory.SubFactory(
        ReportingPeriodFactory,
        organisation=factory.SelfAttribute("..meeting.committee.organisation"),
    )
    subject_heading = "Strategy Progress Report for Q3"
    author_name = "Assistant Director Performance (demo)"
    slug = factory.Sequence(lambda n: f"report-{n}")
