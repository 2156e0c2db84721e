"""The migration that gives organisational changes their own log moves the changes recorded
as strategy events into it, so a database upgraded from before keeps its report paragraphs."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("organisation", "0001_initial")]
AFTER = [("organisation", "0002_move_organisational_change_events")]


@pytest.mark.django_db(transaction=True)
def test_it_moves_organisational_change_events_into_the_log() -> None:
    executor = MigrationExecutor(connection)
    # The strategy app's latest migration stays applied either way, so both states must know
    # its columns, or rows made through them miss the ones added since (the branding's).
    strategy = executor.loader.graph.leaf_nodes("strategy")
    before, after = BEFORE + strategy, AFTER + strategy
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    organisation = old.get_model("strategy", "Organisation").objects.create(
        name="Shared Service", slug="shared"
    )
    strategy = old.get_model("strategy", "Strategy").objects.create(
        organisation=organisation, title="Strategy", first_year=2020, last_year=2022
    )
    Event = old.get_model("strategy", "StrategyEvent")
    Event.objects.create(strategy=strategy, date=date(2020, 2, 7), kind="presented", text="Shown.")
    Event.objects.create(
        strategy=strategy,
        date=date(2021, 11, 1),
        kind="organisational_change",
        text="The Executive Director left.",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps

    changes = list(
        new.get_model("organisation", "OrganisationalChange").objects.values_list(
            "organisation_id", "date", "text"
        )
    )
    kinds = list(new.get_model("strategy", "StrategyEvent").objects.values_list("kind", flat=True))
    assert changes == [(organisation.pk, date(2021, 11, 1), "The Executive Director left.")]
    assert kinds == ["presented"]

    # And back again.
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    restored = old.get_model("strategy", "StrategyEvent").objects.filter(
        kind="organisational_change"
    )
    assert [e.text for e in restored] == ["The Executive Director left."]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
