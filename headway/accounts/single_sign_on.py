"""Signing in with a council's own account (OpenID Connect, such as Microsoft Entra ID).

The rules: a token counts only from the council's own directory (Entra's ``tid``); the
account is known by Entra's ``oid`` (its ``sub`` differs per application and the e-mail
address can change); nobody signs up: the first sign-in links to the person an administrator
invited, found by an address in one of the council's own domains, and anyone else is sent to
their administrators. Name and address follow the token on every sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialLogin
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import render

from headway.accounts.models import User


def claims(data: dict[str, Any]) -> dict[str, Any]:
    """What the council's service says of the person: the signed ID token's claims, over
    anything its userinfo endpoint added (allauth keeps both in the account's extra data)."""
    userinfo = data.get("userinfo") or {}
    id_token = data.get("id_token") or {}
    if not userinfo and not id_token:
        return data
    return {**userinfo, **id_token}


def stable_id(said: dict[str, Any]) -> str:
    """The account's id that never changes: Entra's ``oid`` where there is one, else ``sub``."""
    return str(said.get("oid") or said["sub"])


def address(said: dict[str, Any]) -> str:
    """The person's e-mail address: ``email``, else Entra's sign-in name when it is one."""
    for claim in ("email", "preferred_username", "upn"):
        value = str(said.get(claim) or "").strip()
        if "@" in value:
            return value
    return ""


def domain_allowed(app: SocialApp, email: str) -> bool:
    domains = [domain.lower() for domain in app.settings.get("email_domains", [])]
    return email.rpartition("@")[2].lower() in domains


@dataclass
class Refusal(Exception):
    """Why a sign-in through a council is refused, for the page that says what to do."""

    kind: str
    council: str
    email: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


def check_tenant(app: SocialApp, said: dict[str, Any]) -> None:
    """A council's account must come from that council's own directory."""
    tenant = str(app.settings.get("tenant") or "").lower()
    if tenant and str(said.get("tid") or "").lower() != tenant:
        raise Refusal("wrong_tenant", app.name, address(said))


def person_to_link(app: SocialApp, said: dict[str, Any]) -> User:
    """The invited person whom a first sign-in through ``app`` is, or a Refusal."""
    email = address(said)
    if not email:
        raise Refusal("no_address", app.name)
    if not domain_allowed(app, email):
        raise Refusal(
            "other_domain",
            app.name,
            email,
            {"domains": list(app.settings.get("email_domains", []))},
        )
    # Addresses are compared without case: administrators type them as they please.
    people = list(
        User.objects.filter(
            Q(email__iexact=email) | Q(emailaddress__email__iexact=email)
        ).distinct()
    )
    if not people:
        raise Refusal("unknown_person", app.name, email)
    if len(people) > 1:
        raise Refusal("several_people", app.name, email)
    person = people[0]
    if not person.is_active:
        raise Refusal("switched_off", app.name, email)
    if SocialAccount.objects.filter(user=person, provider=app.provider_id).exists():
        raise Refusal("linked_to_another", app.name, email)
    return person


def follow_token(person: User, app: SocialApp, said: dict[str, Any]) -> None:
    """Keep the person's name and address as their council has them now."""
    changed: list[str] = []
    first = str(said.get("given_name") or "").strip()
    last = str(said.get("family_name") or "").strip()
    if not (first or last) and said.get("name"):
        first, _, last = str(said["name"]).strip().partition(" ")
    if first and (first, last) != (person.first_name, person.last_name):
        person.first_name, person.last_name = first[:150], last[:150]
        changed += ["first_name", "last_name"]
    email = address(said)
    taken = (
        User.objects.filter(email__iexact=email).exclude(pk=person.pk).exists()
        or EmailAddress.objects.filter(email__iexact=email).exclude(user=person).exists()
    )
    if email and email.lower() != person.email.lower() and domain_allowed(app, email) and not taken:
        person.email = email
        changed.append("email")
        EmailAddress.objects.filter(user=person, primary=True).update(email=email)
    if changed:
        person.save(update_fields=changed)


class CouncilProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider, keyed on the stable id and reading the ID token."""

    # Its pages (/accounts/oidc/<council>/login/) are allauth's, from the provider's package.
    package = "allauth.socialaccount.providers.openid_connect"

    def extract_uid(self, data: dict[str, Any]) -> str:
        return stable_id(claims(data))

    def extract_common_fields(self, data: dict[str, Any]) -> dict[str, Any]:
        said = claims(data)
        return {
            "email": address(said),
            "name": said.get("name"),
            "first_name": said.get("given_name"),
            "last_name": said.get("family_name"),
        }

    def extract_email_addresses(self, data: dict[str, Any]) -> list[EmailAddress]:
        said = claims(data)
        email = address(said)
        if not email:
            return []
        verified = said.get("email_verified") is True or domain_allowed(self.app, email)
        return [EmailAddress(email=email, verified=verified, primary=True)]


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """No sign-up through a council: link to an invited person, or refuse with a page."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        app: SocialApp = sociallogin.provider.app
        said = claims(sociallogin.account.extra_data)
        try:
            with transaction.atomic():
                check_tenant(app, said)
                if not sociallogin.is_existing:
                    sociallogin.connect(request, person_to_link(app, said))
                follow_token(sociallogin.user, app, said)
        except Refusal as refusal:
            raise ImmediateHttpResponse(refused(request, refusal)) from None

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        name = getattr(getattr(provider, "app", None), "name", "") or "your council"
        response = render(
            request,
            "socialaccount/authentication_error.html",
            {"council": name, "cancelled": error == "cancelled"},
            status=400,
        )
        raise ImmediateHttpResponse(response)


def refused(request: HttpRequest, refusal: Refusal) -> Any:
    return render(
        request,
        "account/council_sign_in_refused.html",
        {"refusal": refusal},
        status=403,
    )


def councils_offered(request: HttpRequest) -> list[SocialApp]:
    """The councils whose buttons the sign-in page shows, in the operator's order."""
    return [
        app
        for app in get_social_adapter(request).list_apps(request, provider="openid_connect")
        if not app.settings.get("hidden")
    ]
