"""The address emails link to: the site's own, wherever Headway is actually serving.

``SITE_URL`` names it when it is set, as it should be on a live site. When it is not, the
links follow what is being served rather than a guess: the address of the request that
sent the email, or, for emails sent outside any request (the task worker's reminders), the
address ``headway demo`` or ``headway serve`` is bound to, which they pass to the worker
they start in the environment.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

SERVING_URL_VARIABLE = "HEADWAY_SERVING_URL"
# Where nothing says otherwise: the address `headway demo` serves on by default.
FALLBACK_URL = "http://127.0.0.1:8000"
ANY_ADDRESS = {"0.0.0.0", "::", "[::]", ""}

_request: ContextVar[HttpRequest | None] = ContextVar("headway_request", default=None)


def site_url() -> str:
    """The site's address, without a trailing slash."""
    if settings.SITE_URL:
        return str(settings.SITE_URL).rstrip("/")
    request = _request.get()
    if request is not None:
        # get_host() checks the Host header against ALLOWED_HOSTS.
        return f"{request.scheme}://{request.get_host()}"
    serving = os.environ.get(SERVING_URL_VARIABLE, "").strip()
    return serving.rstrip("/") if serving else FALLBACK_URL


def absolute_url(path: str) -> str:
    return site_url() + path


def serving_url(address: str) -> str:
    """The address people reach a server bound to ``address`` (``host:port``, ``:port`` or
    ``port``) on: a server bound to every interface is reached by the machine's name."""
    host, _, port = address.rpartition(":")
    if host in ANY_ADDRESS:
        host = "127.0.0.1" if not host and ":" not in address else socket.getfqdn()
    return f"http://{host}:{port}"


def announce_serving(address: str) -> str | None:
    """Record that this process is about to serve on ``address``, for its own emails and for
    the processes it starts (the task worker); returns the address emails will use, or None
    for a Unix socket, whose public address only SITE_URL can say."""
    if address.startswith("unix:"):
        return None
    url = serving_url(address)
    os.environ[SERVING_URL_VARIABLE] = url
    return url


@contextmanager
def serving_request(request: HttpRequest) -> Iterator[None]:
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


class RequestAddressMiddleware:
    """Lets emails sent while answering a request link to the address it was made to."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with serving_request(request):
            return self.get_response(request)
