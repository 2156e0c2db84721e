"""What every list page shares: filters read from the query string and checked against their
choices, and pages of rows (shown with ``includes/pagination.html``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator

# Rows to a page of a list.
PAGE_SIZE = 50


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Filter:
    """One of the page's filters: its choices, what is chosen, and any problem with it."""

    name: str
    label: str
    all_label: str
    options: list[Option]
    selected: str = ""
    error: str = ""


# A filter's label, the noun its error names ("Select a service from the list"), the label
# of its empty choice and its options, by name.
Choices = dict[str, tuple[str, str, str, list[Option]]]


def checked_filters(choices: Choices, given: Mapping[str, str]) -> list[Filter]:
    """The filters with what ``given`` chose. A value that is not one of its choices (a
    changed or stale link) is not selected but reported, so the page can say what to fix."""
    result = []
    for name, (label, noun, all_label, options) in choices.items():
        value = (given.get(name) or "").strip()
        valid = not value or any(option.value == value for option in options)
        result.append(
            Filter(
                name=name,
                label=label,
                all_label=all_label,
                options=options,
                selected=value if valid else "",
                error="" if valid else f"Select a {noun} from the list",
            )
        )
    return result


def chosen(filters: list[Filter]) -> dict[str, str]:
    return {f.name: f.selected for f in filters}


def query_of(filters: list[Filter]) -> list[tuple[str, str]]:
    """The chosen filters as query-string pairs, to keep in links to other pages."""
    return [(f.name, f.selected) for f in filters if f.selected]


class FilteredPage:
    """What a filtered list, a page at a time, tells its template; for dataclasses with
    ``filters`` and ``page``."""

    filters: list[Filter]
    page: Page[Any] | None

    @property
    def shown(self) -> int:
        """How many rows match the filters, on every page."""
        return self.page.paginator.count if self.page else 0

    @property
    def filtering(self) -> bool:
        return any(f.selected for f in self.filters)

    @property
    def errors(self) -> list[Filter]:
        return [f for f in self.filters if f.error]

    @property
    def query(self) -> list[tuple[str, str]]:
        """The chosen filters as query-string pairs, to keep in links to other pages."""
        return query_of(self.filters)


def page_of(rows: Any, number: str | None) -> Page[Any]:
    """The page ``number`` of the rows (the last if beyond it, the first if not a number):
    one query to count them, one to read the page."""
    return Paginator(rows, PAGE_SIZE).get_page(number)
