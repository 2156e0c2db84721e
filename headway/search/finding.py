"""Search: one box over everything Headway holds in words, a page of results at a time.

The page (and anything else that searches) calls ``search``; it reads only what the member
may read, by each source's own permission rule (stored with the entries), and returns
snippets already escaped with the matching words marked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.html import escape
from markupsafe import Markup

from headway.accounts.models import Membership
from headway.lib.fy import Quarter
from headway.lib.listing import (
    Choices,
    Filter,
    FilteredPage,
    Option,
    checked_filters,
    chosen,
)
from headway.progress.models import ReportingPeriod
from headway.search import audience, engines
from headway.search.documents import MARK_END, MARK_START
from headway.search.models import SearchEntry
from headway.search.registry import SOURCES
from headway.strategy.current import current_strategy
from headway.strategy.models import Initiative, Service

MAX_QUERY = 200
PER_PAGE = 20
# The most results counted and paged through: past that, more words or a filter help more
# than more pages, and counting every match of a common word costs every search.
MAX_RESULTS = 1000


class BestResults(Paginator):
    """Pages of results, counted once (at most ``MAX_RESULTS``)."""

    def __init__(self, rows: QuerySet[SearchEntry], counted: int) -> None:
        super().__init__(rows, PER_PAGE)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        return self.counted


def counted(matches: QuerySet[SearchEntry]) -> int:
    """How many match, up to ``MAX_RESULTS``: the count stops there."""
    return int(matches.order_by()[:MAX_RESULTS].count())


EMPTY_QUERY = "Enter the words to search for"
LONG_QUERY = f"Enter at most {MAX_QUERY} characters to search for"


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    # The title again, as HTML with its matching words marked.
    marked_title: Markup
    snippet: Markup
    href: str
    period: str


@dataclass(frozen=True)
class SearchResults(FilteredPage):
    text: str
    hits: list[Hit] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    page: Page[SearchEntry] | None = None
    # What is wrong with the words typed, if anything.
    problem: str = ""

    @property
    def capped(self) -> bool:
        """More matched than are counted: the latest written are shown."""
        return self.shown >= MAX_RESULTS

    @property
    def searched(self) -> bool:
        return bool(self.text) and not self.problem


def marked(text: str) -> Markup:
    """A title or snippet as HTML: its text escaped, then only the engine's marks made
    ``<mark>``."""
    html = str(escape(text))
    return Markup(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def search_choices(membership: Membership) -> Choices:
    organisation = membership.organisation
    periods = ReportingPeriod.objects.filter(organisation=organisation).order_by(
        "-year", "-quarter"
    )
    strategy = current_strategy(organisation)
    priorities = list(strategy.priorities.all()) if strategy else []
    services = Service.objects.filter(organisation=organisation).order_by("name")
    return {
        "kind": (
            "Kind",
            "kind",
            "Everything",
            [Option(source.name, source.label) for source in SOURCES.values()],
        ),
        "period": (
            "Period",
            "period",
            "Any period",
            [
                Option(Quarter(p.year, p.quarter).slug, Quarter(p.year, p.quarter).label)
                for p in periods
            ],
        ),
        "priority": (
            "Priority",
            "priority",
            "Any priority",
            [Option(str(p.pk), str(p)) for p in priorities],
        ),
        "service": (
            "Service",
            "service",
            "Any service",
            [Option(str(s.pk), s.name) for s in services],
        ),
    }


def readable_entries(membership: Membership) -> QuerySet[SearchEntry]:
    """The organisation's entries whose object the member may read, by each source's rule:
    a filter on the entries' own columns (what the member's role reads, stored with each
    entry) and the short lists of what some sources give the member as who they are
    (``headway.search.audience``), so nothing is looked up for each entry matched."""
    entries = SearchEntry.objects.filter(organisation_id=membership.organisation_id)
    return entries.filter(audience.readable(membership))


def _filtered(entries: QuerySet[SearchEntry], chosen: Mapping[str, str]) -> QuerySet[SearchEntry]:
    if chosen.get("kind"):
        entries = entries.filter(source=chosen["kind"])
    if chosen.get("period"):
        quarter = Quarter.parse(chosen["period"])
        entries = entries.filter(year=quarter.year, quarter=quarter.number)
    if chosen.get("priority"):
        priority = int(chosen["priority"])
        linked = Initiative.priorities.through.objects.filter(priority_id=priority)
        entries = entries.filter(
            Q(priority_id=priority) | Q(initiative_id__in=linked.values("initiative_id"))
        )
    if chosen.get("service"):
        entries = entries.filter(service_id=int(chosen["service"]))
    return entries


def search(
    membership: Membership,
    text: str,
    query: Mapping[str, str] | None = None,
    page: str | None = None,
) -> SearchResults:
    """The page ``page`` of what matches ``text`` and the filters in ``query``."""
    text = (text or "").strip()
    filters = checked_filters(search_choices(membership), query or {})
    if not text:
        return SearchResults(text, filters=filters)
    if len(text) > MAX_QUERY:
        return SearchResults(text, filters=filters, problem=LONG_QUERY)
    wanted = engines.terms(text)
    if not wanted:
        return SearchResults(text, filters=filters, problem=EMPTY_QUERY)
    entries = _filtered(readable_entries(membership), chosen(filters))
    count = counted(engines.match(entries, wanted, ranked=False))
    # Ranking every match of a word found nearly everywhere costs more than it tells: past
    # the count's limit, the latest written come first.
    matches = engines.match(entries, wanted, ranked=count < MAX_RESULTS)
    shown = BestResults(matches, count).get_page(page)
    rows: list[SearchEntry] = list(shown.object_list)
    marked_text = engines.highlighted([row.pk for row in rows], wanted)
    links: dict[int, str] = {}
    for name, source in SOURCES.items():
        of_source = [row for row in rows if row.source == name]
        if of_source:
            links.update(source.links(membership, of_source))
    hits = []
    for row in rows:
        if row.pk not in links:
            continue
        found = marked_text.get(row.pk, engines.Highlighted(row.title, ""))
        hits.append(
            Hit(
                kind=SOURCES[row.source].noun,
                title=row.title,
                marked_title=marked(found.title or row.title),
                snippet=marked(found.snippet or row.body[:300]),
                href=links[row.pk],
                period=Quarter(row.year, row.quarter).label if row.year and row.quarter else "",
            )
        )
    return SearchResults(text, hits=hits, filters=filters, page=shown)
