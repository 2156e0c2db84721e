"""Fixtures shared by the whole suite: two organisations, so every test can ask
"can someone from the other organisation see this?", and a user in each role."""

from __future__ import annotations

import pytest
from django.test import Client

from headway.accounts.models import Membership, Role, User
from headway.strategy.models import Organisation, Partner, Service
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    ServiceFactory,
    UserFactory,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def org(db: None) -> Organisation:
    return OrganisationFactory.create(
        name="Shared Service", slug="shared", short_name="shared service"
    )


@pytest.fixture
def other_org(db: None) -> Organisation:
    return OrganisationFactory.create(name="Other Shared Service", slug="other")


@pytest.fixture
def partner(org: Organisation) -> Partner:
    return PartnerFactory.create(organisation=org, name="North Borough Council", short_name="North")


@pytest.fixture
def other_partner(org: Organisation) -> Partner:
    return PartnerFactory.create(organisation=org, name="South Borough Council", short_name="South")


@pytest.fixture
def service(org: Organisation) -> Service:
    return ServiceFactory.create(
        organisation=org, name="Finance", head_of_service="Head of Finance"
    )


def _member(org: Organisation, username: str, role: str, **extra: object) -> User:
    membership: Membership = MembershipFactory.create(
        user=UserFactory.create(username=username), organisation=org, role=role, **extra
    )
    return membership.user


@pytest.fixture
def admin_user(org: Organisation) -> User:
    return _member(org, "admin", Role.ADMINISTRATOR)


@pytest.fixture
def reviewer(org: Organisation) -> User:
    return _member(org, "reviewer", Role.REVIEWER)


@pytest.fixture
def lead(org: Organisation, service: Service) -> User:
    return _member(org, "lead", Role.SERVICE_LEAD, services=[service])


@pytest.fixture
def partner_contact(org: Organisation, partner: Partner) -> User:
    return _member(org, "partner", Role.PARTNER_CONTACT, partner=partner)


@pytest.fixture
def viewer(org: Organisation) -> User:
    return _member(org, "viewer", Role.VIEWER)


@pytest.fixture
def outsider(other_org: Organisation) -> User:
    """An administrator of the other organisation."""
    return _member(other_org, "outsider", Role.ADMINISTRATOR)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
