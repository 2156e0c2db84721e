"""The map state is plain data: it survives JSON unchanged, as versions and snapshots need."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from headway.lib.fy import FinancialYear
from headway.roadmap.state import MapState, map_state, quarters_covered
from headway.strategy.models import Initiative, Organisation
from tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def test_it_round_trips_through_json(org: Organisation, initiative: Initiative) -> None:
    MilestoneFactory.create(initiative=initiative, due=dt.date(2021, 10, 1))
    state = map_state(org, 2021)
    again = MapState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert again == state
    assert again.initiatives[0].partners == ("North", "South")
    assert again.initiatives[0].quarters == (1, 2, 3, 4)
    assert again.priorities[0].initiatives == (initiative.pk,)


@pytest.mark.parametrize(
    ("start", "end", "quarters"),
    [
        (dt.date(2021, 6, 30), dt.date(2021, 7, 1), (1, 2)),
        (dt.date(2020, 1, 1), dt.date(2023, 1, 1), (1, 2, 3, 4)),
        (None, dt.date(2022, 2, 1), (4,)),
        (dt.date(2021, 11, 5), None, (3,)),
        (None, None, ()),
        (dt.date(2022, 4, 1), dt.date(2022, 5, 1), ()),
    ],
)
def test_it_counts_the_quarters_a_span_touches(
    start: dt.date | None, end: dt.date | None, quarters: tuple[int, ...]
) -> None:
    assert quarters_covered(start, end, FinancialYear(2021)) == quarters
