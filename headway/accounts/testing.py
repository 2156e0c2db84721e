"""For the test suite and the benchmarks, which sign people in without the sign-in form."""

from __future__ import annotations

import time
from typing import Any

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from django.test import Client


def force_sign_in(client: Client, user: Any) -> Client:
    """Sign ``client`` in as ``user`` as if they had given their password and taken their
    second step, so that pages open as they do for someone fully signed in. (Django's
    ``force_login`` alone makes a session that has taken no step, which Headway holds at the
    second step for anyone who must take one: headway.accounts.second_factor.)"""
    client.force_login(user)
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "username": user.username},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
    return client
