"""Redrafting a report runs as background work: the officer follows it on a page that looks
again by itself, and lands on the report, redrafted as before, when it is done."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee.models import Redraft, Report
from headway.committee.redrafting import run_redraft
from tests.conftest import signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_away(settings: Any) -> None:
    """Tasks are queued and nobody runs them, as when the worker is busy."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_a_redraft_the_worker_finishes_at_once_lands_on_the_report(
    admin_user: User, drafted: Report
) -> None:
    client = signed_in(admin_user)
    snapshot = drafted.snapshot_id

    response = client.post(reverse("committee:redraft", args=[drafted.pk]))

    assert response["Location"] == reverse("committee:report", args=[drafted.pk])
    [redraft] = Redraft.objects.filter(report=drafted)
    assert (redraft.state, redraft.progress, redraft.requested_by) == ("done", 100, admin_user)
    drafted.refresh_from_db()
    assert drafted.snapshot_id != snapshot


@pytest.mark.usefixtures("worker_away")
def test_a_waiting_redraft_shows_its_progress_then_the_redrafted_report(
    admin_user: User, drafted: Report
) -> None:
    client = signed_in(admin_user)
    snapshot = drafted.snapshot_id

    response = client.post(reverse("committee:redraft", args=[drafted.pk]))
    [redraft] = Redraft.objects.filter(report=drafted)
    progress = reverse("committee:redraft_progress", args=[drafted.pk, redraft.pk])
    assert response["Location"] == progress

    page = Page.of(client.get(progress))
    assert page.text("//h1") == "Redrafting the report from the latest figures"
    assert page.text("//*[@id='pack-step']") == (
        "Waiting to start: waiting for the task worker (0%)"
    )
    assert page.count("//noscript/meta[@http-equiv='refresh']") == 1
    status = reverse("committee:redraft_status", args=[drafted.pk, redraft.pk])
    assert page.count(f"//*[@data-pack-status='{status}']") == 1
    assert client.get(status).json() == {
        "state": "queued",
        "state_label": "Waiting to start",
        "progress": 0,
        "step": "",
        "finished": False,
    }
    drafted.refresh_from_db()
    assert drafted.snapshot_id == snapshot, "Nothing changes until the worker runs it."

    run_redraft(redraft)

    assert client.get(status).json()["finished"] is True
    done = client.get(progress)
    assert done["Location"] == reverse("committee:report", args=[drafted.pk])
    report = Page.of(client.get(done["Location"]))
    assert "redrafted from the latest figures" in report.text()
    drafted.refresh_from_db()
    assert drafted.snapshot_id != snapshot


@pytest.mark.usefixtures("worker_away")
def test_a_redraft_refused_by_the_time_it_runs_says_why(
    admin_user: User, drafted: Report, reviewer: User
) -> None:
    client = signed_in(admin_user)
    client.post(reverse("committee:redraft", args=[drafted.pk]))
    [redraft] = Redraft.objects.filter(report=drafted)
    Report.objects.filter(pk=drafted.pk).update(state=Report.State.APPROVED)

    assert run_redraft(redraft).state == "failed"

    page = Page.of(client.get(reverse("committee:redraft_progress", args=[drafted.pk, redraft.pk])))
    assert page.texts("//div[contains(@class, 'govuk-error-summary')]//li") == [
        "This report is approved: only a draft can be changed."
    ]
    assert page.count(f"//form[@action='{reverse('committee:redraft', args=[drafted.pk])}']") == 1


def test_a_report_that_is_not_a_draft_is_refused_before_anything_is_queued(
    admin_user: User, approved: Report
) -> None:
    response = signed_in(admin_user).post(reverse("committee:redraft", args=[approved.pk]))

    assert response.status_code == 409
    assert not Redraft.objects.exists()
