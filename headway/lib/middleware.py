"""Middleware of Headway's own."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from headway.lib.text import clean_text, has_controls


class CleanInputMiddleware:
    """Every form posted to Headway's pages passes here: its text loses the bidirectional
    controls (see ``headway.lib.text``) before any form reads it, so no page can store them.
    Files are left as they are; imports clean each cell as they read it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            posted = request.POST
            if any(has_controls(value) for _, values in posted.lists() for value in values):
                cleaned = posted.copy()
                for key, values in posted.lists():
                    cleaned.setlist(key, [clean_text(value) for value in values])
                cleaned._mutable = False
                request.POST = cleaned  # type: ignore[assignment]
        return self.get_response(request)
