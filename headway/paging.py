"""Long lists on pages, a page at a time, with the GOV.UK pagination links to move along.

A page number that is not a number, or past the end, shows the nearest page rather than an
error: a stale link still lands somewhere useful.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 20


@dataclass(frozen=True)
class Paged:
    """One page of a list and the links to the others, for ``includes/pagination.html``."""

    page: Page[Any]
    param: str
    anchor: str
    query: dict[str, str]

    def href(self, number: int) -> str:
        return f"?{urlencode({**self.query, self.param: number})}#{self.anchor}"

    @cached_property
    def rows(self) -> list[Any]:
        return list(self.page.object_list)

    @property
    def pagination(self) -> dict[str, Any] | None:
        """The govukPagination parameters, or None when everything fits on one page."""
        page = self.page
        if page.paginator.num_pages < 2:
            return None
        return {
            "previous": {"href": self.href(page.number - 1)} if page.has_previous() else None,
            "next": {"href": self.href(page.number + 1)} if page.has_next() else None,
            "items": [
                {"number": n, "href": self.href(n), "current": n == page.number}
                if isinstance(n, int)
                else {"ellipsis": True}
                for n in page.paginator.get_elided_page_range(page.number, on_each_side=2)
            ],
        }


def paged(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    *,
    param: str = "page",
    anchor: str = "main-content",
    per_page: int = PER_PAGE,
) -> Paged:
    """The page of ``rows`` the request asks for in ``param`` (the first, by default)."""
    others = {key: request.GET[key] for key in request.GET if key != param}
    page = Paginator(rows, per_page).get_page(request.GET.get(param))
    return Paged(page=page, param=param, anchor=anchor, query=others)
