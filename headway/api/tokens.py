"""Making, checking and revoking API tokens: the one place their rules live.

A token reads ``hw_`` followed by 43 random characters. Its first 11 characters (the
prefix) are stored as they are, so a person can tell their tokens apart and a request's
token is found by an indexed look-up; the whole token is stored only as its SHA-256 hash.
A 256-bit random secret needs no slow password hash: it cannot be guessed from its hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from headway.accounts.models import Membership, Role, User
from headway.api.models import ApiToken, TokenUse
from headway.strategy.models import Organisation

TOKEN_START = "hw_"
PREFIX_LENGTH = 11
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length or 100


# Who may make their own tokens on the API tokens page: the roles that write through the API.
# Viewers and partner contacts read what the pages show them; an operator can still give one
# a token with `headway token create`, and they can then see and revoke it on the page.
TOKEN_MAKER_ROLES = (Role.ADMINISTRATOR, Role.REVIEWER, Role.SERVICE_LEAD)


def may_make_tokens(membership: Membership) -> bool:
    return membership.role in TOKEN_MAKER_ROLES


def may_see_tokens_page(membership: Membership) -> bool:
    """Whether the API tokens page has anything for this person: a token to make, or one of
    their own to see and revoke."""
    return (
        may_make_tokens(membership)
        or ApiToken.objects.filter(user_id=membership.user_id, revoked_at__isnull=True).exists()
    )


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``secret`` is the only copy of it there will ever be."""

    token: ApiToken
    secret: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token, such as “Power BI refresh”."})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError({"name": f"Enter a name of {NAME_MAX_LENGTH} characters or fewer."})
    return name


def create_token(user: User, organisation: Organisation, name: str) -> NewToken:
    """Make a token for ``user`` to work in ``organisation`` with the role they have there."""
    name = _clean_name(name)
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise PermissionDenied(f"{user} is not a member of {organisation}.")
    for _attempt in range(5):
        secret = TOKEN_START + secrets.token_urlsafe(32)
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user,
                    organisation=organisation,
                    name=name,
                    prefix=secret[:PREFIX_LENGTH],
                    secret_hash=hash_secret(secret),
                )
        except IntegrityError:
            continue  # Two tokens' prefixes matched: draw again.
        return NewToken(token=token, secret=secret)
    raise RuntimeError("Could not draw a token with a prefix of its own.")


def find_token(secret: str) -> ApiToken | None:
    """The token ``secret`` is, revoked or not; None if it is no token of Headway's."""
    if not secret.startswith(TOKEN_START) or len(secret) <= PREFIX_LENGTH:
        return None
    token = (
        ApiToken.objects.select_related("user", "organisation")
        .filter(prefix=secret[:PREFIX_LENGTH])
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        return None
    return token


def record_use(token: ApiToken, method: str, path: str, at: datetime | None = None) -> TokenUse:
    """Note that the token was used, and when, before the request does anything."""
    at = at or timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    token.last_used_at = at
    return TokenUse.objects.create(token=token, at=at, method=method[:10], path=path[:500])


def revoke_token(token: ApiToken, by: User) -> ApiToken:
    """Stop the token working, for good. Only its owner revokes it here (staff: the admin)."""
    if token.user_id != by.pk:
        raise PermissionDenied("Only the person who made a token may revoke it.")
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token.refresh_from_db(fields=["revoked_at"])
    return token


def tokens_of(user: User) -> list[ApiToken]:
    """A person's tokens, the working ones first, newest first."""
    return list(
        ApiToken.objects.filter(user=user)
        .select_related("organisation")
        .order_by(F("revoked_at").asc(nulls_first=True), "-created_at", "-id")
    )
