"""Drawing the maps costs the same few queries for ten initiatives or two hundred."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_django import DjangoAssertNumQueries

from headway.roadmap.maps import priority_map, road_map
from headway.strategy.models import Organisation, Partner, Priority, Service
from tests.factories import InitiativeFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
QUERIES = 6  # strategy, priorities, initiatives, and their priorities, partners and milestones


def portfolio(
    org: Organisation,
    service: Service,
    priorities: list[Priority],
    partners: list[Partner],
    size: int,
) -> None:
    for n in range(size):
        initiative = InitiativeFactory.create(
            organisation=org,
            service=service,
            priorities=[priorities[n % 3], priorities[(n + 1) % 3]],
            partners=partners[: n % 3],
        )
        MilestoneFactory.create(initiative=initiative, due=dt.date(2021, 10, 1))


@pytest.mark.parametrize("size", [10, 200])
def test_the_maps_cost_a_constant_number_of_queries(
    org: Organisation,
    service: Service,
    priorities: list[Priority],
    partner: Partner,
    other_partner: Partner,
    django_assert_num_queries: DjangoAssertNumQueries,
    size: int,
) -> None:
    portfolio(org, service, priorities, [partner, other_partner], size)
    with django_assert_num_queries(QUERIES):
        the_priority_map = priority_map(org, 2021)
    with django_assert_num_queries(QUERIES):
        the_road_map = road_map(org, 2021)
    assert sum(len(r.cells[0]) for r in the_priority_map.rows) == 2 * size
    assert sum(len(r.initiatives) for r in the_road_map.rows) == 2 * size
