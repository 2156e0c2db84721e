"""How the audit page writes a stored value: foreign keys as names, choices as their labels,
dates as people read them; and the names of the people and objects an entry is about, looked
up once per kind of object for a whole page of entries."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import timezone

# How much of a long value the list shows; the entry's own page shows all of it.
SHORT = 150


class Names:
    """Names of related objects, gathered for a page of entries and then looked up with one
    query per model. A deleted object is named from its last history record if it has one."""

    def __init__(self) -> None:
        self._wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self._found: dict[type[models.Model], dict[Any, str]] = {}

    def want(self, model: type[models.Model], pk: Any) -> None:
        if pk is not None:
            self._wanted[model].add(pk)

    def resolve(self) -> None:
        for model, pks in self._wanted.items():
            found = self._found.setdefault(model, {})
            missing = pks - found.keys()
            if not missing:
                continue
            # select_related(): names such as a return's ("Payroll — 2021-22 Q3") read the
            # objects it must have, so naming a page of them takes one query.
            rows = model._default_manager.select_related().in_bulk(list(missing))
            for pk, obj in rows.items():
                found[pk] = str(obj)
            gone = missing - found.keys()
            history = getattr(model, "history", None)
            if gone and history is not None:
                for record in history.filter(id__in=list(gone)).order_by("id", "history_date"):
                    title = getattr(record, "title", None) or getattr(record, "name", None)
                    if title:
                        found[record.id] = f"{title} (deleted)"
            for pk in gone - found.keys():
                found[pk] = f"{str(model._meta.verbose_name).capitalize()} {pk} (deleted)"
        self._wanted.clear()

    def name(self, model: type[models.Model], pk: Any) -> str:
        if pk is None:
            return ""
        return self._found.get(model, {}).get(pk, f"{model._meta.verbose_name} {pk}")


def shown(field: models.Field[Any, Any] | None, value: Any, names: Names) -> str:
    """A stored value as the page writes it; empty for no value."""
    if value is None or value == "":
        return ""
    if field is not None and field.is_relation and field.related_model is not None:
        related: Any = field.related_model
        return names.name(related, value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{local:%H:%M} on {local:%-d %B %Y}"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def short(text: str) -> str:
    """The start of a long value, for the list."""
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def label(field: models.Field[Any, Any]) -> str:
    """A field's name as people read it: ``Planned end``."""
    verbose = str(getattr(field, "verbose_name", field.name))
    return verbose[:1].upper() + verbose[1:]
