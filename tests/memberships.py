"""Fixtures that several areas' conftest files import: fast passwords and the memberships
people act under (``as_admin`` ...), each in the organisation of tests/conftest.py's cast.

A conftest imports the ones its tests use, so each area sees just what it did before.
"""

from __future__ import annotations

import pytest

from headway.accounts.models import Membership, User
from headway.strategy.models import Organisation


def membership(user: User, org: Organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=org)


@pytest.fixture
def as_admin(admin_user: User, org: Organisation) -> Membership:
    return membership(admin_user, org)


@pytest.fixture
def as_reviewer(reviewer: User, org: Organisation) -> Membership:
    return membership(reviewer, org)


@pytest.fixture
def as_lead(lead: User, org: Organisation) -> Membership:
    return membership(lead, org)


@pytest.fixture
def as_viewer(viewer: User, org: Organisation) -> Membership:
    return membership(viewer, org)


@pytest.fixture
def as_outsider(outsider: User, other_org: Organisation) -> Membership:
    return membership(outsider, other_org)
