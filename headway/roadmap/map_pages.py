"""What the road map and priority map pages show: the maps drawn from live data, filtered,
with their pictures and the version of the maps they show. A constant number of queries.

A map too large to read whole (more than ``READABLE_ROWS`` rows) is shown one priority at a
time, with a chooser that counts each priority's initiatives, and a priority larger than that
a page of rows at a time; the whole map is a download (``map_download``).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.core.cache import cache
from django.template.loader import render_to_string
from markupsafe import Markup

from headway.lib.fy import MAX_YEAR, MIN_YEAR, FinancialYear, span_label
from headway.roadmap.filters import MapFilters, map_filters
from headway.roadmap.maps import (
    PriorityMap,
    PriorityMapRow,
    RoadMap,
    RoadMapRow,
    priority_map_from,
    road_map_from,
)
from headway.roadmap.models import MapVersion
from headway.roadmap.pictures import Picture, priority_map_picture, road_map_picture
from headway.roadmap.state import map_state
from headway.strategy.models import Organisation

READABLE_ROWS = 150
"""The most rows (initiatives) a map page draws; beyond, it shows a part at a time."""
PICTURE_SECONDS = 60 * 60 * 24


@dataclass(frozen=True)
class PartLink:
    label: str
    query: str
    """The page's query string (with its ``?``) that shows this part."""
    current: bool
    count: int = 0


@dataclass(frozen=True)
class MapPart:
    """The part of a map too large to read whole that the page shows: one priority, and of a
    priority too large too, one page of its initiatives."""

    priorities: tuple[PartLink, ...]
    chosen: str
    """The chosen priority's label."""
    page: int
    pages: tuple[PartLink, ...]
    """One link a page of the chosen priority; empty when it fits on one."""
    first: int
    last: int
    count: int
    """Rows shown (``first`` to ``last``, counted from 1) of the priority's ``count``."""

    @property
    def previous(self) -> PartLink | None:
        return self.pages[self.page - 2] if self.page > 1 else None

    @property
    def next(self) -> PartLink | None:
        return self.pages[self.page] if self.page < len(self.pages) else None


@dataclass(frozen=True)
class RoadMapPage:
    road_map: RoadMap
    picture: Markup
    filters: MapFilters
    version: MapVersion | None
    previous: str
    next: str
    priority_map: str
    has_strategy: bool
    part: MapPart | None = None

    @property
    def initiatives(self) -> int:
        return sum(len(row.initiatives) + len(row.unscheduled) for row in self.road_map.rows)


@dataclass(frozen=True)
class PriorityMapPage:
    priority_map: PriorityMap
    picture: Markup
    filters: MapFilters
    version: MapVersion | None
    previous: str
    next: str
    road_map: str
    has_strategy: bool
    part: MapPart | None = None

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


def shown_version(organisation: Organisation) -> MapVersion | None:
    """The latest map version, without the whole map state it keeps (megabytes, for a large
    portfolio), which the pages do not show."""
    return (
        MapVersion.objects.filter(organisation=organisation)
        .defer("state", "changes")
        .order_by("-number")
        .first()
    )


def drawn(
    organisation: Organisation,
    version: MapVersion | None,
    the_map: RoadMap | PriorityMap,
    template: str = "roadmap/map_picture.html",
) -> str:
    """The map's picture as SVG markup, drawn once per map version and content.

    The key holds the organisation and the map version, and a digest of what the picture is
    drawn from, since the live portfolio also changes between versions (a forecast moves, a
    title is corrected): a changed map is drawn afresh, and an old drawing expires unread.
    """
    digest = hashlib.blake2b(repr(the_map).encode(), digest_size=16).hexdigest()
    key = f"map-picture:{organisation.pk}:{version.number if version else 0}:{template}:{digest}"
    markup = cache.get(key)
    if markup is None:
        picture: Picture = (
            road_map_picture(the_map)
            if isinstance(the_map, RoadMap)
            else priority_map_picture(the_map)
        )
        markup = render_to_string(template, {"p": picture})
        cache.set(key, markup, PICTURE_SECONDS)
    return str(markup)


def _query(filters: MapFilters, **more: object) -> str:
    pairs = [(f.name, f.selected) for f in filters.all if f.selected]
    pairs += [(name, str(value)) for name, value in more.items() if value]
    return "?" + urlencode(pairs) if pairs else ""


def _number(query: Mapping[str, str], name: str) -> int:
    given = (query.get(name) or "").strip()
    return int(given) if given.isdigit() else 0


def _part(
    filters: MapFilters, query: Mapping[str, str], counts: list[tuple[int, str, int]]
) -> tuple[int, MapPart] | None:
    """For a map whose priorities (number, label, rows) add up to more than a page can draw:
    the chosen priority's index and the part of it to show; else None."""
    if sum(max(rows, 1) for _, _, rows in counts) <= READABLE_ROWS:
        return None
    numbers = [number for number, _, _ in counts]
    asked = _number(query, "priority")
    index = (
        numbers.index(asked)
        if asked in numbers
        else next((n for n, (_, _, rows) in enumerate(counts) if rows), 0)
    )
    number, label, rows = counts[index]
    pages = max(math.ceil(rows / READABLE_ROWS), 1)
    page = min(max(_number(query, "page"), 1), pages)
    return index, MapPart(
        priorities=tuple(
            PartLink(text, _query(filters, priority=n), n == number, count)
            for n, text, count in counts
        ),
        chosen=label,
        page=page,
        pages=tuple(
            PartLink(str(p), _query(filters, priority=number, page=p), p == page)
            for p in range(1, pages + 1)
        )
        if pages > 1
        else (),
        first=min((page - 1) * READABLE_ROWS + 1, rows),
        last=min(page * READABLE_ROWS, rows),
        count=rows,
    )


def road_map_part(
    the_map: RoadMap, filters: MapFilters, query: Mapping[str, str]
) -> tuple[RoadMap, MapPart | None]:
    """The road map, or the part of it the page shows when it is too large to read whole."""
    counts = [
        (row.priority.number, row.priority.label, max(len(row.initiatives), len(row.unscheduled)))
        for row in the_map.rows
    ]
    chosen = _part(filters, query, counts)
    if chosen is None:
        return the_map, None
    index, part = chosen
    row = the_map.rows[index]
    window = slice(part.first - 1, part.last)
    shown = RoadMapRow(row.priority, row.initiatives[window], row.unscheduled[window])
    return replace(the_map, rows=(shown,)), part


def priority_map_part(
    the_map: PriorityMap, filters: MapFilters, query: Mapping[str, str]
) -> tuple[PriorityMap, MapPart | None]:
    """The priority map, or the part of it the page shows when it is too large to read whole."""
    placed = [list(dict.fromkeys(i.id for cell in row.cells for i in cell)) for row in the_map.rows]
    counts = [
        (row.priority.number, row.priority.label, len(ids))
        for row, ids in zip(the_map.rows, placed, strict=True)
    ]
    chosen = _part(filters, query, counts)
    if chosen is None:
        return the_map, None
    index, part = chosen
    row = the_map.rows[index]
    kept = set(placed[index][part.first - 1 : part.last])
    shown = PriorityMapRow(
        row.priority, tuple(tuple(i for i in cell if i.id in kept) for cell in row.cells)
    )
    return replace(the_map, rows=(shown,)), part


def road_map_page(organisation: Organisation, year: int, query: Mapping[str, str]) -> RoadMapPage:
    filters = map_filters(organisation, query)
    state = map_state(organisation, year)
    the_map, part = road_map_part(road_map_from(filters.apply(state)), filters, query)
    version = shown_version(organisation)
    return RoadMapPage(
        road_map=the_map,
        picture=Markup(drawn(organisation, version, the_map)),
        filters=filters,
        version=version,
        previous=_year(year - 1),
        next=_year(year + 1),
        priority_map=_span(year),
        has_strategy=state.strategy_id is not None,
        part=part,
    )


def priority_map_page(
    organisation: Organisation, first_year: int, query: Mapping[str, str]
) -> PriorityMapPage:
    filters = map_filters(organisation, query)
    state = map_state(organisation, first_year)
    the_map, part = priority_map_part(
        priority_map_from(filters.apply(state), first_year), filters, query
    )
    version = shown_version(organisation)
    return PriorityMapPage(
        priority_map=the_map,
        picture=Markup(drawn(organisation, version, the_map)),
        filters=filters,
        version=version,
        previous=_year(first_year - 1),
        next=_year(first_year + 1),
        road_map=_year(first_year),
        has_strategy=state.strategy_id is not None,
        part=part,
    )


def road_map_download(organisation: Organisation, year: int, query: Mapping[str, str]) -> str:
    """The whole road map of the year (filtered as the page is) as an SVG file."""
    the_map = road_map_from(map_filters(organisation, query).apply(map_state(organisation, year)))
    return drawn(organisation, shown_version(organisation), the_map, "roadmap/map.svg")


def priority_map_download(
    organisation: Organisation, first_year: int, query: Mapping[str, str]
) -> str:
    """The whole priority map of the two years (filtered as the page is) as an SVG file."""
    state = map_filters(organisation, query).apply(map_state(organisation, first_year))
    the_map = priority_map_from(state, first_year)
    return drawn(organisation, shown_version(organisation), the_map, "roadmap/map.svg")
