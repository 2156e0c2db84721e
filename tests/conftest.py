"""Fixtures shared by the whole suite: two organisations, so every test can ask
"can someone from the other organisation see this?", and a user in each role."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client, override_settings

from headway.accounts.models import Membership, Role, User
from headway.accounts.testing import force_sign_in
from headway.demo import DemoSummary, load_demo
from headway.site_address import SERVING_URL_VARIABLE
from headway.strategy.models import Organisation, Partner, Service
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    ServiceFactory,
    UserFactory,
)

pytest_plugins = ["tests.browsers"]

PASSWORD = "correct horse battery staple"

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


# Hashing a password the production way (PBKDF2, a million rounds) costs about half a second;
# the suite makes thousands of users and signs many of them in.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def suite_settings() -> Iterator[None]:
    """Background tasks run as soon as they are enqueued, so a page test can generate a pack
    and download it (a test about the database worker sets its own backend); passwords are
    hashed quickly. Commands the suite starts as processes of their own keep the real ones."""
    with override_settings(TASKS=IMMEDIATE_TASKS, PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(autouse=True)
def undo_what_commands_set(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`headway demo` and `headway serve` record, for themselves and the worker they start,
    the address they serve on and the demo's simulated date: undo that after each test."""
    monkeypatch.setenv(SERVING_URL_VARIABLE, "")
    monkeypatch.setenv("DEMO_DATE", "")
    simulated = django_settings.DEMO_DATE
    yield
    django_settings.DEMO_DATE = simulated


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
    """A browser signed in as ``user``, who has given their password and taken their second
    step. (tests/accounts/test_second_step.py signs in through the real forms.)"""
    return force_sign_in(Client(), user)


POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A PostgreSQL server to talk to: required in CI, skipped with the reason elsewhere."""
    import psycopg

    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        message = f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}".strip()
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}. CI must run PostgreSQL (see .ci/run).")
        pytest.skip(message)
    return POSTGRES_URL


# Fixtures that open a transaction of their own for a whole module of tests.
MODULE_DATA = frozenset({"demo", "shared_world"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that read module-wide data as database tests. pytest-django sets up the
    test database only if some collected test is one, so a module run on its own would
    otherwise load its data into the development database."""
    for item in items:
        if MODULE_DATA & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    """The demo, loaded once for a module of tests that only read it.

    Each test still runs in its own savepoint inside this transaction, which is rolled back
    after the module, so the demo never leaks into other tests.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)
