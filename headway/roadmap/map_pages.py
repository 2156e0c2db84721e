"""What the road map and priority map pages show: the maps drawn from live data, filtered,
with their pictures and the version of the maps they show. A constant number of queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from headway.lib.fy import MAX_YEAR, MIN_YEAR, FinancialYear, span_label
from headway.roadmap.filters import MapFilters, map_filters
from headway.roadmap.maps import PriorityMap, RoadMap, priority_map_from, road_map_from
from headway.roadmap.models import MapVersion
from headway.roadmap.pictures import Picture, priority_map_picture, road_map_picture
from headway.roadmap.state import map_state
from headway.roadmap.versions import current_version
from headway.strategy.models import Organisation


@dataclass(frozen=True)
class RoadMapPage:
    road_map: RoadMap
    picture: Picture
    filters: MapFilters
    version: MapVersion | None
    previous: str
    next: str
    priority_map: str
    has_strategy: bool

    @property
    def initiatives(self) -> int:
        return sum(len(row.initiatives) + len(row.unscheduled) for row in self.road_map.rows)


@dataclass(frozen=True)
class PriorityMapPage:
    priority_map: PriorityMap
    picture: Picture
    filters: MapFilters
    version: MapVersion | None
    previous: str
    next: str
    road_map: str
    has_strategy: bool

    @property
    def initiatives(self) -> int:
        return len({i.id for row in self.priority_map.rows for cell in row.cells for i in cell})


def _year(start: int) -> str:
    """``2021-22``: a road map's year, as its address and its heading write it; empty
    beyond the years Headway handles."""
    return FinancialYear(start).label if MIN_YEAR <= start <= MAX_YEAR else ""


def _span(first: int) -> str:
    """``2021-23``: a priority map's two years, as its address and its heading write them."""
    return span_label(first, first + 1) if MIN_YEAR <= first < MAX_YEAR else ""


def road_map_page(organisation: Organisation, year: int, query: Mapping[str, str]) -> RoadMapPage:
    filters = map_filters(organisation, query)
    state = map_state(organisation, year)
    the_map = road_map_from(filters.apply(state))
    return RoadMapPage(
        road_map=the_map,
        picture=road_map_picture(the_map),
        filters=filters,
        version=current_version(organisation),
        previous=_year(year - 1),
        next=_year(year + 1),
        priority_map=_span(year),
        has_strategy=state.strategy_id is not None,
    )


def priority_map_page(
    organisation: Organisation, first_year: int, query: Mapping[str, str]
) -> PriorityMapPage:
    filters = map_filters(organisation, query)
    state = map_state(organisation, first_year)
    the_map = priority_map_from(filters.apply(state), first_year)
    return PriorityMapPage(
        priority_map=the_map,
        picture=priority_map_picture(the_map),
        filters=filters,
        version=current_version(organisation),
        previous=_span(first_year - 1),
        next=_span(first_year + 1),
        road_map=_year(first_year),
        has_strategy=state.strategy_id is not None,
    )
