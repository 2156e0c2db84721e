"""Failed passwords are counted in the database cache, which every web process shares, per
address and account with a back-off: an attacker's guesses from one address never lock the
person out from theirs, and a locked person can still reset their password."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
OWN_DESK = "198.51.100.7"
LOCKED = "tried to sign in too many times"


def attempt(address: str, login: str, password: str) -> Any:
    """One sign-in, as from a new web process: a fresh client and the cache connections
    dropped, so nothing but the shared cache carries counts from one to the next."""
    caches.close_all()
    local: Any = caches._connections  # type: ignore[attr-defined]
    if hasattr(local, "default"):
        del local.default  # the next use builds a new cache object
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("account_login"), {"login": login, "password": password})
    response.client = client
    return response


def locked(response: Any) -> bool:
    return response.status_code == 200 and LOCKED in response.content.decode()


def signed_in(response: Any) -> bool:
    return response.status_code == 302


def test_the_counts_live_in_the_database_that_every_process_shares(viewer):
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    for _ in range(5):
        assert not locked(attempt(ATTACKER, "viewer", "a guess"))
    assert locked(attempt(ATTACKER, "viewer", "another guess"))
    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        assert cursor.fetchone()[0] > 0


def test_a_lock_on_one_address_does_not_lock_the_account_from_another(viewer):
    for _ in range(5):
        attempt(ATTACKER, "viewer", "a guess")
    # Even the right password is refused from the attacker's address...
    assert locked(attempt(ATTACKER, "viewer", PASSWORD))
    # ...and the person signs in from their own.
    assert signed_in(attempt(OWN_DESK, "viewer", PASSWORD))


def test_the_wait_grows_with_each_lock(viewer, monkeypatch):
    now = [ratelimit.time.time()]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    for _ in range(5):
        attempt(ATTACKER, "viewer", "a guess")
    assert locked(attempt(ATTACKER, "viewer", "a guess"))
    now[0] += 6 * 60  # five minutes later the first lock has passed
    for _ in range(5):
        assert not locked(attempt(ATTACKER, "viewer", "a guess"))
    now[0] += 6 * 60  # but ten failures in the hour lock it for the hour
    assert locked(attempt(ATTACKER, "viewer", PASSWORD))
    now[0] += 60 * 60
    assert signed_in(attempt(ATTACKER, "viewer", PASSWORD))


def test_a_signed_in_person_leaves_no_count_behind(viewer):
    for _ in range(4):
        attempt(OWN_DESK, "viewer", "a typo")
    for _ in range(3):
        assert signed_in(attempt(OWN_DESK, "viewer", PASSWORD))
    assert not locked(attempt(OWN_DESK, "viewer", "one more typo"))


def test_a_locked_person_can_reset_their_password_and_sign_in(viewer, settings):
    # The ceiling per account, made small here: guesses from many addresses lock it.
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "6/h/key",
    }
    for number in range(6):
        attempt(f"203.0.113.{number + 20}", "viewer", "a guess")
    assert locked(attempt(OWN_DESK, "viewer", PASSWORD))

    client = Client(REMOTE_ADDR=OWN_DESK)
    client.post(reverse("account_reset_password"), {"email": "viewer@example.org"})
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", str(mail.outbox[-1].body))
    assert link is not None
    form = client.get(link.group(0), follow=True)
    new_password = "a new and long passphrase"
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(0),
        {"password1": new_password, "password2": new_password},
    )
    assert done.status_code == 302

    assert signed_in(attempt(OWN_DESK, "viewer", new_password))


PROXY = "10.0.0.2"


def attempt_through_proxy(claimed: str, client_address: str, login: str, password: str) -> Any:
    """One sign-in through the operator's one proxy: the client may have written anything
    into X-Forwarded-For; the proxy appends the address it saw, as nginx does."""
    caches.close_all()
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{claimed}, {client_address}")
    return client.post(reverse("account_login"), {"login": login, "password": password})


def test_behind_a_trusted_proxy_each_client_is_counted_at_its_own_address(settings, viewer):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt_through_proxy(OWN_DESK, ATTACKER, "viewer", "a guess")
    # The attacker is locked out even when claiming to be someone else's desk...
    assert locked(attempt_through_proxy(OWN_DESK, ATTACKER, "viewer", PASSWORD))
    # ...and the person at their own desk, behind the same proxy, is not.
    assert signed_in(attempt_through_proxy(ATTACKER, OWN_DESK, "viewer", PASSWORD))


def test_the_sign_in_record_keeps_the_client_s_address_not_the_proxy_s(settings, viewer):
    from headway.audit.models import SignInEvent

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attempt_through_proxy("192.0.2.1", OWN_DESK, "viewer", "a guess")
    attempt_through_proxy("192.0.2.1", OWN_DESK, "viewer", PASSWORD)
    assert list(SignInEvent.objects.order_by("pk").values_list("succeeded", "address")) == [
        (False, OWN_DESK),
        (True, OWN_DESK),
    ]


def test_without_trusted_proxies_the_header_is_not_believed(viewer):
    from headway.audit.models import SignInEvent

    attempt_through_proxy(OWN_DESK, OWN_DESK, "viewer", "a guess")
    assert SignInEvent.objects.get().address == PROXY
