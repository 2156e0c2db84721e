from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse

from headway.accounts.access import current_membership
from headway.accounts.models import Role

# Error messages in the words GOV.UK's error pattern uses: say what to do, not what failed.
MESSAGES = {
    "username_password_mismatch": "Enter a correct username or email address and password",
    "email_password_mismatch": "Enter a correct username or email address and password",
    "too_many_login_attempts": (
        "You have tried to sign in too many times. Wait 5 minutes, then try again"
    ),
    "enter_current_password": "Enter your current password",
    "incorrect_password": "Enter your current password correctly",
    "unknown_email": "Enter the email address your performance team gave your account",
    "account_inactive": "Your account is switched off. Ask your performance team about it",
}


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators, never by sign-up."""

    error_messages = {**DefaultAccountAdapter.error_messages, **MESSAGES}

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Where signing in lands when no page was asked for: a service lead comes to write
        their returns, so their task list; everyone else the home page."""
        membership = current_membership(request)
        if membership is not None and membership.role == Role.SERVICE_LEAD:
            return reverse("progress:my_returns")
        return super().get_login_redirect_url(request)

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # Signing in is its own confirmation: the page you asked for opens. A banner
        # saying so on every sign-in would be noise.
        if message_template == "account/messages/logged_in.txt":
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)
