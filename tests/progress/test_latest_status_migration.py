"""The migration that keeps each initiative's latest approved status fills it from the
returns already stored, and can be undone."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("progress", "0006_reminder_schedule_and_log")]
AFTER = [("progress", "0007_latest_status")]


def _at(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_backfills_the_latest_approved_status_and_goes_back() -> None:
    strategy = MigrationExecutor(connection).loader.graph.leaf_nodes("strategy")
    old = _at(BEFORE + strategy)
    organisation = old.get_model("strategy", "Organisation").objects.create(
        name="Shared Service", slug="shared"
    )
    service = old.get_model("strategy", "Service").objects.create(
        organisation=organisation, name="Finance"
    )
    Initiative = old.get_model("strategy", "Initiative")
    rated, unrated = (
        Initiative.objects.create(
            organisation=organisation, service=service, kind="project", title=t
        )
        for t in ("Rated", "Unrated")
    )
    scale = old.get_model("progress", "StatusScale").objects.create(organisation=organisation)
    green, amber = (
        old.get_model("progress", "StatusValue").objects.create(
            scale=scale,
            position=n,
            code=code,
            label=code,
            meaning=code,
            colour="#00703c",
            tag="green",
        )
        for n, code in enumerate(["green", "amber"])
    )
    Period = old.get_model("progress", "ReportingPeriod")
    q1, q2, q3 = (
        Period.objects.create(organisation=organisation, year=2021, quarter=n, state="upcoming")
        for n in (1, 2, 3)
    )
    Update = old.get_model("progress", "Update")
    Update.objects.create(initiative=rated, period=q1, status=green, state="approved")
    latest = Update.objects.create(initiative=rated, period=q2, status=amber, state="approved")
    Update.objects.create(initiative=rated, period=q3, status=green, state="submitted")
    Update.objects.create(initiative=unrated, period=q1, status=green, state="draft")

    new = _at(AFTER + strategy)
    kept = new.get_model("progress", "LatestStatus").objects.values_list(
        "initiative_id", "status_id", "period_id", "update_id"
    )
    assert list(kept) == [(rated.pk, amber.pk, q2.pk, latest.pk)]

    _at(BEFORE + strategy)
    assert "progress_lateststatus" not in connection.introspection.table_names()
    # Leave the database as the rest of the suite expects it.
    _at(MigrationExecutor(connection).loader.graph.leaf_nodes())
