"""Which roles read each search entry, stored on it. The entries already there are filled after
the migrations, with the rules as they are then (``headway.search.audience.fill_unread``)."""

from importlib import import_module
from typing import Any

from django.db import migrations, models

INITIAL = import_module("headway.search.migrations.0001_initial")

ROLE_FIELDS = (
    "for_administrators",
    "for_reviewers",
    "for_service_leads",
    "for_partner_contacts",
    "for_viewers",
)


def restore_sqlite_index(apps: Any, schema_editor: Any) -> None:
    """SQLite adds a column that is not null by copying the table into a new one, which
    drops the triggers that keep the full-text table in step: make them again, and the
    full-text index again from the rows (whose ids the copy kept)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in INITIAL.SQLITE_UNDO[:3] + INITIAL.SQLITE[2:]:
        schema_editor.execute(sql)
    schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        # Undoing removes the columns, copying the table again: the index is made again then.
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_index),
        *[
            migrations.AddField(
                model_name="searchentry",
                name=name,
                field=models.BooleanField(default=False),
            )
            for name in ROLE_FIELDS
        ],
        migrations.RunPython(restore_sqlite_index, migrations.RunPython.noop),
    ]
