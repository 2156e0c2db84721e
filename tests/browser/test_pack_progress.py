"""The pack page follows the background task as it works, for sighted and screen-reader users,
and shows the downloads when it is done; a published report still being prepared says so."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from headway.accounts.models import User
from headway.committee import packs
from headway.committee.drafting import approve_report, draft_report, publish_report
from headway.committee.models import Pack, Report
from headway.committee.packs import generate_pack, request_pack
from headway.strategy.models import Organisation
from tests.browsers import axe_violations
from tests.browsers import sign_in as browser_sign_in
from tests.conftest import PASSWORD
from tests.factories import CommitteeFactory, MeetingFactory, ReportFactory, StrategyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report(org: Organisation) -> Report:
    StrategyFactory.create(organisation=org)
    meeting = MeetingFactory.create(committee=CommitteeFactory.create(organisation=org))
    return draft_report(ReportFactory.create(meeting=meeting, slug="joint-committee-q3"))


def sign_in(page: Any, live_server: Any, username: str) -> None:
    browser_sign_in(page, live_server.url, username, PASSWORD)


def test_the_page_follows_the_pack_until_its_downloads_appear(
    page: Any,
    live_server: Any,
    axe_source: str,
    admin_user: User,
    report: Report,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(packs, "pack_files", lambda report, progress=None: {"data.json": b"{}"})
    pack = request_pack(report)
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/reports/{report.pk}/packs/{pack.pk}/")
    status = page.get_by_role("status")
    expect(status).to_have_text("Waiting to start: waiting for the task worker (0%)")
    assert axe_violations(page, axe_source) == []

    Pack.objects.filter(pk=pack.pk).update(
        state=Pack.State.RUNNING, progress=70, step="Writing the PDF"
    )
    expect(status).to_have_text("Being generated: Writing the PDF (70%)")
    expect(page.get_by_label("Progress")).to_have_attribute("value", "70")

    generate_pack(pack)
    expect(page.get_by_role("heading", name="Downloads")).to_be_visible()
    expect(page.get_by_role("link", name="Data (JSON)")).to_be_visible()
    assert axe_violations(page, axe_source) == []


def test_a_published_report_being_prepared_says_so(
    page: Any,
    live_server: Any,
    axe_source: str,
    report: Report,
    reviewer: User,
    settings: Any,
) -> None:
    # Tasks wait for a worker that is not running.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    publish_report(approve_report(report, by=reviewer))
    page.goto(f"{live_server.url}/published/")
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="Strategy Progress Report for Q3").click()
    expect(page.get_by_role("status")).to_contain_text("This report is being prepared")
    assert axe_violations(page, axe_source) == []
