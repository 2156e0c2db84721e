"""``headway shell`` opens with the models imported, and without a complaint per history model."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_shell_imports_the_models_and_says_nothing_of_the_history_models(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "shell",
        command="print(Initiative.__name__, Initiative.history.model.__name__)",
        stdout=out,
        stderr=err,
        verbosity=1,
    )
    assert "could not be automatically imported" not in out.getvalue() + err.getvalue()
    assert "objects imported automatically" in out.getvalue()
    assert "Initiative HistoricalInitiative" in capsys.readouterr().out
