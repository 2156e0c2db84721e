"""The councils' own sign-in services (OpenID Connect, such as Microsoft Entra ID) that Headway
trusts, as the operator configures them in ``HEADWAY_OIDC_PROVIDERS``.

Read by settings.py before Django is set up, so this module imports nothing of Django's
models or allauth's. The value is a JSON list with one object per council::

    [{"id": "newham", "name": "Newham Council",
      "server_url": "https://login.microsoftonline.com/<tenant id>/v2.0",
      "client_id": "<application (client) id>", "secret_env": "NEWHAM_OIDC_SECRET",
      "tenant": "<tenant id>", "email_domains": ["newham.gov.uk"]}]

``secret`` may hold the client secret itself instead of ``secret_env`` naming the variable
that does. ``tenant`` (Entra's ``tid``) is optional for a service that is not Entra ID: then
any account the service vouches for may sign in, still only as an invited person.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

VARIABLE = "HEADWAY_OIDC_PROVIDERS"
# allauth's class for these apps: the OpenID Connect provider keyed on Entra's ``oid``.
PROVIDER_CLASS = "headway.accounts.single_sign_on.CouncilProvider"
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
_FIELDS = {"id", "name", "server_url", "client_id", "secret", "secret_env", "tenant"} | {
    "email_domains"
}


@dataclass(frozen=True)
class Council:
    """One council's sign-in service."""

    id: str
    name: str
    server_url: str
    client_id: str
    secret: str
    tenant: str
    email_domains: tuple[str, ...]

    def as_app(self) -> dict[str, Any]:
        """The council as one of allauth's ``APPS`` for its ``openid_connect`` provider."""
        return {
            "provider_id": self.id,
            "name": self.name,
            "client_id": self.client_id,
            "secret": self.secret,
            "settings": {
                "server_url": self.server_url,
                "tenant": self.tenant,
                "email_domains": list(self.email_domains),
                # Names, addresses and Entra's tid and oid come from the signed ID token:
                # Entra's userinfo endpoint has neither tid nor oid.
                "fetch_userinfo": False,
                # An address in the council's own domains is the council's to vouch for.
                "verified_email": list(self.email_domains),
            },
        }


def _problem(number: int, text: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{VARIABLE}: the council at position {number} {text}")


def _text(entry: dict[str, Any], field: str, number: int, required: bool = True) -> str:
    value = entry.get(field, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _problem(number, f"has no {field}: set it to text.")
    return value.strip()


def council(entry: Any, number: int) -> Council:
    """One entry of the list, checked; ``number`` counts from 1 for the error messages."""
    if not isinstance(entry, dict):
        raise _problem(number, 'is not an object: write it as {"id": ..., "name": ...}.')
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise _problem(
            number, f"has {', '.join(unknown)}, which Headway does not read: remove or correct it."
        )
    identifier = _text(entry, "id", number)
    if not _ID.fullmatch(identifier):
        raise _problem(
            number, f"has id {identifier!r}: use lower-case letters, digits and hyphens."
        )
    server_url = _text(entry, "server_url", number)
    parts = urlsplit(server_url)
    local = parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost"}
    if not (parts.scheme == "https" and parts.hostname) and not local:
        raise _problem(
            number,
            f"has server_url {server_url!r}: it must start with https:// (plain http only "
            "on 127.0.0.1 or localhost, for testing).",
        )
    if "secret_env" in entry:
        variable = _text(entry, "secret_env", number)
        secret = os.environ.get(variable, "").strip()
        if not secret:
            raise _problem(number, f"names secret_env {variable!r}, which is not set.")
    else:
        secret = _text(entry, "secret", number)
    domains = entry.get("email_domains")
    if not isinstance(domains, list) or not domains:
        raise _problem(
            number, 'has no email_domains: list the council\'s domains, e.g. ["newham.gov.uk"].'
        )
    cleaned = tuple(str(domain).strip().lower().lstrip("@") for domain in domains)
    for domain in cleaned:
        if not _DOMAIN.fullmatch(domain):
            raise _problem(number, f"has email domain {domain!r}, which is not a domain name.")
    return Council(
        id=identifier,
        name=_text(entry, "name", number),
        server_url=server_url.rstrip("/"),
        client_id=_text(entry, "client_id", number),
        secret=secret,
        tenant=_text(entry, "tenant", number, required=False).lower(),
        email_domains=cleaned,
    )


def parse(value: str | None) -> list[Council]:
    """The councils in ``value`` (the variable's text); none when it is empty."""
    if value is None or not value.strip():
        return []
    try:
        entries = json.loads(value)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"{VARIABLE} is not JSON ({error}).") from None
    if not isinstance(entries, list):
        raise ImproperlyConfigured(f"{VARIABLE} must be a JSON list, one object per council.")
    councils = [council(entry, number) for number, entry in enumerate(entries, start=1)]
    seen: set[str] = set()
    for item in councils:
        if item.id in seen:
            raise ImproperlyConfigured(f"{VARIABLE} names the id {item.id!r} twice.")
        seen.add(item.id)
    return councils


def providers_setting(councils: list[Council]) -> dict[str, Any]:
    """``SOCIALACCOUNT_PROVIDERS`` for these councils."""
    return {
        "openid_connect": {
            "provider_class": PROVIDER_CLASS,
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [item.as_app() for item in councils],
        }
    }
