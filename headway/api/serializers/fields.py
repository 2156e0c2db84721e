"""Fields whose refusals say what to send instead."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from rest_framework import serializers

# The largest id a database holds (a signed 64-bit integer): anything above is no record.
MAX_ID = 2**63 - 1


def choice(choices: Iterable[tuple[str, Any]], what: str, **kwargs: Any) -> serializers.ChoiceField:
    """A choice whose refusal lists the values it takes."""
    choices = list(choices)
    values = ", ".join(value for value, _label in choices)
    return serializers.ChoiceField(
        choices=choices,
        error_messages={"invalid_choice": f"Choose {what}: one of {values}."},
        **kwargs,
    )


class ScopedPrimaryKey(serializers.PrimaryKeyRelatedField):
    """An id that must name one of the requester's organisation's records.

    ``scope`` takes the serializer's context and gives the records the id may name, so a
    record of another organisation is refused as if it did not exist.
    """

    def __init__(self, model: type[Model], scope: Any, what: str, **kwargs: Any) -> None:
        self.scope = scope
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": f"Choose one of your organisation's {what}: there is none "
                "with id {pk_value}.",
                "incorrect_type": f"Give the {what} by its id, a whole number.",
            },
        )
        # The placeholder tells the schema the id's type; get_queryset gives the real records.
        super().__init__(queryset=model._default_manager.none(), **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        queryset: QuerySet[Any] = self.scope(self.context)
        return queryset

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class ScopedSlug(serializers.SlugRelatedField):
    """``ScopedPrimaryKey`` for records named by a code, such as a status's ``green``."""

    def __init__(self, model: type[Model], scope: Any, slug_field: str, **kwargs: Any) -> None:
        self.scope = scope
        super().__init__(slug_field=slug_field, queryset=model._default_manager.none(), **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        queryset: QuerySet[Any] = self.scope(self.context)
        return queryset
