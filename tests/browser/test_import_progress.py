"""A large import's page follows the task worker as it imports the file, for sighted and
screen-reader users, and shows what was imported when it is done."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from headway.accounts.models import Membership, User
from headway.dataio import uploads
from headway.dataio.import_jobs import request_import, run_import_job
from headway.strategy.models import Organisation, Partner, Service
from tests.browser.test_pack_progress import sign_in
from tests.browsers import axe_violations
from tests.dataio.files import initiative_row, xlsx
from tests.factories import PriorityFactory, StrategyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_page_follows_the_import_until_it_is_done(
    page: Any,
    live_server: Any,
    axe_source: str,
    admin_user: User,
    org: Organisation,
    service: Service,
    partner: Partner,
) -> None:
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    PriorityFactory.create(strategy=strategy, number=1, title="Value for money")
    membership = Membership.objects.get(user=admin_user, organisation=org)
    data = xlsx([initiative_row("FIN-1"), initiative_row("FIN-2")])
    upload, preview = uploads.receive(membership, "portfolio", "portfolio.xlsx", data)
    assert upload is not None and preview.ok, preview.problems
    job, _ = request_import(upload, membership)

    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/import/check/{upload.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importing the file")
    status = page.get_by_role("status")
    expect(status).to_have_text("Waiting to start: waiting for the task worker (0%)")
    assert axe_violations(page, axe_source) == []

    run_import_job(job)
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()
    expect(page.get_by_text("Initiatives added")).to_be_visible()
    assert axe_violations(page, axe_source) == []
