"""A map page reads only what it draws: each priority's count from one aggregate, and the
rows of the chosen priority's page, not the whole map; in the same queries however large."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from pytest_django import DjangoAssertNumQueries

from headway.roadmap import map_pages
from headway.roadmap.maps import priority_map, road_map
from headway.roadmap.state import MapState
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service
from tests.factories import InitiativeFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
ROWS = 4

# Filters' choices (partners, services), the strategy, its priorities, the counts' aggregate;
# for a part, the chosen priority's entries; the state of the rows drawn: initiatives, their
# priorities, partners and milestones; the map version and its picture, already drawn.
WHOLE = 11
PART = 12


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Four rows make a readable map here, as 150 do on the site."""
    monkeypatch.setattr(map_pages, "READABLE_ROWS", ROWS)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[MapState]:
    """Every map state the pages read."""
    states: list[MapState] = []
    original = map_pages.map_state

    def recorded(*args: Any, **kwargs: Any) -> MapState:
        states.append(original(*args, **kwargs))
        return states[-1]

    monkeypatch.setattr(map_pages, "map_state", recorded)
    return states


def _initiatives(
    org: Organisation,
    service: Service,
    priority: Priority,
    count: int,
    name: str,
    partners: tuple[Partner, ...] = (),
    **dates: Any,
) -> None:
    for n in range(1, count + 1):
        initiative = InitiativeFactory.create(
            organisation=org,
            service=service,
            priorities=[priority],
            partners=list(partners),
            title=f"{name} {n:02d}",
            **(
                dates
                or {"planned_start": dt.date(2021, 4, 1), "planned_end": dt.date(2021, 12, 31)}
            ),
        )
        MilestoneFactory.create(initiative=initiative, due=dt.date(2021, 10, 1))


@pytest.fixture
def large(org: Organisation, service: Service, priorities: list[Priority]) -> None:
    _initiatives(org, service, priorities[0], 10, "First")
    _initiatives(org, service, priorities[1], 3, "Second")
    # Not on this year's road map: planned for two years on.
    _initiatives(
        org,
        service,
        priorities[1],
        6,
        "Later",
        planned_start=dt.date(2023, 4, 1),
        planned_end=dt.date(2023, 9, 30),
    )


def _titles(rows: Any) -> list[str]:
    return [i.title for i in rows]


@pytest.mark.usefixtures("large")
def test_a_large_road_map_page_reads_only_the_chosen_priority_s_page(
    org: Organisation, priorities: list[Priority], read: list[MapState]
) -> None:
    page = map_pages.road_map_page(org, 2021, {"priority": "1", "page": "2"})

    [state] = read
    assert _titles(state.initiatives) == ["First 05", "First 06", "First 07", "First 08"]
    [row] = page.road_map.rows
    assert _titles(row.initiatives) == ["First 05", "First 06", "First 07", "First 08"]
    assert page.part is not None
    assert [(p.label, p.count) for p in page.part.priorities] == [
        (f"{p.number}. {p.title}", count) for p, count in zip(priorities, [10, 3, 0], strict=True)
    ]
    assert (page.part.first, page.part.last, page.part.count) == (5, 8, 10)


@pytest.mark.usefixtures("large")
def test_a_large_priority_map_page_reads_only_the_chosen_priority_s_page(
    org: Organisation, read: list[MapState]
) -> None:
    page = map_pages.priority_map_page(org, 2021, {"priority": "2"})

    [state] = read
    assert len(state.initiatives) == ROWS
    [row] = page.priority_map.rows
    # The first year's first, then those for later, as the whole map lists them.
    whole = next(r for r in priority_map(org, 2021).rows if r.priority.number == 2)
    listed = list(dict.fromkeys(i.title for cell in whole.cells for i in cell))
    assert list(dict.fromkeys(i.title for cell in row.cells for i in cell)) == listed[:ROWS]
    assert page.part is not None
    assert [p.count for p in page.part.priorities] == [10, 9, 0]


@pytest.mark.usefixtures("large")
def test_a_small_map_reads_only_the_initiatives_it_draws(
    org: Organisation, read: list[MapState], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(map_pages, "READABLE_ROWS", 150)

    page = map_pages.road_map_page(org, 2021, {})

    [state] = read
    assert not any(i.title.startswith("Later") for i in state.initiatives)
    whole = road_map(org, 2021)
    assert [(_titles(r.initiatives), _titles(r.unscheduled)) for r in page.road_map.rows] == [
        (_titles(r.initiatives), _titles(r.unscheduled)) for r in whole.rows
    ]


def test_the_filters_narrow_what_is_read(
    org: Organisation,
    service: Service,
    priorities: list[Priority],
    partner: Partner,
    read: list[MapState],
) -> None:
    _initiatives(org, service, priorities[0], 6, "Served", partners=(partner,))
    _initiatives(org, service, priorities[0], 6, "Other")

    page = map_pages.road_map_page(org, 2021, {"partner": str(partner.pk)})

    assert {i.title[:6] for state in read for i in state.initiatives} == {"Served"}
    assert page.part is not None and page.part.count == 6


@pytest.mark.parametrize("pages", ["road", "priority"])
@pytest.mark.parametrize("size,queries", [(2, WHOLE), (30, PART), (200, PART)])
def test_a_map_page_costs_the_same_queries_however_large(
    org: Organisation,
    service: Service,
    priorities: list[Priority],
    partner: Partner,
    django_assert_num_queries: DjangoAssertNumQueries,
    pages: str,
    size: int,
    queries: int,
) -> None:
    _initiatives(org, service, priorities[0], size, "Many", partners=(partner,))
    Initiative.objects.filter(title="Many 01").update(planned_start=None, planned_end=None)
    page = map_pages.road_map_page if pages == "road" else map_pages.priority_map_page

    query = {"priority": "1", "page": "2"}
    page(org, 2021, query)  # draws the picture, kept for the next

    with django_assert_num_queries(queries):
        page(org, 2021, query)
