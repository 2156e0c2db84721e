"""What the road map pages share."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def not_found(
    request: HttpRequest, title: str, message: str, links: dict[str, str] | None = None
) -> HttpResponse:
    """A 404 page that says what was wrong with the address and where to go instead."""
    return render(
        request,
        "roadmap/not_found.html",
        {"title": title, "message": message, "links": links or {}},
        status=404,
    )
