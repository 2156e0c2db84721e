"""The demo's open quarter, 2021-22 Q3, as the cycle's pages and commands see it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from headway.demo import DemoSummary
from headway.progress.dashboard import period_dashboard
from headway.progress.models import ReportingPeriod, Update

# Marked, so the test database is set up even when this module runs alone.
pytestmark = pytest.mark.django_db


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


def test_its_returns_are_at_every_stage(demo: DemoSummary) -> None:
    period = ReportingPeriod.objects.get(year=2021, quarter=3)
    rows = period_dashboard(period).by_service
    totals = {
        stage: sum(getattr(row, stage) for row in rows)
        for stage in ("not_started", "in_progress", "returned", "submitted", "approved")
    }
    assert totals == {
        "not_started": 4,
        "in_progress": 3,
        "returned": 2,
        "submitted": 6,
        "approved": totals["approved"],
    }
    assert totals["approved"] > 30
