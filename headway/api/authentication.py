"""How API requests say who they are: a bearer token, or the browser's session.

A token works in the organisation it was made for, with its owner's role there; the
membership is put where ``current_membership`` finds it, so the API and the pages work out
who is asking in one way.
"""

from __future__ import annotations

from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from headway.accounts.models import Membership, User
from headway.api.models import ApiToken
from headway.api.tokens import find_token, record_use

KEYWORD = "Bearer"


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer hw_…``. Revoked or unknown tokens are refused with 401."""

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != KEYWORD.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as “Authorization: Bearer hw_…”, with no spaces in the token."
            )
        token = find_token(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(
                "This token is not known. Check it was copied whole, or make a new one on "
                "the API tokens page."
            )
        if token.revoked_at is not None:
            when = timezone.localtime(token.revoked_at)
            raise exceptions.AuthenticationFailed(
                f"This token was revoked on {when:%-d %B %Y at %H:%M}. Make a new one on the "
                "API tokens page."
            )
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed("This token's owner can no longer sign in.")
        membership = (
            Membership.objects.filter(user=user, organisation=token.organisation_id)
            .select_related("organisation", "partner")
            .first()
        )
        if membership is None:
            raise exceptions.AuthenticationFailed(
                f"This token's owner is no longer a member of {token.organisation}."
            )
        record_use(token, request.method or "", request.get_full_path())
        # Where current_membership looks first: the token's organisation, not the session's.
        request._request._membership = membership  # type: ignore[attr-defined]
        return user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (with this challenge), not 403, when no one is signed in.
        return f'{KEYWORD} realm="api"'
