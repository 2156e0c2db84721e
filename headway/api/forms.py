from __future__ import annotations

from typing import Any

from django import forms

from headway.api.tokens import NAME_MAX_LENGTH


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter a name for the token, such as “Power BI refresh”",
            "max_length": f"Enter a name of {NAME_MAX_LENGTH} characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"
