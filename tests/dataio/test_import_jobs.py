"""A large file is previewed on the page as any other, and once confirmed it is imported by the
task worker: the administrator follows its progress on the preview's address, then sees what
was imported. It stays all or nothing: a refused import writes nothing and says why."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from headway.accounts.models import User
from headway.dataio import import_jobs, limits
from headway.dataio.import_jobs import run_import_job
from headway.dataio.models import ImportJob, Upload
from headway.lib.fy import Quarter
from headway.progress.models import Update
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import signed_in
from tests.dataio.files import UPDATE_HEADER, initiative_row, xlsx
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    ReportingPeriodFactory,
    UpdateFactory,
)
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two rows make a large file here, as 200 do on the site."""
    monkeypatch.setattr(limits, "IN_BACKGROUND_OVER_ROWS", 1)


@pytest.fixture
def waiting_worker(settings: Any) -> None:
    """A task worker that has not started yet: the job waits until the test runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _upload(client: Any, data: bytes, kind: str = "portfolio", name: str = "file.xlsx") -> str:
    response = client.post(
        reverse("dataio:import_upload", args=[kind]), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.content
    return str(response["Location"])


def _two_initiatives() -> bytes:
    return xlsx([initiative_row("FIN-1"), initiative_row("FIN-2")])


def test_a_large_portfolio_is_imported_in_the_background(
    ready: Organisation, admin_user: User
) -> None:
    client = signed_in(admin_user)
    preview_url = _upload(client, _two_initiatives())
    assert "Initiatives to add 2" in Page.of(client.get(preview_url)).text()

    response = client.post(preview_url + "confirm/")

    assert response["Location"] == preview_url
    [job] = ImportJob.objects.all()
    assert (job.state, job.progress, job.requested_by) == ("done", 100, admin_user)
    assert Initiative.objects.count() == 2
    page = Page.of(client.get(preview_url))
    assert "Imported" in page.h1s
    assert "Initiatives added 2" in page.text()


def test_a_small_file_is_imported_inside_the_request(
    ready: Organisation, admin_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "IN_BACKGROUND_OVER_ROWS", 200)
    client = signed_in(admin_user)
    preview_url = _upload(client, _two_initiatives())

    client.post(preview_url + "confirm/")

    assert not ImportJob.objects.exists()
    assert Initiative.objects.count() == 2


def test_the_page_shows_the_import_s_progress_until_it_is_done(
    ready: Organisation, admin_user: User, waiting_worker: None
) -> None:
    client = signed_in(admin_user)
    preview_url = _upload(client, _two_initiatives())
    client.post(preview_url + "confirm/")
    # A second click while it waits queues nothing more.
    client.post(preview_url + "confirm/")
    [job] = ImportJob.objects.all()
    status = reverse("dataio:import_status", args=[preview_url.rstrip("/").split("/")[-1]])

    page = Page.of(client.get(preview_url))
    assert page.h1s == ["Importing the file"]
    assert page.count(f"//*[@data-pack-status='{status}']") == 1
    assert page.count("//noscript/meta[@http-equiv='refresh']") == 1
    assert "Waiting to start" in page.text("//*[@id='pack-step']")
    assert client.get(status).json()["finished"] is False
    assert not Initiative.objects.exists()

    run_import_job(job)

    assert client.get(status).json() == {
        "state": "done",
        "state_label": "Imported",
        "progress": 100,
        "step": "Imported",
        "finished": True,
    }
    assert "Initiatives added 2" in Page.of(client.get(preview_url)).text()
    # Running the task again (a worker retrying it) imports nothing more.
    run_import_job(job)
    assert Initiative.objects.count() == 2


def test_a_refused_import_writes_nothing_and_says_why(
    ready: Organisation, admin_user: User, waiting_worker: None
) -> None:
    client = signed_in(admin_user)
    client.post(_upload(client, xlsx([initiative_row("FIN-1")])) + "confirm/")
    preview_url = _upload(
        client,
        xlsx([initiative_row("FIN-1", title="Renamed"), initiative_row("FIN-2")]),
    )
    client.post(preview_url + "confirm/")
    [job] = ImportJob.objects.filter(upload__state=Upload.State.WAITING)
    # Meanwhile an agreed change request puts the initiative on hold.
    Initiative.objects.filter(external_reference="FIN-1").update(status="on_hold")

    job = run_import_job(job)

    assert job.state == ImportJob.State.FAILED
    assert job.error.startswith("Nothing was imported. The file has 1 problem now")
    assert Initiative.objects.get(external_reference="FIN-1").title == "Initiative FIN-1"
    assert not Initiative.objects.filter(external_reference="FIN-2").exists()
    page = Page.of(client.get(preview_url))
    assert page.title.startswith("Error: ")
    assert "FIN-1 has On hold in Headway; the file says In progress" in page.text(
        "//div[contains(@class, 'govuk-error-summary')]"
    )
    assert "Nothing has been imported" in page.text()


def test_a_failure_half_way_rolls_the_whole_file_back(
    ready: Organisation, admin_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def milestones_fail(*args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("headway.dataio.portfolio_apply._write_milestones", milestones_fail)
    client = signed_in(admin_user)
    preview_url = _upload(client, _two_initiatives())

    client.post(preview_url + "confirm/")

    [job] = ImportJob.objects.all()
    assert job.state == ImportJob.State.FAILED
    assert job.error == "Nothing was imported. Something went wrong (RuntimeError): try again."
    assert not Initiative.objects.exists()
    assert Upload.objects.get().is_waiting
    page = Page.of(client.get(preview_url))
    assert page.texts("//div[contains(@class, 'govuk-error-summary')]//h2") == [
        "The file was not imported"
    ]
    # Once the fault is mended, importing again from the same preview works.
    monkeypatch.undo()
    monkeypatch.setattr(limits, "IN_BACKGROUND_OVER_ROWS", 1)
    (form,) = page.tree.xpath("//main//form[@method='post']")
    client.post(form.get("action"))
    assert Initiative.objects.count() == 2
    assert ImportJob.objects.filter(state=ImportJob.State.DONE).count() == 1


def test_a_large_file_of_returns_is_submitted_in_the_background(
    org: Organisation, service: Service, admin_user: User
) -> None:
    quarter = Quarter.of(timezone.localdate() - dt.timedelta(days=20))
    period = ReportingPeriodFactory.create(
        organisation=org, year=quarter.year, quarter=quarter.number
    )
    updates = [
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=org, service=service, external_reference=reference
            ),
            period=period,
            state=Update.State.DRAFT,
        )
        for reference in ("FIN-1", "FIN-2")
    ]
    rows = [
        ["FIN-1", "Green", "On track.", "", "", "", 75, None],
        ["FIN-2", "Green", "Started.", "", "", "", 40, None],
    ]
    client = signed_in(admin_user)
    preview_url = _upload(client, xlsx(rows, header=UPDATE_HEADER), kind="updates")

    client.post(preview_url + "confirm/")

    assert ImportJob.objects.get().state == ImportJob.State.DONE
    for update in updates:
        update.refresh_from_db()
    assert [(u.state, u.percent_complete) for u in updates] == [
        (Update.State.SUBMITTED, 75),
        (Update.State.SUBMITTED, 40),
    ]
    assert "Returns submitted 2" in Page.of(client.get(preview_url)).text()


def test_only_the_person_who_uploaded_follows_the_import(
    ready: Organisation, admin_user: User, waiting_worker: None
) -> None:
    client = signed_in(admin_user)
    preview_url = _upload(client, _two_initiatives())
    client.post(preview_url + "confirm/")
    token = preview_url.rstrip("/").split("/")[-1]
    colleague = MembershipFactory.create(organisation=ready, role="administrator").user

    response = signed_in(colleague).get(reverse("dataio:import_status", args=[token]))

    assert response.status_code == 404


def test_an_import_asked_for_by_someone_no_longer_an_administrator_is_refused(
    ready: Organisation, admin_user: User, waiting_worker: None
) -> None:
    client = signed_in(admin_user)
    preview_url = _upload(client, _two_initiatives())
    client.post(preview_url + "confirm/")
    admin_user.memberships.update(role="viewer")

    job = run_import_job(ImportJob.objects.get())

    assert job.error == "Nothing was imported. Only an administrator may import data."
    assert not Initiative.objects.exists()


def test_a_stale_upload_being_imported_is_not_forgotten(
    ready: Organisation, admin_user: User, waiting_worker: None
) -> None:
    from headway.dataio.models import forget_stale_uploads

    client = signed_in(admin_user)
    client.post(_upload(client, _two_initiatives()) + "confirm/")
    Upload.objects.update(uploaded_at=timezone.now() - dt.timedelta(days=1))

    assert forget_stale_uploads() == 0
    assert import_jobs.runs_in_background(Upload.objects.get())
