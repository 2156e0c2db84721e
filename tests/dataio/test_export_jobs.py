"""A large portfolio's .xlsx is written by the task worker: the officer follows it on a page
and downloads the file from there. CSV is never queued: it streams."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from headway.accounts.models import User
from headway.dataio import export_jobs
from headway.dataio.export_jobs import run_export
from headway.dataio.models import ExportJob
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """One initiative makes a large portfolio here, as 250 do on the site."""
    monkeypatch.setattr(export_jobs, "IN_BACKGROUND_OVER", 1)


@pytest.fixture
def portfolio(ready: Organisation, service: Service, ict: Service) -> list[Initiative]:
    return [
        InitiativeFactory.create(organisation=ready, service=service, external_reference="FIN-1"),
        InitiativeFactory.create(organisation=ready, service=ict, external_reference="ICT-1"),
    ]


def _references(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content))["Initiatives"]
    return [str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_large_export_is_written_in_the_background_with_the_page_s_filters(
    admin_user: User, portfolio: list[Initiative], ict: Service
) -> None:
    client = signed_in(admin_user)
    response = client.get(reverse("dataio:export_portfolio", args=["xlsx"]), {"service": ict.pk})

    [job] = ExportJob.objects.all()
    assert response["Location"] == reverse("dataio:export_job", args=[job.pk])
    page = Page.of(client.get(response["Location"]))
    assert page.text("//*[@id='pack-step']").startswith("Ready: written at")
    link = reverse("dataio:export_job_file", args=[job.pk])
    assert page.links()[f"Download {job.filename}"] == link
    download = client.get(link)
    assert download["Content-Disposition"] == f'attachment; filename="{job.filename}"'
    assert _references(download.content) == ["ICT-1"]


def test_a_csv_export_streams_however_large(admin_user: User, portfolio: list[Initiative]) -> None:
    response = signed_in(admin_user).get(reverse("dataio:export_portfolio", args=["csv"]))

    assert response.streaming
    assert not ExportJob.objects.exists()


def test_a_waiting_export_shows_its_progress(
    admin_user: User, portfolio: list[Initiative], settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = signed_in(admin_user)
    client.get(reverse("dataio:export_portfolio", args=["xlsx"]))
    [job] = ExportJob.objects.all()
    page_url = reverse("dataio:export_job", args=[job.pk])
    status = reverse("dataio:export_job_status", args=[job.pk])

    page = Page.of(client.get(page_url))
    assert page.count(f"//*[@data-pack-status='{status}']") == 1
    assert page.count("//noscript/meta[@http-equiv='refresh']") == 1
    assert client.get(status).json()["finished"] is False
    assert client.get(reverse("dataio:export_job_file", args=[job.pk])).status_code == 404

    run_export(job)

    assert client.get(status).json()["finished"] is True
    download = client.get(reverse("dataio:export_job_file", args=[job.pk]))
    assert _references(download.content) == ["FIN-1", "ICT-1"]


def test_only_the_person_who_asked_sees_an_export(
    admin_user: User, reviewer: User, portfolio: list[Initiative]
) -> None:
    signed_in(admin_user).get(reverse("dataio:export_portfolio", args=["xlsx"]))
    [job] = ExportJob.objects.all()

    assert signed_in(reviewer).get(reverse("dataio:export_job", args=[job.pk])).status_code == 404


def test_a_large_export_of_returns_is_written_in_the_background(
    admin_user: User, portfolio: list[Initiative], ict: Service
) -> None:
    from headway.progress.models import Update
    from tests.factories import ReportingPeriodFactory, UpdateFactory

    period = ReportingPeriodFactory.create(
        organisation=portfolio[0].organisation, year=2021, quarter=3
    )
    for initiative in portfolio:
        UpdateFactory.create(initiative=initiative, period=period, state=Update.State.DRAFT)
    client = signed_in(admin_user)

    response = client.get(
        reverse("dataio:export_updates", args=["2021-22-Q3", "xlsx"]), {"service": ict.pk}
    )

    [job] = ExportJob.objects.all()
    assert (job.kind, job.state) == ("updates", ExportJob.State.DONE)
    page = Page.of(client.get(response["Location"]))
    assert page.h1s == ["Export of the returns for 2021-22 Q3"]
    download = client.get(reverse("dataio:export_job_file", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(download.content)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["ICT-1"]
    # The returns' CSV streams, however many.
    csv = client.get(reverse("dataio:export_updates", args=["2021-22-Q3", "csv"]))
    assert csv.streaming
