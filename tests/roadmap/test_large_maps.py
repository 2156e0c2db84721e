"""A map too large to read whole is shown a priority at a time, a page of rows at a time, with
the whole map as a download; its pictures are drawn once per map version and content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.accounts.models import User
from headway.roadmap import map_pages
from headway.roadmap.map_pages import drawn
from headway.roadmap.maps import road_map
from headway.roadmap.models import MapVersion
from headway.strategy.models import Organisation, Priority, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, MilestoneFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db
ROWS = 4


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Four rows make a readable map here, as 150 do on the site."""
    monkeypatch.setattr(map_pages, "READABLE_ROWS", ROWS)
    cache.clear()
    yield
    cache.clear()


def _initiatives(
    org: Organisation, service: Service, priority: Priority, count: int, name: str
) -> None:
    for n in range(1, count + 1):
        initiative = InitiativeFactory.create(
            organisation=org,
            service=service,
            priorities=[priority],
            title=f"{name} {n:02d}",
            planned_start=dt.date(2021, 4, 1),
            planned_end=dt.date(2021, 12, 31),
        )
        MilestoneFactory.create(initiative=initiative, due=dt.date(2021, 10, 1))


@pytest.fixture
def large(org: Organisation, service: Service, priorities: list[Priority]) -> None:
    _initiatives(org, service, priorities[0], 10, "First")
    _initiatives(org, service, priorities[1], 3, "Second")


@pytest.mark.usefixtures("large")
def test_a_large_road_map_shows_the_first_priority_with_a_chooser_and_pages(
    viewer: User,
) -> None:
    page = Page.of(signed_in(viewer).get("/roadmap/2021-22/"))

    assert page.texts("//nav[@aria-labelledby='map-part']//li") == [
        "1. Customers first (10 initiatives)",
        "2. Efficient services (3 initiatives)",
        "3. Our people (0 initiatives)",
    ]
    assert page.texts("//nav[@aria-labelledby='map-part']//a[@aria-current='page']") == [
        "1. Customers first"
    ]
    assert page.text("//*[@id='part-summary']") == (
        "Showing priority 1. Customers first: initiatives 1 to 4 of 10."
    )
    assert [row.split(" Finance")[0] for row in page.texts("//table//tbody/tr")] == [
        "First 01",
        "First 02",
        "First 03",
        "First 04",
    ]
    assert "Second 01" not in page.text("//svg")
    assert page.links("//nav[contains(@class, 'govuk-pagination')]//a") == {
        "1": "/roadmap/2021-22/?priority=1&page=1",
        "2": "/roadmap/2021-22/?priority=1&page=2",
        "3": "/roadmap/2021-22/?priority=1&page=3",
        "Next page": "/roadmap/2021-22/?priority=1&page=2",
    }
    assert page.links()["Download the whole road map (SVG)"] == "/roadmap/2021-22/road-map.svg"


@pytest.mark.usefixtures("large")
def test_a_chosen_priority_and_page_are_shown(viewer: User) -> None:
    client = signed_in(viewer)
    last = Page.of(client.get("/roadmap/2021-22/?priority=1&page=3"))
    second = Page.of(client.get("/roadmap/2021-22/?priority=2"))

    assert [row.split(" Finance")[0] for row in last.texts("//table//tbody/tr")] == [
        "First 09",
        "First 10",
    ]
    assert [row.split(" Finance")[0] for row in second.texts("//table//tbody/tr")] == [
        "Second 01",
        "Second 02",
        "Second 03",
    ]
    assert second.text("//*[@id='part-summary']") == "Showing priority 2. Efficient services."
    assert second.count("//nav[contains(@class, 'govuk-pagination')]") == 0


@pytest.mark.usefixtures("large")
def test_a_large_priority_map_shows_a_priority_at_a_time(viewer: User) -> None:
    page = Page.of(signed_in(viewer).get("/priority-map/2021-23/?priority=2"))

    assert page.texts("//table//tbody/tr/th") == ["2. Efficient services"]
    assert "Second 03" in page.text("//svg")
    assert "First 01" not in page.text("//svg")
    assert page.links()["Download the whole priority map (SVG)"] == (
        "/priority-map/2021-23/priority-map.svg"
    )


@pytest.mark.usefixtures("large")
@pytest.mark.parametrize(
    ("path", "filename"),
    [
        ("/roadmap/2021-22/road-map.svg", "road-map-2021-22.svg"),
        ("/priority-map/2021-23/priority-map.svg", "priority-map-2021-23.svg"),
    ],
)
def test_the_whole_map_downloads_as_an_svg_file(viewer: User, path: str, filename: str) -> None:
    response = signed_in(viewer).get(path)

    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    svg = response.content.decode()
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert all(f"First {n:02d}" in svg for n in range(1, 11))
    assert all(f"Second {n:02d}" in svg for n in range(1, 4))
    assert 'class="' not in svg, "The file carries its colours, not the site's classes."


def test_a_small_map_is_drawn_whole_with_a_download(
    viewer: User, org: Organisation, service: Service, priorities: list[Priority]
) -> None:
    # Two rows, and a row for each of the other two priorities, which have nothing planned.
    _initiatives(org, service, priorities[0], ROWS - 2, "Small")
    page = Page.of(signed_in(viewer).get("/roadmap/2021-22/"))

    assert page.count("//nav[@aria-labelledby='map-part']") == 0
    assert len(page.texts("//table//tbody/tr")) == ROWS - 2
    assert page.links()["Download the road map (SVG)"] == "/roadmap/2021-22/road-map.svg"


@pytest.mark.parametrize("path", ["/roadmap/2021-22/", "/priority-map/2021-23/"])
def test_a_large_map_page_costs_the_same_queries_for_twenty_rows_or_two_hundred(
    viewer: User, org: Organisation, service: Service, priorities: list[Priority], path: str
) -> None:
    client = signed_in(viewer)
    counts = []
    for size in (20, 180):
        _initiatives(org, service, priorities[0], size, f"Size {size}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.usefixtures("large")
def test_a_picture_is_drawn_once_per_map_version_and_content(
    org: Organisation, service: Service, priorities: list[Priority], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawings: list[str] = []
    render = map_pages.render_to_string

    def counted(template: str, context: dict[str, Any]) -> str:
        drawings.append(context["p"].title)
        return render(template, context)

    monkeypatch.setattr(map_pages, "render_to_string", counted)
    the_map = road_map(org, 2021)

    first = drawn(org, None, the_map)
    again = drawn(org, None, the_map)
    assert (len(drawings), again) == (1, first)

    version = MapVersion.objects.create(organisation=org, number=1, state={})
    drawn(org, version, the_map)
    drawn(org, version, the_map)
    assert len(drawings) == 2, "A new map version draws the picture again, once."

    _initiatives(org, service, priorities[2], 1, "Added")
    changed = road_map(org, 2021)
    assert "Added 01" in drawn(org, version, changed)
    assert len(drawings) == 3, "So does a change to the live portfolio within a version."


@pytest.mark.parametrize("path", ["/roadmap/2021-22/", "/priority-map/2021-23/"])
def test_a_map_page_stays_under_500_kb_however_large_the_map(
    viewer: User,
    org: Organisation,
    service: Service,
    priorities: list[Priority],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
) -> None:
    """At the site's own size: 150 rows a page, under a priority of 400 initiatives with
    long titles and a milestone each."""
    monkeypatch.setattr(map_pages, "READABLE_ROWS", 150)
    _initiatives(org, service, priorities[0], 400, "An initiative with a long title " * 6)

    response = signed_in(viewer).get(path)

    page = Page.of(response)
    assert page.count("//nav[contains(@class, 'govuk-pagination')]") == 1
    assert len(response.content) < 500_000
