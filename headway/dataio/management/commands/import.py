"""headway import portfolio|updates|figures FILE [--period P] [--organisation SLUG] [--user NAME]
[--correction] [--dry-run]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.dataio.commandline import find_administrator, find_organisation, find_period
from headway.dataio.imports import KINDS, PERIOD_KINDS, ImportFile, run_import
from headway.dataio.preview import Action, Preview
from headway.dataio.problems import FileRefused


class Command(BaseCommand):
    help = (
        "Import the portfolio, or a period's returns or performance figures, from an .xlsx "
        "or .csv file, all or nothing. Prints what the file changes; exits with status 1 and "
        "every problem found if the file is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS, help="What the file holds.")
        parser.add_argument("file", type=Path, help="The .xlsx or .csv file.")
        parser.add_argument(
            "--period", help="For returns: the quarter, e.g. 2021-22-Q3 (default: the open one)."
        )
        parser.add_argument("--organisation", help="The organisation's slug, if there are several.")
        parser.add_argument(
            "--user",
            help="The administrator importing: named in the history, and submitting returns "
            "(required for returns).",
        )
        parser.add_argument(
            "--correction",
            action="store_true",
            help="Let the file correct existing initiatives' priorities, planned dates and "
            "status, which otherwise change only through change requests.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what it would do."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        organisation = find_organisation(options["organisation"])
        by = find_administrator(organisation, options["user"])
        period = None
        if options["kind"] in PERIOD_KINDS:
            period = find_period(organisation, options["period"])
            if by is None:
                raise CommandError(
                    f"Name the administrator submitting the {options['kind']} with --user."
                )
        file = ImportFile(
            options["kind"],
            organisation,
            path.read_bytes(),
            path.name,
            by=by,
            period=period,
            correction=options["correction"],
        )
        try:
            preview = run_import(file, dry_run=options["dry_run"])
        except FileRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            count = len(refused.problems)
            raise CommandError(
                f"{path.name} was refused ({count} problem{'s' if count != 1 else ''}): "
                "nothing was imported."
            ) from None
        self._report(preview, options["verbosity"])
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was saved.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {path.name}."))

    def _report(self, preview: Preview, verbosity: int) -> None:
        for row in preview.rows:
            if row.action == Action.UNCHANGED and verbosity < 2:
                continue
            if row.action == Action.CREATE and verbosity < 2:
                continue
            where = f"{row.sheet} row {row.row}" if row.sheet else f"Row {row.row}"
            changes = "; ".join(f"{c.column}: {c.old} → {c.new}" for c in row.changes)
            self.stdout.write(
                f"{where} {row.reference}: {row.action.label}"
                + (f" ({changes})" if changes else "")
            )
        counts = {action: preview.count(action) for action in Action}
        if preview.kind in PERIOD_KINDS:
            summary = f"{counts[Action.SUBMIT]} to submit"
        else:
            summary = (
                f"{counts[Action.CREATE]} to add, {counts[Action.UPDATE]} to change; "
                f"milestones: {preview.count(Action.CREATE, 'Milestones')} to add, "
                f"{preview.count(Action.UPDATE, 'Milestones')} to change"
            )
        self.stdout.write(f"{preview.filename}: {summary}; {counts[Action.UNCHANGED]} unchanged.")
