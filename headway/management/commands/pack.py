"""headway pack --period 2021-22-Q3 [--committee NAME] --out DIR"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.committee.packs import pack_files
from headway.committee.reports import find_committee, report_for
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation


class Command(BaseCommand):
    help = (
        "Write a period's committee pack (report.docx, appendix.pptx, report.html, report.pdf, "
        "data.json), drafting and snapshotting the report if it has none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="The quarter, e.g. 2021-22-Q3.")
        parser.add_argument("--committee", help="The committee's name or slug.")
        parser.add_argument("--organisation", help="The organisation's slug, if there are several.")
        parser.add_argument("--out", required=True, type=Path, help="The folder to write to.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            quarter = Quarter.parse(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        organisation = self._organisation(options["organisation"])
        period = ReportingPeriod.objects.filter(
            organisation=organisation, year=quarter.year, quarter=quarter.number
        ).first()
        if period is None:
            raise CommandError(f"{organisation} has no reporting period {quarter.label}.")
        started = time.perf_counter()
        try:
            committee = find_committee(period, options["committee"])
            report = report_for(period, committee)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        files = pack_files(report)
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (out / name).write_bytes(content)
            self.stdout.write(f"{out / name}  {len(content):,} bytes")
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Wrote the {period.label} pack for {committee} in {seconds:.1f} s.")
        )

    def _organisation(self, slug: str | None) -> Organisation:
        if slug:
            found = Organisation.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"No organisation has the slug {slug!r}.")
            return found
        organisations = list(Organisation.objects.all()[:2])
        if len(organisations) != 1:
            raise CommandError(
                "Name the organisation with --organisation SLUG."
                if organisations
                else "There is no organisation yet: run `headway demo --no-serve` or add one."
            )
        return organisations[0]
