"""A strategy with three priorities for the organisation ``org``."""

from __future__ import annotations

import pytest

from headway.strategy.models import Organisation, Priority, Strategy
from tests.factories import PriorityFactory, StrategyFactory


@pytest.fixture
def strategy(org: Organisation) -> Strategy:
    # Running this financial year whatever the date, so it is the current one.
    return StrategyFactory.create(
        organisation=org,
        title="Shared Service Strategy",
        first_year=2000,
        last_year=2999,
        vision="Excellent back-office services for our partner councils.",
    )


@pytest.fixture
def priorities(strategy: Strategy) -> list[Priority]:
    return [
        PriorityFactory.create(strategy=strategy, number=2, title="Customer focus"),
        PriorityFactory.create(strategy=strategy, number=1, title="Value for money"),
        PriorityFactory.create(strategy=strategy, number=3, title="Digital first"),
    ]
