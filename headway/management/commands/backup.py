"""headway backup --out FILE"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.backups.archive import create_backup
from headway.backups.database import ENGINE_NAMES, BackupError


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump's custom format on PostgreSQL, SQLite's backup API on "
        "SQLite) and the stored files under MEDIA_ROOT to one file, with a manifest of hashes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out", required=True, type=Path, help="The file to write, e.g. headway.tar.gz."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        if out.is_dir():
            raise CommandError(f"{out} is a folder: name the file to write, e.g. {out}/x.tar.gz.")
        try:
            manifest = create_backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {out} ({out.stat().st_size:,} bytes): the "
                f"{ENGINE_NAMES[manifest.engine]} database ({len(manifest.tables)} tables, "
                f"{manifest.rows:,} rows) and {len(manifest.media_files):,} stored files from "
                f"{settings.MEDIA_ROOT}."
            )
        )
