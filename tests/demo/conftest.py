from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from headway.demo import DemoSummary, load_demo


def fast_hashing() -> override_settings:
    # Hashing the demo password the production way costs a third of a second per load.
    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    """The demo, loaded once for a module of tests that only read it.

    Each test still runs in its own savepoint inside this transaction, which is rolled back
    after the module, so the demo never leaks into other tests.
    """
    with django_db_blocker.unblock(), fast_hashing(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def fresh_demo(db: None) -> Iterator[None]:
    """Fast password hashing for tests that load the demo themselves."""
    with fast_hashing():
        yield
