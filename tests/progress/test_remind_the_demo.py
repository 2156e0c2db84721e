"""On the demo, `headway remind --dry-run` lists the 2021-22 Q3 returns still to do and who
owns them, whatever today's date."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from headway.demo import DemoSummary
from headway.progress.models import Update


def test_the_dry_run_lists_the_outstanding_q3_returns_and_their_owners(
    demo: DemoSummary,
) -> None:
    out = StringIO()
    call_command("remind", "--dry-run", stdout=out)
    output = out.getvalue()
    outstanding = Update.objects.filter(
        period__year=2021, period__quarter=3, state__in=Update.OUTSTANDING_STATES
    ).select_related("initiative")
    assert outstanding.count() == 9
    for update in outstanding:
        assert f"  - {update.initiative.title} (" in output, update.initiative.title
    assert "Head of Finance (demo) <lead@example.org>: 2021-22 Q3 (oneSource)" in output
    assert output.splitlines()[-1].startswith("Dry run:")
