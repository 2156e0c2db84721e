"""Record sign-ins and failed sign-ins from Django's own signals, which allauth sends too
(a password sign-in, and any other way allauth signs a person in)."""

from __future__ import annotations

from ipaddress import ip_address
from typing import Any

from allauth.account.adapter import get_adapter
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q
from django.http import HttpRequest

from headway.audit.models import SignInEvent

USERNAME_KEYS = ("username", "email", "login")


def client_address(request: HttpRequest | None) -> str | None:
    """The address the person's request came from: behind ``TRUSTED_PROXIES`` proxies, the one
    the outermost proxy saw, as allauth's rate limits count it; otherwise the connection's."""
    if request is None:
        return None
    try:
        text = get_adapter().get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        # No address, or fewer X-Forwarded-For entries than trusted proxies: a request that
        # did not come through them (a probe inside the network) has no client to record.
        return None
    try:
        return str(ip_address(text))
    except ValueError:
        return None


def _typed_username(credentials: dict[str, Any]) -> str:
    for key in USERNAME_KEYS:
        value = credentials.get(key)
        if isinstance(value, str) and value:
            return value[:150]
    return ""


def _account_named(name: str) -> Any:
    """The one account with this username or email address, or None."""
    if not name:
        return None
    matches = list(
        get_user_model().objects.filter(Q(username__iexact=name) | Q(email__iexact=name))[:2]
    )
    return matches[0] if len(matches) == 1 else None


def record_sign_in(
    sender: Any, request: HttpRequest | None = None, user: Any = None, **_: Any
) -> None:
    SignInEvent.objects.create(
        user=user,
        username=getattr(user, "username", "")[:150],
        succeeded=True,
        address=client_address(request),
    )


def record_failed_sign_in(
    sender: Any,
    credentials: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    **_: Any,
) -> None:
    typed = _typed_username(credentials or {})
    SignInEvent.objects.create(
        user=_account_named(typed), username=typed, succeeded=False, address=client_address(request)
    )


def connect() -> None:
    user_logged_in.connect(record_sign_in, dispatch_uid="headway.audit.sign_in")
    user_login_failed.connect(record_failed_sign_in, dispatch_uid="headway.audit.failed_sign_in")
