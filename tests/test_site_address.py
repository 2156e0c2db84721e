"""The address emails link to: SITE_URL when set; otherwise the request's, or the address
`headway demo` or `headway serve` is serving on."""

from __future__ import annotations

import os
import socket
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.commands import runserver
from django.test import RequestFactory

from headway.management.commands import demo
from headway.site_address import (
    FALLBACK_URL,
    SERVING_URL_VARIABLE,
    absolute_url,
    serving_request,
    serving_url,
    site_url,
)


@pytest.fixture(autouse=True)
def no_site_url(settings: Any) -> None:
    settings.SITE_URL = ""


def test_site_url_wins_when_set(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.SITE_URL = "https://headway.example.org/"
    monkeypatch.setenv(SERVING_URL_VARIABLE, "http://127.0.0.1:9000")

    with serving_request(RequestFactory().get("/", HTTP_HOST="testserver")):
        assert absolute_url("/returns/1/") == "https://headway.example.org/returns/1/"


def test_a_request_gives_its_own_address() -> None:
    request = RequestFactory().get("/", HTTP_HOST="testserver:8001", secure=True)

    with serving_request(request):
        assert site_url() == "https://testserver:8001"
    assert site_url() == FALLBACK_URL


def test_outside_a_request_the_served_address_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVING_URL_VARIABLE, "http://127.0.0.1:8123")

    assert absolute_url("/") == "http://127.0.0.1:8123/"


@pytest.mark.parametrize(
    ("bind", "url"),
    [
        ("127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("8123", "http://127.0.0.1:8123"),
        ("[::1]:8000", "http://[::1]:8000"),
        ("0.0.0.0:8000", f"http://{socket.getfqdn()}:8000"),
    ],
)
def test_the_served_address_is_one_people_can_reach(bind: str, url: str) -> None:
    assert serving_url(bind) == url


@pytest.mark.django_db
def test_the_demo_passes_its_address_to_itself_and_its_worker(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.DEBUG = True
    seen: dict[str, str | None] = {}

    class Worker:
        def __init__(self, args: list[str]) -> None:
            seen["worker"] = os.environ.get(SERVING_URL_VARIABLE)

        def terminate(self) -> None: ...
        def wait(self, timeout: float | None = None) -> int:
            return 0

    monkeypatch.setattr(demo.subprocess, "Popen", Worker)
    monkeypatch.setattr(
        runserver.Command, "run", lambda self, **options: seen.update(server=site_url())
    )

    call_command("demo", "--addrport", "127.0.0.1:8123", stdout=StringIO())

    assert seen == {"worker": "http://127.0.0.1:8123", "server": "http://127.0.0.1:8123"}
