"""The audit page's filters and the retention setting's form."""

from __future__ import annotations

from typing import Any

from django import forms

from headway.accounts.models import Membership
from headway.audit.feed import AuditFilter, kind_choices
from headway.forms import DateField, GovukForm
from headway.strategy.models.organisation import (
    AUDIT_RETENTION_MAX,
    AUDIT_RETENTION_MESSAGE,
    AUDIT_RETENTION_MIN,
)


class AuditFilterForm(GovukForm):
    person = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose one of the organisation's people"},
    )
    kind = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose a kind of record"}
    )
    since = DateField(label="From", required=False)
    until = DateField(label="To", required=False)

    def __init__(self, data: Any, organisation_id: int) -> None:
        super().__init__(data)
        people = (
            Membership.objects.filter(organisation_id=organisation_id)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__username")
        )
        person: Any = self.fields["person"]
        person.choices = [("", "Everyone"), *((m.user_id, str(m.user)) for m in people)]
        kind: Any = self.fields["kind"]
        kind.choices = [("", "Every kind"), *kind_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be the same as or after the start date")
        return data

    def wanted(self) -> AuditFilter:
        """The filters that were typed correctly (the page says what is wrong with the rest)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return AuditFilter(
            person=data.get("person"),
            kind=data.get("kind") or "",
            since=data.get("since"),
            until=data.get("until"),
        )

    @property
    def is_filtered(self) -> bool:
        return any(value for value in (self.data or {}).values() if value not in ("", None))


class RetentionForm(GovukForm):
    error_aliases = {"audit_retention_years": "years"}
    years = forms.IntegerField(
        min_value=AUDIT_RETENTION_MIN,
        max_value=AUDIT_RETENTION_MAX,
        error_messages={
            "required": "Enter how many years to keep the audit record",
            "invalid": "Enter a whole number of years, such as 7",
            "min_value": AUDIT_RETENTION_MESSAGE,
            "max_value": AUDIT_RETENTION_MESSAGE,
        },
    )
