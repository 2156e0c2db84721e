"""Who answers for an initiative: its owner, or else the leads of its service."""

from __future__ import annotations

from typing import Any

from headway.accounts.models import Role, User
from headway.progress.owners import owners_of, owners_of_many
from headway.strategy.models import Initiative, Organisation, Service
from tests.factories import InitiativeFactory, MembershipFactory, ServiceFactory, UserFactory


def test_the_owner_answers_for_an_owned_initiative(initiative: Initiative, lead: User) -> None:
    owner = UserFactory.create(username="owner")
    initiative.owner = owner
    initiative.save()
    assert owners_of(initiative) == [owner]


def test_the_service_leads_answer_for_an_unowned_initiative(
    initiative: Initiative, lead: User, org: Organisation, service: Service
) -> None:
    second = MembershipFactory.create(
        user=UserFactory.create(username="second"),
        organisation=org,
        role=Role.SERVICE_LEAD,
        services=[service],
    ).user
    MembershipFactory.create(
        user=UserFactory.create(username="elsewhere"),
        organisation=org,
        role=Role.SERVICE_LEAD,
        services=[ServiceFactory.create(organisation=org)],
    )
    MembershipFactory.create(
        user=UserFactory.create(username="reviewer-too"), organisation=org, role=Role.REVIEWER
    )
    assert set(owners_of(initiative)) == {lead, second}


def test_the_leads_answer_when_the_owner_has_left(initiative: Initiative, lead: User) -> None:
    initiative.owner = UserFactory.create(username="gone", is_active=False)
    initiative.save()
    assert owners_of(initiative) == [lead]


def test_it_finds_the_owners_of_many_initiatives_in_two_queries(
    org: Organisation, service: Service, lead: User, django_assert_num_queries: Any
) -> None:
    owner = UserFactory.create(username="owner")
    owned = InitiativeFactory.create_batch(5, organisation=org, service=service, owner=owner)
    unowned = InitiativeFactory.create_batch(5, organisation=org, service=service)
    with django_assert_num_queries(2):
        owners = owners_of_many(owned + unowned)
    assert all(owners[i.pk] == [owner] for i in owned)
    assert all(owners[i.pk] == [lead] for i in unowned)
