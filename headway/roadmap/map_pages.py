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
from typing import TypeVar, cast
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Q
from django.template.loader import render_to_string
from markupsafe import Markup

from headway.lib.fy import MAX_YEAR, MIN_YEAR, FinancialYear, span_label
from headway.roadmap.filters import MapFilters, map_filters
from headway.roadmap.maps import (
    PriorityMap,
    RoadMap,
    columns_for,
    priority_map_from,
    road_map_from,
)
from headway.roadmap.models import MapVersion
from headway.roadmap.pictures import Picture, priority_map_picture, road_map_picture
from headway.roadmap.state import (
    map_entries,
    map_state,
    strategy_for_year,
)
from headway.strategy.models import Initiative, Organisation, Priority

READABLE_ROWS = 50
"""The most rows (initiatives) a map page draws; beyond, it shows a part at a time."""
PICTURE_SECONDS = 60 * 60 * 24
MapT = TypeVar("MapT", RoadMap, PriorityMap)


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


def _narrowing(filters: MapFilters, to: str = "") -> Q:
    """The chosen filters as a condition on initiatives (reached through ``to``), so that only
    what they keep is read."""
    narrow = Q()
    if filters.partner.selected:
        narrow &= Q(**{f"{to}partners": int(filters.partner.selected)})
    if filters.service.selected:
        narrow &= Q(**{f"{to}service": int(filters.service.selected)})
    return narrow


def _dated_in(year: FinancialYear, to: str = "") -> Q:
    """Initiatives whose planned dates touch the year, as ``quarters_covered`` reads them (a
    span with one end known is that end's day): the road map's bars."""
    first, last = year.first_day, year.last_day
    start, end = f"{to}planned_start", f"{to}planned_end"
    return (
        Q(**{f"{start}__lte": last, f"{end}__gte": first})
        | Q(**{f"{end}__isnull": True, f"{start}__gte": first, f"{start}__lte": last})
        | Q(**{f"{start}__isnull": True, f"{end}__gte": first, f"{end}__lte": last})
    )


def _undated(to: str = "") -> Q:
    """Initiatives for now with no planned dates: the road map's "not yet scheduled"."""
    return Q(
        **{
            f"{to}planned_start__isnull": True,
            f"{to}planned_end__isnull": True,
            f"{to}horizon": Initiative.Horizon.NOW,
        }
    )


def _active(priority: Priority, *years: int) -> bool:
    return any((priority.active_from or 0) <= y <= (priority.active_to or 9999) for y in years)


def _counts(
    organisation: Organisation,
    priorities: list[Priority],
    filters: MapFilters,
    **aggregates: Count,
) -> dict[int, dict[str, int]]:
    """Each priority's counts of its initiatives on the map that the filters keep: one
    aggregate query over the links, however many initiatives."""
    rows = (
        Initiative.priorities.through.objects.filter(
            _narrowing(filters, "initiative__"),
            priority__in=[p.pk for p in priorities],
            initiative__organisation=organisation,
        )
        .exclude(initiative__status__in=Initiative.OFF_MAP_STATUSES)
        .values("priority_id")
        .annotate(**aggregates)
        .order_by()
    )
    return {row["priority_id"]: cast(dict[str, int], row) for row in rows}


def _chosen_row(the_map: MapT, priority: Priority) -> MapT:
    """The map with the chosen priority's row alone."""
    rows = tuple(row for row in the_map.rows if row.priority.id == priority.pk)
    return replace(the_map, rows=rows)


def road_map_page(organisation: Organisation, year: int, query: Mapping[str, str]) -> RoadMapPage:
    """The road map of the year, reading only what the page draws: each priority's count
    from one aggregate, then the rows of the whole map when it is small, else of the chosen
    priority's page."""
    filters = map_filters(organisation, query)
    strategy = strategy_for_year(organisation, year)
    financial_year = FinancialYear(year)
    narrow = _narrowing(filters)
    shown_on_map = _dated_in(financial_year) | _undated()
    part: MapPart | None = None
    if strategy is None:
        the_map = road_map_from(map_state(organisation, year, strategy))
    else:
        every = list(strategy.priorities.order_by("number"))
        priorities = [p for p in every if _active(p, year)]
        counted = _counts(
            organisation,
            priorities,
            filters,
            dated=Count("initiative_id", filter=_dated_in(financial_year, "initiative__")),
            undated=Count("initiative_id", filter=_undated("initiative__")),
        )
        counts = [
            (
                p.number,
                f"{p.number}. {p.title}",
                max(counted.get(p.pk, {}).get("dated", 0), counted.get(p.pk, {}).get("undated", 0)),
            )
            for p in priorities
        ]
        chosen = _part(filters, query, counts)
        if chosen is None:
            state = map_state(organisation, year, strategy, narrow & shown_on_map, every)
            the_map = road_map_from(filters.apply(state))
        else:
            index, part = chosen
            priority = priorities[index]
            entries = map_entries(organisation, priority, narrow & shown_on_map)
            # Those read are dated in the year or undated for now: tell them apart.
            dated = [e for e in entries if e.planned_start or e.planned_end]
            undated = [e for e in entries if not (e.planned_start or e.planned_end)]
            window = slice(part.first - 1, part.last)
            ids = {e.id for e in dated[window] + undated[window]}
            state = map_state(organisation, year, strategy, Q(id__in=ids), every)
            the_map = _chosen_row(road_map_from(filters.apply(state)), priority)
    version = shown_version(organisation)
    return RoadMapPage(
        road_map=the_map,
        picture=Markup(drawn(organisation, version, the_map)),
        filters=filters,
        version=version,
        previous=_year(year - 1),
        next=_year(year + 1),
        priority_map=_span(year),
        has_strategy=strategy is not None,
        part=part,
    )


def priority_map_page(
    organisation: Organisation, first_year: int, query: Mapping[str, str]
) -> PriorityMapPage:
    """The two-year priority map, reading only what the page draws, as the road map does."""
    filters = map_filters(organisation, query)
    strategy = strategy_for_year(organisation, first_year)
    narrow = _narrowing(filters)
    part: MapPart | None = None
    if strategy is None:
        the_map = priority_map_from(map_state(organisation, first_year, strategy), first_year)
    else:
        every = list(strategy.priorities.order_by("number"))
        priorities = [p for p in every if _active(p, first_year, first_year + 1)]
        # Every initiative on the map sits in at least one of its columns.
        counted = _counts(organisation, priorities, filters, placed=Count("initiative_id"))
        counts = [
            (p.number, f"{p.number}. {p.title}", counted.get(p.pk, {}).get("placed", 0))
            for p in priorities
        ]
        chosen = _part(filters, query, counts)
        if chosen is None:
            state = map_state(organisation, first_year, strategy, narrow, every)
            the_map = priority_map_from(filters.apply(state), first_year)
        else:
            index, part = chosen
            priority = priorities[index]
            entries = map_entries(organisation, priority, narrow)
            places = [
                (e.id, columns_for(e.horizon, e.planned_start, e.planned_end, first_year))
                for e in entries
            ]
            # In the order the picture lists them: the first year's, then the second's, then
            # those for later.
            placed = list(
                dict.fromkeys(pk for column in range(3) for pk, at in places if column in at)
            )
            ids = set(placed[part.first - 1 : part.last])
            state = map_state(organisation, first_year, strategy, Q(id__in=ids), every)
            the_map = _chosen_row(priority_map_from(filters.apply(state), first_year), priority)
    version = shown_version(organisation)
    return PriorityMapPage(
        priority_map=the_map,
        picture=Markup(drawn(organisation, version, the_map)),
        filters=filters,
        version=version,
        previous=_year(first_year - 1),
        next=_year(first_year + 1),
        road_map=_year(first_year),
        has_strategy=strategy is not None,
        part=part,
    )


def road_map_download(organisation: Organisation, year: int, query: Mapping[str, str]) -> str:
    """The whole road map of the year (filtered as the page is) as an SVG file: only the
    initiatives it draws are read."""
    filters = map_filters(organisation, query)
    shown_on_map = _dated_in(FinancialYear(year)) | _undated()
    state = map_state(organisation, year, narrow=_narrowing(filters) & shown_on_map)
    the_map = road_map_from(filters.apply(state))
    return drawn(organisation, shown_version(organisation), the_map, "roadmap/map.svg")


def priority_map_download(
    organisation: Organisation, first_year: int, query: Mapping[str, str]
) -> str:
    """The whole priority map of the two years (filtered as the page is) as an SVG file."""
    filters = map_filters(organisation, query)
    state = filters.apply(map_state(organisation, first_year, narrow=_narrowing(filters)))
    the_map = priority_map_from(state, first_year)
    return drawn(organisation, shown_version(organisation), the_map, "roadmap/map.svg")
