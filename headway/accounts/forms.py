from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm
from django import forms

from headway.accounts import local_passwords


class SignInForm(LoginForm):
    """allauth's sign-in form, with errors that say what to enter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].error_messages["required"] = "Enter your username or email address"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        user = getattr(self, "user", None)
        if user is not None and not local_passwords.allowed_for(self.request, user):
            raise forms.ValidationError(
                "Your organisation signs in with council accounts: use your council's button"
            )
        return cleaned
