"""The two-year priority map: a row per priority, initiatives placed by horizon and year."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from headway.roadmap.maps import priority_map
from headway.strategy.models import Initiative, Organisation, Priority, Service
from tests.factories import InitiativeFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def place(org: Organisation, service: Service, priority: Priority, title: str, **fields: object):
    return InitiativeFactory.create(
        organisation=org, service=service, priorities=[priority], title=title, **fields
    )


def titles(cell: tuple) -> list[str]:
    return [i.title for i in cell]


def test_it_places_initiatives_by_horizon_across_two_years(
    org: Organisation, service: Service, priorities: list[Priority]
) -> None:
    first = priorities[0]
    place(org, service, first, "This year", planned_end=dt.date(2022, 3, 31))
    place(org, service, first, "Runs into next year", planned_end=dt.date(2022, 9, 30))
    place(org, service, first, "Next year", horizon=Initiative.Horizon.NEXT)
    place(org, service, first, "One day", horizon=Initiative.Horizon.LATER)

    the_map = priority_map(org, 2021)

    assert the_map.years_label == "2021-23"
    assert [c.label for c in the_map.columns] == ["2021-22", "2022-23", "Later"]
    row = the_map.rows[0]
    assert row.priority.label == "1. Customers first"
    assert titles(row.cells[0]) == ["Runs into next year", "This year"]
    assert titles(row.cells[1]) == ["Next year", "Runs into next year"]
    assert titles(row.cells[2]) == ["One day"]
    assert [r.priority.number for r in the_map.rows] == [1, 2, 3]


def test_it_orders_initiatives_by_their_position_within_a_priority(
    org: Organisation, service: Service, priorities: list[Priority]
) -> None:
    place(org, service, priorities[1], "Alpha", map_position=2)
    place(org, service, priorities[1], "Beta", map_position=1)
    assert titles(priority_map(org, 2021).rows[1].cells[0]) == ["Beta", "Alpha"]


def test_an_initiative_under_two_priorities_appears_in_both_rows(
    org: Organisation, service: Service, priorities: list[Priority]
) -> None:
    InitiativeFactory.create(
        organisation=org, service=service, priorities=priorities[:2], title="Shared"
    )
    rows = priority_map(org, 2021).rows
    assert titles(rows[0].cells[0]) == titles(rows[1].cells[0]) == ["Shared"]


@pytest.mark.parametrize("status", Initiative.OFF_MAP_STATUSES)
def test_completed_deprioritised_and_cancelled_initiatives_leave_the_map(
    org: Organisation, service: Service, priorities: list[Priority], status: str
) -> None:
    place(org, service, priorities[0], "Gone", status=status)
    assert not any(priority_map(org, 2021).rows[0].cells)


def test_it_leaves_out_priorities_not_active_in_either_year(
    org: Organisation, priorities: list[Priority]
) -> None:
    PriorityFactory.create(strategy=priorities[0].strategy, number=4, active_to=2020)
    assert [r.priority.number for r in priority_map(org, 2021).rows] == [1, 2, 3]


def test_it_is_plain_data_that_json_can_carry(
    org: Organisation, service: Service, priorities: list[Priority]
) -> None:
    place(org, service, priorities[0], "Anything")
    data = json.loads(json.dumps(priority_map(org, 2021).to_dict()))
    assert data["rows"][0]["cells"][0][0]["title"] == "Anything"


def test_an_organisation_without_a_strategy_has_an_empty_map(org: Organisation) -> None:
    assert priority_map(org, 2021).rows == ()


def test_it_shows_only_the_organisations_own_initiatives(
    org: Organisation, other_org: Organisation, priorities: list[Priority]
) -> None:
    InitiativeFactory.create(organisation=other_org, priorities=[priorities[0]], title="Theirs")
    assert not any(priority_map(org, 2021).rows[0].cells)


def test_an_initiative_for_now_sits_in_the_years_its_dates_cover(
    org: Organisation, service: Service, priorities: list[Priority]
) -> None:
    first = priorities[0]
    for title, start, end in (
        ("Starts next year", dt.date(2022, 4, 1), None),
        ("Starts after both", dt.date(2023, 6, 1), dt.date(2024, 3, 31)),
        ("Running late", dt.date(2019, 4, 1), dt.date(2020, 3, 31)),
    ):
        place(org, service, first, title, planned_start=start, planned_end=end)

    row = priority_map(org, 2021).rows[0]

    assert titles(row.cells[0]) == ["Running late"]
    assert titles(row.cells[1]) == ["Starts next year"]
    assert titles(row.cells[2]) == ["Starts after both"]
