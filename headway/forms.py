"""Django forms shaped for GOV.UK Frontend's components, shared by every area of Headway.

``GovukForm`` gives the error summary its links (to each field's first box), and takes the
``ValidationError`` a rule raised, keyed by field, onto the fields it names.
``DateField`` reads GOV.UK's date input: three boxes named ``<name>-day``, ``-month`` and
``-year``. Templates render the fields with the macros in ``includes/fields.html``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import HttpRequest, QueryDict

from headway.lib.dates import PARTS, DateProblem, date_from_parts, parts_of


class DatePartsWidget(forms.Widget):
    """Three boxes; its value is ``{"day": .., "month": .., "year": ..}`` as typed."""

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> Any:
        return {part: str(data.get(f"{name}-{part}", "")) for part in PARTS}

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in PARTS)


class DateField(forms.Field):
    widget = DatePartsWidget

    def to_python(self, value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        try:
            return date_from_parts(
                value.get("day", ""),
                value.get("month", ""),
                value.get("year", ""),
                str(self.label or "Date"),
            )
        except DateProblem as problem:
            raise ValidationError(
                str(problem), code="date", params={"parts": problem.parts}
            ) from None

    def parts(self, value: Any) -> dict[str, str]:
        """What the boxes show: as typed, or the stored date."""
        if isinstance(value, dict):
            return {part: str(value.get(part, "")) for part in PARTS}
        return parts_of(value if isinstance(value, date) else None)


class GovukForm(forms.Form):
    """A form whose errors GOV.UK's error summary and inline messages can show."""

    # Where an error a rule files under another name belongs on this form.
    error_aliases: dict[str, str] = {}

    def anchor(self, name: str) -> str:
        """The id of the field's first box: what its error-summary link points to."""
        field = self.fields.get(name)
        if isinstance(field, DateField):
            return f"{name}-{self.marked_parts(name)[0]}"
        return name

    def marked_parts(self, name: str) -> tuple[str, ...]:
        """The boxes of a date field to mark as wrong: all three unless the error says."""
        for error in self.errors.as_data().get(name, []):
            if error.params and "parts" in error.params:
                return tuple(error.params["parts"])
        return PARTS

    def error_list(self) -> list[dict[str, str]]:
        """Every message, linked to its field, in the order the fields are shown."""
        items = []
        first = next(iter(self.fields), None)
        for message in self.non_field_errors():
            href = f"#{self.anchor(first)}" if first else "#main-content"
            items.append({"text": str(message), "href": href})
        for name in self.fields:
            for message in self.errors.get(name, []):
                items.append({"text": str(message), "href": f"#{self.anchor(name)}"})
        return items

    def date_parts(self, name: str) -> dict[str, str]:
        field = self.fields[name]
        assert isinstance(field, DateField)
        return field.parts(self[name].value())

    def refused(self, error: ValidationError) -> None:
        """Show what a rule refused: each message on the field it names, others at the top."""
        if self._errors is None:  # type: ignore[has-type]
            self._errors = ErrorDict()
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            name = self.error_aliases.get(key, key)
            self.add_error(name if name in self.fields else None, errors)

    @contextmanager
    def showing_refusal(self) -> Iterator[None]:
        """Run a rule's write and what follows it (the message, the redirect): if the rule
        refuses, the form shows why and the rest of the block is skipped, so the view goes on
        to render the form again."""
        try:
            yield
        except ValidationError as error:
            self.refused(error)


def posted(request: HttpRequest) -> QueryDict | None:
    """What a form is bound to: the POST's fields, even if there are none, else nothing."""
    return request.POST if request.method == "POST" else None
