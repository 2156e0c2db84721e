"""Write demo records by their natural keys: validated, and left alone when already right.

Leaving unchanged records unsaved keeps a second run from writing anything, so the audit
history shows only what really changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def upsert(model: type[M], key: Mapping[str, Any], values: Mapping[str, Any]) -> M:
    """The record with this natural key, created or updated to hold ``values``.

    Every record written goes through ``full_clean()``, so the demo proves the models' rules.
    """
    record = model._default_manager.filter(**key).first()
    if record is None:
        record = model(**key, **values)
    else:
        changed = changes(record, values)
        if not changed:
            return record
        for name, value in changed.items():
            setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


def changes(record: models.Model, values: Mapping[str, Any]) -> dict[str, Any]:
    """The ``values`` that differ from what ``record`` holds."""
    return {
        name: value for name, value in values.items() if _stored(record, name) != _comparable(value)
    }


def _stored(record: models.Model, name: str) -> Any:
    field = record._meta.get_field(name)
    # Compare foreign keys by id, so that checking costs no query.
    if isinstance(field, models.ForeignKey):
        return getattr(record, field.attname)
    return getattr(record, name)


def _comparable(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value
