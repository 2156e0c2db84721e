"""The tests' authenticator app: a fixed secret, enrolled for the accounts that must take a
second step, and its codes computed by the same algorithm (RFC 6238) the phone apps use."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache

from headway.accounts import second_factor

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrol_app(user: Any, secret: str = SECRET) -> Authenticator:
    """Give ``user`` the tests' authenticator app, as if they had set it up."""
    return TOTP.activate(user, secret).instance


def enrol_if_required(user: Any) -> None:
    """The tests' accounts that must take a second step have the tests' app already."""
    if second_factor.required_for(user) and not second_factor.enrolled(user):
        enrol_app(user)


def code_now(user: Any, secret: str = SECRET, offset: int = 0) -> str:
    """The app's code for now (``offset`` periods later or earlier). allauth refuses a code
    used once already in its period; each sign-in of a test stands for a new one, so the
    mark is cleared."""
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))
    used = TOTP(Authenticator(user_id=user.pk, type=Authenticator.Type.TOTP))
    cache.delete(used._get_used_cache_key(code))
    return code


def wrong_code(user: Any, secret: str = SECRET) -> str:
    """A code the app will not show in the next few minutes."""
    valid = {code_now(user, secret, offset) for offset in range(-3, 4)}
    return next(f"{n:06}" for n in range(1_000_000) if f"{n:06}" not in valid)
