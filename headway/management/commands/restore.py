"""headway restore FILE [--replace] [--check]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.backups.archive import checked_backup, describe, restore_backup
from headway.backups.database import BackupError


class Command(BaseCommand):
    help = (
        "Restore a file written by `headway backup`: its database and its stored files. The "
        "whole file is checked first; a database that holds data is replaced only with --replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the data this Headway already holds (stop its web and task workers).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Only check the file and say what it would do."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with checked_backup(path) as checked:
                for line in describe(checked):
                    self.stdout.write(line)
                if options["check"]:
                    self.stdout.write(self.style.SUCCESS("The file is sound; nothing was changed."))
                    return
                restore_backup(checked, replace=options["replace"])
        except BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {path}."))
