"""``make bench-load`` keeps working: a short run with 3 people, served as in production.

Not timed: it checks that every kind of person gets through with no error and that every
save Headway acknowledged is in the database. The figures are printed (pytest -s shows them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from headway.bench.load import check_saves, drive, report
from headway.bench.site import demo_site

# Its processes use databases of their own (a SQLite file), not the suite's: `make
# test` runs it in the SQLite run only.
pytestmark = pytest.mark.own_databases


def test_a_short_load_run_has_no_error_and_loses_no_update(tmp_path: Path) -> None:
    with demo_site(None, tmp_path) as site:
        with site.served(workers=2):
            tally = drive(site, users=3, seconds=5, think=0.5)
        check = check_saves(site, tally.saves)
        # The check itself finds a save that never reached the database.
        invented = check_saves(site, [(1, "A save Headway never acknowledged.")])
    lines: list[str] = []
    report(tally, check, 5, 3, lines.append)
    print("\n".join(lines))

    assert tally.errors == 0, tally.problems
    assert check.lost == [] and check.found == check.acknowledged
    assert {"lead: my returns", "reviewer: queue", "api: read"} <= set(tally.kinds)
    assert invented.lost and invented.found == 0
