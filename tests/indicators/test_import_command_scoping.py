"""``headway import figures`` and ``headway import report`` act for an administrator of the
organisation named, and write into that organisation only."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from headway.accounts.models import User
from headway.indicators.models import Figure, Measure
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation
from tests.factories import ReportingPeriodFactory

FIGURES = (
    "reference,period,council,value,weight,why off target,action,expected recovery\n"
    "FIN-01,2021-22 Q3,North,96.5,3000,,,\n"
)


@pytest.fixture
def figures_file(tmp_path: Path) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text(FIGURES, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["figures", "report"])
def test_an_administrator_of_another_organisation_cannot_import_here(
    kind: str, invoices: Measure, q3: ReportingPeriod, outsider: User, figures_file: Path
) -> None:
    with pytest.raises(CommandError, match="outsider is not a member of Shared Service"):
        call_command(
            "import", kind, str(figures_file), "--organisation", "shared", "--user", "outsider"
        )
    assert not Figure.objects.exists()


def test_figures_imported_into_the_other_organisation_never_reach_this_one_s_measures(
    invoices: Measure,
    q3: ReportingPeriod,
    outsider: User,
    other_org: Organisation,
    figures_file: Path,
) -> None:
    ReportingPeriodFactory.create(organisation=other_org, year=2021, quarter=3)
    with pytest.raises(CommandError, match="was refused"):
        call_command(
            "import", "figures", str(figures_file), "--organisation", "other", "--user", "outsider"
        )
    assert not Figure.objects.exists()
