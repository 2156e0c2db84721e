"""Done when: a script with a token lists initiatives and submits an update for the open
period. The script is docs/api-example.py, run against a live Headway holding the demo."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from headway.accounts.models import User
from headway.api.models import TokenUse
from headway.api.tokens import create_token
from headway.demo import load_demo
from headway.progress.models import Update

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "api-example.py"


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("api_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_a_script_lists_initiatives_and_submits_a_return(
    live_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo()
    lead = User.objects.get(username="lead")
    membership = lead.memberships.get()
    token = create_token(lead, membership.organisation, "Finance script")
    script = example()

    saved = script.submit_first_return(script.Headway(live_server.url, token.secret))

    printed = capsys.readouterr().out
    assert "Automate accounts payable invoice processing" in printed
    update = Update.objects.select_related("period").get(pk=saved["id"])
    assert update.period.is_open
    assert update.state == Update.State.SUBMITTED
    assert update.submitted_by == lead
    assert update.narrative == "Work is on track. Sent from a script."
    assert update.initiative.service_id in {s.pk for s in membership.services.all()}
    assert TokenUse.objects.filter(token=token.token, method="PATCH").count() == 1
    assert TokenUse.objects.filter(token=token.token, method="GET").count() >= 3
