"""headway export portfolio|updates|change-requests [--period P] --format csv|xlsx [--out FILE]"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.dataio.commandline import find_organisation, find_period
from headway.dataio.exports import (
    FORMATS,
    ChangeRequestFilters,
    UpdateFilters,
    change_requests_export,
    portfolio_export,
    updates_export,
)
from headway.strategy.portfolio import PortfolioFilters


class Command(BaseCommand):
    help = "Export the portfolio, a period's returns or the change requests as CSV or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=("portfolio", "updates", "change-requests"))
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument(
            "--period", help="For returns: the quarter, e.g. 2021-22-Q3 (default: the open one)."
        )
        parser.add_argument("--organisation", help="The organisation's slug, if there are several.")
        parser.add_argument(
            "--out", type=Path, help="The file to write; standard output if not given."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = find_organisation(options["organisation"])
        what = options["what"]
        if what == "portfolio":
            export = portfolio_export(organisation, PortfolioFilters())
        elif what == "updates":
            export = updates_export(find_period(organisation, options["period"]), UpdateFilters())
        else:
            export = change_requests_export(organisation, ChangeRequestFilters())
        content = export.render(options["format"])
        out: Path | None = options["out"]
        if out is None:
            if options["format"] == "xlsx" and sys.stdout.isatty():
                raise CommandError("Give --out FILE: a workbook is not for the terminal.")
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
        out.write_bytes(content)
        self.stderr.write(f"Wrote {out} ({len(content):,} bytes).")
