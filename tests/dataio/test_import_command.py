"""``headway import`` does what the pages do, from the command line: it prints what the file
changes, and exits non-zero with every problem when the file is refused."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from headway.cli import main
from headway.lib.fy import Quarter
from headway.progress.models import Update
from headway.strategy.models import Initiative
from tests.dataio.files import UPDATE_HEADER, initiative_row, xlsx
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "portfolio.xlsx"
    path.write_bytes(xlsx([initiative_row("FIN-1"), initiative_row("FIN-2")]))
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx([initiative_row("FIN-1", planned_end="31/02/2022")]))
    return path


def test_it_imports_and_prints_the_summary(ready, admin_user, good):
    out, _ = run("portfolio", str(good), "--user", "admin")
    assert "portfolio.xlsx: 2 to add, 0 to change" in out
    assert Initiative.objects.count() == 2
    assert Initiative.history.filter(history_user=admin_user).count() == 2
    out, _ = run("portfolio", str(good))
    assert "0 to add, 0 to change; milestones: 0 to add, 0 to change; 2 unchanged." in out


def test_a_dry_run_saves_nothing(ready, good):
    out, _ = run("portfolio", str(good), "--dry-run")
    assert "2 to add" in out
    assert "Dry run: nothing was saved." in out
    assert not Initiative.objects.exists()


def test_a_refused_file_prints_its_problems(ready, bad):
    err = StringIO()
    with pytest.raises(CommandError, match=r"bad.xlsx was refused \(1 problem\)"):
        call_command("import", "portfolio", str(bad), stderr=err)
    assert "Row 2, column 'planned end': 31/02/2022 is not a date." in err.getvalue()
    assert not Initiative.objects.exists()


def test_a_refused_file_exits_with_status_1(ready, bad, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["import", "portfolio", str(bad)])
    assert exit.value.code == 1
    assert "31/02/2022 is not a date" in capsys.readouterr().err


def test_only_an_administrator_may_import(ready, viewer, good):
    with pytest.raises(CommandError, match="only an administrator may import"):
        run("portfolio", str(good), "--user", "viewer")


def test_it_submits_returns_for_a_period(org, service, admin_user, tmp_path):
    quarter = Quarter.of(timezone.localdate() - dt.timedelta(days=20))
    period = ReportingPeriodFactory.create(
        organisation=org, year=quarter.year, quarter=quarter.number
    )
    update = UpdateFactory.create(
        initiative=InitiativeFactory.create(
            organisation=org, service=service, external_reference="FIN-1"
        ),
        period=period,
        state=Update.State.DRAFT,
    )
    path = tmp_path / "returns.csv"
    path.write_text(
        ",".join(UPDATE_HEADER) + "\nFIN-1,Green,Going well.,,,,60,\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="Name the administrator"):
        run("updates", str(path), "--period", quarter.slug)
    out, _ = run("updates", str(path), "--period", quarter.slug, "--user", "admin")
    assert "returns.csv: 1 to submit" in out
    update.refresh_from_db()
    assert (update.state, update.submitted_by) == (Update.State.SUBMITTED, admin_user)
