from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core.internal import ratelimit
from django.http import HttpRequest
from django.urls import reverse

from headway.accounts.access import current_membership
from headway.accounts.models import Role

# Error messages in the words GOV.UK's error pattern uses: say what to do, not what failed.
MESSAGES = {
    "username_password_mismatch": "Enter a correct username or email address and password",
    "email_password_mismatch": "Enter a correct username or email address and password",
    "too_many_login_attempts": (
        "You have tried to sign in too many times. Wait a few minutes and try again, "
        "or reset your password"
    ),
    "enter_current_password": "Enter your current password",
    "incorrect_password": "Enter your current password correctly",
    "unknown_email": "Enter the email address your performance team gave your account",
    "account_inactive": "Your account is switched off. Ask your performance team about it",
}


# allauth's rate limits are read from its account settings (ACCOUNT_RATE_LIMITS).
APP = "allauth.account"


def _login_name(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email", credentials.get("username", ""))).lower()


def login_failure_key(request: HttpRequest, name: str) -> str:
    """Where failed sign-ins from this address under this name are counted."""
    return f"{ratelimit.get_ip(request)}:{name.lower()}"


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators, never by sign-up.

    Failed passwords are counted in the shared cache (settings.CACHES), so every web process
    sees the same counts (ACCOUNT_RATE_LIMITS sets the numbers). The lockout is per address
    and account: an attacker guessing from one address slows only themselves, and the person
    signing in from their own address is not locked out by it. A ceiling per account, high
    enough to need many addresses, stops a spread-out attack; whoever it locks can still
    reset their password (which clears their counts) or use their council's account.
    """

    error_messages = {**DefaultAccountAdapter.error_messages, **MESSAGES}

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        return login_failure_key(request, _login_name(credentials))

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Changing one's second steps asks for the password again, unless it was given in
        the last few minutes: someone sent to set one up just after signing in is not asked
        twice in a row."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        if request is None or not request.user.is_authenticated:
            return True
        records = get_authentication_records(request, request.user)
        entered = [r["at"] for r in records if r.get("method") in ("password", "mfa")]
        window = account_settings.REAUTHENTICATION_TIMEOUT
        return not entered or time.time() - max(entered) >= window

    def get_login_stages(self) -> list[str]:
        """allauth's, with its second step replaced by Headway's, which a council's account
        skips (headway.accounts.second_factor)."""
        return [
            "headway.accounts.second_factor.PasswordSecondStep"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        self._account_failed_usage = ratelimit.consume(
            request, app=APP, action="login_failed_account", key=_login_name(credentials)
        )
        if not self._account_failed_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def _rollback_login_failed_rl_usage(self) -> None:
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_failed_usage", None)
        if usage:
            usage.rollback()

    def forget_failures(self, request: HttpRequest, user: Any) -> None:
        """After a password reset: the person starts afresh from their address, under each
        name they sign in with, and the account's ceiling is lifted. Other addresses' counts
        stay: whoever made them does not know the new password either."""
        names = {user.username, user.email}
        names |= set(user.emailaddress_set.values_list("email", flat=True))
        for name in filter(None, names):
            credentials = {"username": name}
            ratelimit.clear(
                request,
                app=APP,
                action="login_failed",
                key=self._get_login_attempts_cache_key(request, **credentials),
            )
            ratelimit.clear(
                request, app=APP, action="login_failed_account", key=_login_name(credentials)
            )

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_password_reset_mail(self, user: Any, email: str, context: dict[str, Any]) -> None:
        """No link for someone whose organisation has switched Headway's passwords off: a
        password they chose could not sign them in. They are told how they do sign in."""
        from headway.accounts import local_passwords

        if local_passwords.allowed_for(self.request, user):
            super().send_password_reset_mail(user, email, context)
            return
        sign_in = self.request.build_absolute_uri(reverse("account_login"))
        self.send_mail(
            "account/email/password_reset_council", email, {**context, "sign_in_url": sign_in}
        )

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
