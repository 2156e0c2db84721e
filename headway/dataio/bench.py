"""``make bench-import``: how long validating and importing 10,000 initiatives from .xlsx takes.

Runs in a throwaway SQLite database, so it needs nothing set up and touches no real data.
Prints its figures, in seconds of the clock and of this process's processor time (which a
busy machine shared with other work inflates less); the target is under 10 seconds.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path

COUNT = 10_000
TARGET_SECONDS = 10.0


def build_file(count: int = COUNT) -> bytes:
    """A filled-in portfolio workbook of ``count`` initiatives, as an officer would send."""
    from openpyxl import Workbook

    from headway.dataio.columns import INITIATIVE_COLUMNS

    # A normal workbook, not a write-only one, so the file has the size declaration that
    # Excel and LibreOffice always write (without it openpyxl reads the sheet twice).
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Initiatives"
    sheet.append([c.header for c in INITIATIVE_COLUMNS if not c.export_only])
    kinds = ("Project", "Activity", "Service plan action", "Business as usual")
    statuses = ("Planned", "In progress", "On hold", "Proposed")
    for n in range(count):
        sheet.append(
            [
                f"BEN-{n:05d}",
                f"Benchmark initiative {n}",
                kinds[n % 4],
                f"Service {n % 6}",
                f"{1 + n % 5}; {1 + (n + 2) % 5}",
                "North Borough Council" if n % 2 else "North Borough Council; South",
                dt.datetime(2021, 4, 1) + dt.timedelta(days=n % 180),
                dt.datetime(2023, 3, 31),
                statuses[n % 4],
                "yes" if n % 10 == 0 else "no",
                f"What initiative {n} will deliver, in a sentence or two of plain English.",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _organisation() -> object:
    from headway.accounts.models import Membership, Role, User
    from headway.strategy.models import Organisation, Partner, Priority, Service, Strategy

    organisation = Organisation.objects.create(name="Benchmark Service", slug="benchmark")
    strategy = Strategy.objects.create(
        organisation=organisation, title="Benchmark Strategy", first_year=2000, last_year=2999
    )
    for number in range(1, 6):
        Priority.objects.create(strategy=strategy, number=number, title=f"Priority {number}")
    for number in range(6):
        Service.objects.create(organisation=organisation, name=f"Service {number}")
    Partner.objects.create(organisation=organisation, name="North Borough Council")
    Partner.objects.create(
        organisation=organisation, name="South Borough Council", short_name="South"
    )
    user = User.objects.create(username="bench-admin")
    return Membership.objects.create(user=user, organisation=organisation, role=Role.ADMINISTRATOR)


class _Timer:
    def __init__(self, label: str) -> None:
        self.label = label
        self.seconds = 0.0

    def __enter__(self) -> _Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.wall
        cpu = time.process_time() - self.cpu
        print(f"{self.label}: {self.seconds:.2f} s ({cpu:.2f} s of processor time).")


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="headway-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from headway.dataio.imports import ImportFile, preview_import, run_import
    from headway.strategy.models import Initiative

    call_command("migrate", verbosity=0)
    membership = _organisation()
    started = time.perf_counter()
    data = build_file()
    built = time.perf_counter() - started
    print(f"Wrote a {COUNT:,}-row workbook ({len(data) / 1e6:.1f} MB) in {built:.1f} s.")

    file = ImportFile(
        "portfolio",
        membership.organisation,  # type: ignore[attr-defined]
        data,
        "benchmark.xlsx",
        by=membership,  # type: ignore[arg-type]
    )
    with _Timer(f"Read and checked {COUNT:,} rows (the preview)"):
        preview = preview_import(file)
    assert preview.ok, preview.problems[:5]
    with _Timer(f"Validated and imported {COUNT:,} initiatives") as timer:
        run_import(file)
    imported = timer.seconds
    assert Initiative.objects.count() == COUNT
    with _Timer("Imported the same file again (nothing changes)"):
        again = run_import(file)
    assert not again.changes_anything

    verdict = "within" if imported < TARGET_SECONDS else "OVER"
    print(f"{verdict} the {TARGET_SECONDS:.0f} s target for validating and importing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
