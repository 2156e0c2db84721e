"""On SQLite, index an entry's text again only when an update writes its text. The trigger
of 0001 fired on an update of any column: storing who reads an entry (the ``for_*`` columns
of 0002, written by ``UPDATE`` when a change decides who reads it, and after ``migrate``)
deleted and indexed again its title and body, which had not changed.

The SQL is copied here rather than imported, so this migration stays as it was written."""

from typing import Any

from django.db import migrations

DROP = "DROP TRIGGER IF EXISTS search_fts_update"

# When the title or the body is written (whether or not its value changed).
ON_TEXT = """
    CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """

# 0001's: on an update of any column.
ON_ANY_COLUMN = """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """


def _make_trigger(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute(DROP)
        schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_entry_readers")]

    operations = [
        migrations.RunPython(_make_trigger(ON_TEXT), _make_trigger(ON_ANY_COLUMN)),
    ]
