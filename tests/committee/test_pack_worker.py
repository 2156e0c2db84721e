"""A committee pack asked for on its page is made by the real task worker.

Every other test runs tasks the moment they are queued (tests/conftest.py); this one runs
Headway as an operator does: ``headway serve`` and ``headway worker`` as processes sharing a
database of their own (a SQLite file, or a PostgreSQL database made for the test) loaded with
the demo. The administrator signs in, presses "Generate pack" and follows the pack's progress
as the page's script does, until the worker has made every file.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from headway.bench.browser import Browser
from headway.bench.site import Site, demo_site
from headway.committee.packs import PACK_FILES
from headway.demo import DEMO_PASSWORD

# Long enough for the demo's pack on a busy machine; the test only waits, it does not time.
PACK_WAIT_SECONDS = 600

# Its processes use databases of their own (SQLite and PostgreSQL both), not the suite's: `make
# test` runs it in the SQLite run only.
pytestmark = pytest.mark.own_databases


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    server = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    with demo_site(server, tmp_path) as loaded:
        yield loaded


def _report_with_pack_button(browser: Browser) -> tuple[str, str]:
    """A report whose page offers "Generate pack", and that button's form action."""
    reports = browser.get("/reports/")
    assert reports.status == 200
    for link in dict.fromkeys(re.findall(r'href="(/reports/\d+/)"', reports.text)):
        page = browser.get(link)
        actions = re.findall(r'action="(/reports/\d+/packs/)"', page.text)
        if actions:
            return link, actions[0]
    raise AssertionError("no report of the demo offers to generate its pack")


def _looks_like(name: str, content: bytes) -> bool:
    if name.endswith((".docx", ".pptx")):
        return zipfile.is_zipfile(io.BytesIO(content))
    if name.endswith(".pdf"):
        return content.startswith(b"%PDF-")
    if name.endswith(".html"):
        return b"<html" in content[:500]
    return bool(json.loads(content)["figures"])


def test_the_worker_makes_the_pack_asked_for_on_its_page(site: Site, tmp_path: Path) -> None:
    serve_log, worker_log = tmp_path / "serve.log", tmp_path / "worker.log"
    with site.served(log=serve_log) as url, site.worker(log=worker_log) as worker:
        browser = Browser(url)
        browser.sign_in("admin", DEMO_PASSWORD)
        report, action = _report_with_pack_button(browser)
        page = browser.get(report)
        asked = browser.post(action, page.form(f"//form[@action='{action}']").values, follow=False)
        assert asked.status == 302, asked.text
        pack = asked.headers["Location"]
        assert re.fullmatch(r"/reports/\d+/packs/\d+/", pack), pack

        deadline = time.monotonic() + PACK_WAIT_SECONDS
        status = browser.get(pack + "status/").json()
        while not status["finished"] and time.monotonic() < deadline:
            assert worker.poll() is None, worker_log.read_text()
            time.sleep(0.5)
            status = browser.get(pack + "status/").json()
        assert status["state"] == "done", (status, worker_log.read_text())

        listed = re.findall(rf'href="{re.escape(pack)}([^"/]+)"', browser.get(pack).text)
        assert sorted(set(listed)) == sorted(PACK_FILES)
        for name in PACK_FILES:
            download = browser.get(pack + name)
            assert download.status == 200, name
            assert _looks_like(name, download.body), name
