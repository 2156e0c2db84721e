"""Writing many rows at once: ``COPY`` on PostgreSQL, batched inserts elsewhere.

Rows are plain tuples in the order of the columns named, with their ids given: the caller
reserves ids first (``reserve_ids``) so that rows of one table can point at rows of another
before either is written. Nothing here runs a model's ``save()``, ``clean()`` or signals,
and simple-history records nothing: the caller builds rows that keep the models' rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

BATCH_SIZE = 2000


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` new ids for ``model``'s table, safe beside other writers on PostgreSQL.

    Elsewhere (SQLite, for tests and small runs) the ids follow the highest one in use:
    run it while nothing else writes."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')
        (highest,) = cursor.fetchone() or (0,)
    return list(range(highest + 1, highest + 1 + count))


def write_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Write ``rows`` into ``model``'s table; ``fields`` names the model's fields (or
    attnames, such as ``initiative_id``) in the rows' order. Returns the number written."""
    meta = model._meta
    prepared = [_field(model, name) for name in fields]
    columns = [field.column for field in prepared]
    json_at = [i for i, field in enumerate(prepared) if isinstance(field, models.JSONField)]
    written = 0
    quoted = ", ".join(f'"{column}"' for column in columns)
    with connection.cursor() as cursor:
        if is_postgresql():
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(f'COPY "{meta.db_table}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(_json_as_text(row, json_at))
                    written += 1
            return written
        placeholders = ", ".join("%s" for _ in columns)
        sql = f'INSERT INTO "{meta.db_table}" ({quoted}) VALUES ({placeholders})'
        batch: list[list[Any]] = []
        for row in rows:
            batch.append(
                [
                    field.get_db_prep_save(value, connection) if i not in json_at else _text(value)
                    for i, (field, value) in enumerate(zip(prepared, row, strict=True))
                ]
            )
            if len(batch) == BATCH_SIZE:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name.removesuffix("_id"))
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a column.")
    return field


def _text(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _json_as_text(row: Sequence[Any], json_at: list[int]) -> Sequence[Any]:
    if not json_at:
        return row
    values = list(row)
    for i in json_at:
        values[i] = _text(values[i])
    return values
