"""The road map of one financial year: initiatives by priority across Q1-Q4, with the
milestones expected in the year."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.roadmap.maps import road_map
from headway.roadmap.state import map_state
from headway.strategy.models import Initiative, Organisation, Priority, Service
from tests.factories import InitiativeFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def test_it_places_initiatives_in_the_quarters_their_dates_cover(
    org: Organisation, service: Service, priorities: list[Priority]
) -> None:
    InitiativeFactory.create(
        organisation=org,
        service=service,
        priorities=[priorities[0]],
        title="Autumn work",
        planned_start=dt.date(2021, 8, 15),
        planned_end=dt.date(2022, 1, 10),
    )
    InitiativeFactory.create(
        organisation=org,
        service=service,
        priorities=[priorities[0]],
        title="Last year",
        planned_start=dt.date(2020, 4, 1),
        planned_end=dt.date(2021, 3, 31),
    )

    the_map = road_map(org, 2021)

    assert the_map.year_label == "2021-22"
    assert [q.label for q in the_map.quarters] == ["Q1", "Q2", "Q3", "Q4"]
    assert the_map.quarters[2].months == "October - December"
    [item] = the_map.rows[0].initiatives
    assert (item.title, item.quarters) == ("Autumn work", (2, 3, 4))


def test_it_shows_the_milestones_expected_in_the_year(
    org: Organisation, initiative: Initiative
) -> None:
    MilestoneFactory.create(initiative=initiative, title="Go live", due=dt.date(2021, 11, 1))
    MilestoneFactory.create(
        initiative=initiative,
        title="Slipped",
        due=dt.date(2021, 12, 1),
        forecast=dt.date(2022, 2, 1),
    )
    MilestoneFactory.create(initiative=initiative, title="Next year", due=dt.date(2022, 5, 1))

    [item] = road_map(org, 2021).rows[0].initiatives

    assert [(m.title, m.quarter, m.has_slipped) for m in item.milestones] == [
        ("Go live", 3, False),
        ("Slipped", 4, True),
    ]
    all_milestones = map_state(org, 2021).initiatives[0].milestones
    assert len(all_milestones) == 3


def test_it_lists_initiatives_for_now_without_dates_as_unscheduled(
    org: Organisation, service: Service, priorities: list[Priority]
) -> None:
    InitiativeFactory.create(
        organisation=org,
        service=service,
        priorities=[priorities[1]],
        title="Dates to come",
        planned_start=None,
        planned_end=None,
    )
    row = road_map(org, 2021).rows[1]
    assert row.initiatives == ()
    assert [i.title for i in row.unscheduled] == ["Dates to come"]
