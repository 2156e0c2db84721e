"""The people pages' forms: they read what was typed; ``headway.accounts.people`` decides."""

from __future__ import annotations

from typing import Any

from django import forms

from headway.accounts.models import Role
from headway.accounts.people import RoleChoice
from headway.forms import GovukForm
from headway.strategy.models import Organisation, Partner, Service

ROLE_HINTS = {
    Role.ADMINISTRATOR: "Runs the cycle and the organisation's settings, and adds people",
    Role.REVIEWER: "Approves or returns updates, and writes and approves committee reports",
    Role.SERVICE_LEAD: "Writes and submits the updates for their services' initiatives",
    Role.PARTNER_CONTACT: "Answers consultations for their council, and reads the portfolio",
    Role.VIEWER: "Reads the portfolio and published reports, for example a committee member",
}


class RoleForm(GovukForm):
    role = forms.ChoiceField(choices=Role.choices, error_messages={"required": "Choose a role"})
    services = forms.ModelMultipleChoiceField(
        queryset=Service.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose from your organisation's services"},
    )
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose one of your organisation's partner councils"},
    )

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = self.fields["services"]
        partner = self.fields["partner"]
        assert isinstance(services, forms.ModelMultipleChoiceField)
        assert isinstance(partner, forms.ModelChoiceField)
        services.queryset = Service.objects.filter(organisation=organisation)
        partner.queryset = Partner.objects.filter(organisation=organisation)

    def choice(self) -> RoleChoice:
        """The role chosen, keeping only what goes with it (services for a lead, a council
        for a partner contact), whatever else was ticked before the role changed."""
        data = self.cleaned_data
        role = data["role"]
        return RoleChoice(
            role,
            tuple(data["services"]) if role == Role.SERVICE_LEAD else (),
            data["partner"] if role == Role.PARTNER_CONTACT else None,
        )

    def role_items(self) -> list[dict[str, str]]:
        return [
            {"value": value, "text": label, "hint": ROLE_HINTS[Role(value)]}
            for value, label in Role.choices
        ]


class InviteForm(RoleForm):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    first_name = forms.CharField(
        max_length=150, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(max_length=150, required=False)

    field_order = ["first_name", "last_name", "email", "role", "services", "partner"]


class ConfirmForm(GovukForm):
    """A button: the page says what it does."""


class ResetSecondStepForm(GovukForm):
    reason = forms.CharField(
        max_length=400,
        error_messages={
            "required": "Say why you are resetting their two-step sign-in",
            "max_length": "Say why in 400 characters or fewer",
        },
    )
