"""Anyone can read a published report at its stable address, with its PDF and data; nothing
unpublished is public."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from headway.committee.drafting import approve_report, publish_report
from headway.committee.models import Pack, Report
from headway.committee.packs import request_pack
from headway.committee.publication import RETRY_FAILED_AFTER, pack_for_readers, with_downloads
from headway.csp import inline_script_hashes, script_hash
from tests.committee.conftest import FAKE_FILES, REPORT_PAGE
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db

PAGE = REPORT_PAGE


def page_url(report: Report) -> str:
    return reverse("committee:published_report", args=[report.slug])


def test_the_list_of_published_reports_is_public(client: Client, published: Report) -> None:
    page = Page.of(client.get(reverse("committee:published")))
    assert page.title == titled("Published reports")
    assert page.links()["Strategy Progress Report for Q3"] == page_url(published)


def test_unpublished_reports_are_not_listed(client: Client, approved: Report) -> None:
    page = Page.of(client.get(reverse("committee:published")))
    assert "No report has been published yet." in page.text()


def test_anyone_can_read_a_published_report(
    client: Client, published: Report, quick_packs: dict[str, bytes]
) -> None:
    response = client.get(page_url(published))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = Page.of(response)
    assert page.h1s == ["Report"]
    base = page_url(published)
    assert page.links("//nav[@aria-label='Downloads']//a") == {
        "Download the report as a PDF": f"{base}report.pdf",
        "Download the data (JSON)": f"{base}data.json",
        "All published reports": reverse("committee:published"),
    }


def test_its_pdf_and_data_open_in_the_browser(
    client: Client, published: Report, quick_packs: dict[str, bytes]
) -> None:
    for name, kind in [("report.pdf", "application/pdf"), ("data.json", "application/json")]:
        response = client.get(f"{page_url(published)}{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == kind
        assert response["Content-Disposition"] == f'inline; filename="joint-committee-q3-{name}"'
        assert response.content == FAKE_FILES[name]


def test_only_the_pdf_and_the_data_are_offered(
    client: Client, published: Report, quick_packs: dict[str, bytes]
) -> None:
    for name in ["report.docx", "appendix.pptx", "report.html", "other.txt"]:
        assert client.get(f"{page_url(published)}{name}").status_code == 404, name


@pytest.mark.parametrize("state", ["drafted", "approved"])
def test_an_unpublished_report_is_not_public(
    client: Client, state: str, request, quick_packs: dict[str, bytes]
) -> None:
    report: Report = request.getfixturevalue(state)
    assert client.get(page_url(report)).status_code == 404
    assert client.get(f"{page_url(report)}report.pdf").status_code == 404
    assert not Pack.objects.exists()


def test_a_report_without_a_ready_pack_is_being_prepared(
    client: Client, published: Report, settings: Any
) -> None:
    # A backend that keeps tasks for a worker, like the real one: nothing runs yet.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = client.get(page_url(published))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = Page.of(response)
    assert page.h1s == ["Strategy Progress Report for Q3"]
    assert "This report is being prepared for reading online." in page.text()
    assert Pack.objects.get().state == Pack.State.QUEUED
    # A second reader does not queue a second pack.
    client.get(page_url(published))
    assert Pack.objects.count() == 1


def test_the_first_reader_gets_the_pack_made_when_the_worker_runs_at_once(
    client: Client, published: Report, quick_packs: dict[str, bytes]
) -> None:
    assert not Pack.objects.exists()
    assert client.get(page_url(published)).status_code == 200
    assert Pack.objects.get().state == Pack.State.DONE


def test_readers_never_get_a_pack_made_before_approval(
    drafted: Report, reviewer: Any, quick_packs: dict[str, bytes]
) -> None:
    early = request_pack(drafted)
    Pack.objects.filter(pk=early.pk).update(state=Pack.State.DONE)
    report = publish_report(approve_report(drafted, by=reviewer))
    assert pack_for_readers(report) != early


def test_a_failed_pack_is_tried_again_but_not_at_once(
    published: Report, quick_packs: dict[str, bytes]
) -> None:
    failed = request_pack(published)
    Pack.objects.filter(pk=failed.pk).update(state=Pack.State.FAILED, finished_at=timezone.now())
    assert pack_for_readers(published) == failed
    long_ago = timezone.now() - RETRY_FAILED_AFTER - dt.timedelta(seconds=1)
    Pack.objects.filter(pk=failed.pk).update(finished_at=long_ago)
    retried = pack_for_readers(published)
    assert retried != failed
    assert retried.state == Pack.State.DONE


def test_downloads_go_below_the_report_s_header() -> None:
    page = with_downloads(PAGE, [("/r.pdf", "the PDF", 2048)], "/published/")
    header_end = page.index("</header>")
    nav = page.index('<nav class="downloads" aria-label="Downloads">')
    assert header_end < nav < page.index("<h2>SUMMARY</h2>")
    assert '<a href="/r.pdf">Download the PDF</a> (2.0\xa0KB)' in page


def test_download_links_are_escaped() -> None:
    page = with_downloads(PAGE, [('/r.pdf"><script>', "<b>", 1)], "/published/")
    assert "<script>" not in page and "&lt;b&gt;" in page


def test_a_page_without_a_header_is_refused() -> None:
    with pytest.raises(ValueError, match="no header"):
        with_downloads("<html></html>", [], "/published/")


STYLED_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>Report</title><style>h1 { color: navy }'
    '</style></head><body><main><header class="report-header"><h1>Report</h1></header>'
    '<p style="color: #00703c">On track</p></main>'
    "</body></html>"
)


@pytest.fixture
def styled_report_page(quick_packs: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(quick_packs, "report.html", STYLED_PAGE.encode())
    return STYLED_PAGE


def test_the_report_s_page_is_allowed_its_own_styles_and_nothing_else_inline(
    client: Client, styled_report_page: str, published: Report
) -> None:
    response = client.get(page_url(published))

    policy = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";"))
    assert policy["style-src"] == f"'self' {script_hash('h1 { color: navy }')}"
    assert policy["style-src-attr"] == f"'unsafe-hashes' {script_hash('color: #00703c')}"
    assert policy["script-src"] == " ".join(["'self'", *inline_script_hashes()])
    assert "unsafe-inline" not in response["Content-Security-Policy"]
