"""Which roles read each search entry, stored on it; existing entries filled by the rules."""

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


def fill_readers(apps: Any, schema_editor: Any) -> None:
    """Store who reads each existing entry, by its source's rule, with the code the index
    writes them with (``headway.search.audience``). A new install's index is empty."""
    from headway.search.audience import write_readers
    from headway.search.registry import SOURCES

    entries = apps.get_model("search", "SearchEntry").objects.using(schema_editor.connection.alias)
    for name in list(entries.values_list("source", flat=True).distinct().order_by("source")):
        # An entry of a source no longer registered stays read by nobody, as before.
        if name in SOURCES:
            write_readers(entries.filter(source=name), SOURCES[name])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        # The rules that fill the columns read these apps' tables as they are now.
        ("accounts", "0005_sessions_ended"),
        ("committee", "0007_publish_imported_reports"),
        ("indicators", "0001_initial"),
        ("organisation", "0002_move_organisational_change_events"),
        ("progress", "0009_alter_periodevent_kind"),
        ("roadmap", "0002_decided_at_meeting"),
        ("strategy", "0009_organisation_require_second_factor"),
    ]

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
        migrations.RunPython(fill_readers, migrations.RunPython.noop),
    ]
