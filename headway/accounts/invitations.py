"""The invitation e-mail: a link to choose a password, made with allauth's password-reset
tokens, so it works once (choosing a password changes what the token was made from) and for
``PASSWORD_RESET_TIMEOUT`` (three days by default)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from headway.accounts.models import Membership, User
from headway.accounts.people import role_of

# Turns a path into an address on the server the invitation is sent from.
AbsoluteUrl = Callable[[str], str]

log = logging.getLogger(__name__)

VALID_DAYS = settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)


def set_password_path(user: User) -> str:
    return reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


def send_invitation(membership: Membership, absolute: AbsoluteUrl, by: User | None) -> bool:
    """E-mail the person what they have been given and how to start. Someone who already has
    a password is sent to sign in; anyone else gets a link to choose one. False if the email
    could not be sent."""
    user = membership.user
    organisation = membership.organisation.name
    opening = f"{by} has given you" if by else "You have been given"
    role = role_of(membership).describe()
    if user.has_usable_password():
        start = (
            f"Sign in with your usual Headway username and password:\n"
            f"{absolute(reverse('account_login'))}\n"
        )
    else:
        start = (
            f"Choose a password to start (the link works once, for {VALID_DAYS} days):\n"
            f"{absolute(set_password_path(user))}\n\n"
            f"Your username is {user.username}. If the link has expired, ask for a new one on "
            f"the sign-in page or ask your performance team to send the invitation again.\n"
        )
    body = (
        f"{opening} a role in {organisation} on Headway: {role}.\n\n"
        f"Headway is where {organisation} tracks its strategy and writes its quarterly "
        f"progress report.\n\n{start}"
    )
    message = EmailMessage(
        subject=f"You have been invited to {organisation} on Headway", body=body, to=[user.email]
    )
    try:
        message.send()
    except Exception:
        # The account is made either way: the page says the email failed and offers to send
        # it again, rather than losing what the administrator entered to a mail server.
        log.exception("Could not send an invitation to %s", user.email)
        return False
    return True
