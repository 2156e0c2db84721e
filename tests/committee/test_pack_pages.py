"""Generate pack: a background task with a page that shows its progress, then the downloads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.committee import packs
from headway.committee.drafting import draft_report
from headway.committee.models import Pack, Report
from headway.committee.packs import PACK_FILES, pack_files, request_pack
from headway.strategy.models import Organisation, Strategy
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, PriorityFactory, UpdateFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


def generate(user: User, report: Report) -> Any:
    return signed_in(user).post(reverse("committee:generate_pack", args=[report.pk]))


def file_url(pack: Pack, name: str) -> str:
    return reverse("committee:pack_file", args=[pack.report_id, pack.pk, name])


def test_the_downloads_are_the_files_the_pack_renders(
    admin_user: User, drafted: Report, org: Organisation
) -> None:
    priority = PriorityFactory.create(strategy=Strategy.objects.get(organisation=org))
    initiative = InitiativeFactory.create(organisation=org, priorities=[priority])
    UpdateFactory.create(initiative=initiative, period=drafted.period)
    drafted = draft_report(drafted)
    client = signed_in(admin_user)

    response = client.post(reverse("committee:generate_pack", args=[drafted.pk]))

    pack = Pack.objects.get(report=drafted)
    assert response.status_code == 302
    assert response["Location"] == reverse("committee:pack", args=[drafted.pk, pack.pk])
    assert pack.state == Pack.State.DONE
    expected = pack_files(drafted)
    for name in PACK_FILES:
        download = client.get(file_url(pack, name))
        assert download.status_code == 200
        assert download.content == expected[name], name


def test_a_quarter_with_no_returns_yet_still_gets_its_pack(
    admin_user: User, drafted: Report
) -> None:
    generate(admin_user, drafted)
    assert Pack.objects.get().state == Pack.State.DONE


def test_each_download_has_its_type_and_a_file_name(
    reviewer: User, drafted: Report, quick_packs: dict[str, bytes]
) -> None:
    generate(reviewer, drafted)
    pack = Pack.objects.get(report=drafted)
    client = signed_in(reviewer)
    types = {}
    for name in PACK_FILES:
        response = client.get(file_url(pack, name))
        types[name] = response["Content-Type"]
        assert response["Content-Disposition"] == (
            f'attachment; filename="joint-committee-q3-{name}"'
        )
        assert response.content == quick_packs[name]
    assert types == {
        "report.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "appendix.pptx": (
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        ),
        "report.html": "text/html; charset=utf-8",
        "report.pdf": "application/pdf",
        "data.json": "application/json",
    }


def test_the_finished_pack_page_lists_the_downloads(
    admin_user: User, drafted: Report, quick_packs: dict[str, bytes]
) -> None:
    client = signed_in(admin_user)
    page = Page.of(client.get(generate(admin_user, drafted)["Location"]))
    assert page.h1s == ["Committee pack"]
    pack = Pack.objects.get(report=drafted)
    assert page.links("//main//ul[@class='govuk-list']//a") == {
        "Report (Word)": file_url(pack, "report.docx"),
        "Appendix 1 (PowerPoint)": file_url(pack, "appendix.pptx"),
        "Report (web page)": file_url(pack, "report.html"),
        "Report (PDF)": file_url(pack, "report.pdf"),
        "Data (JSON)": file_url(pack, "data.json"),
    }
    assert page.count("//progress") == 0


def test_a_pack_in_progress_shows_its_progress_to_people_and_screen_readers(
    admin_user: User, drafted: Report
) -> None:
    pack = request_pack(drafted)
    Pack.objects.filter(pk=pack.pk).update(
        state=Pack.State.RUNNING, progress=35, step="Writing the Word report"
    )
    url = reverse("committee:pack", args=[drafted.pk, pack.pk])
    response = signed_in(admin_user).get(url)
    page = Page.of(response)
    assert page.tree.xpath("//progress/@value") == ["35"]
    assert page.texts("//label[@for='pack-progress']") == ["Progress"]
    live = page.tree.xpath("//*[@aria-live='polite']")
    assert [element.text_content() for element in live] == [
        "Being generated: Writing the Word report (35%)"
    ]
    status_url = reverse("committee:pack_status", args=[drafted.pk, pack.pk])
    assert page.tree.xpath("//@data-pack-status") == [status_url]
    assert b'<noscript><meta http-equiv="refresh" content="2"></noscript>' in response.content


def test_the_status_endpoint_reports_progress_as_json(admin_user: User, drafted: Report) -> None:
    pack = request_pack(drafted)
    url = reverse("committee:pack_status", args=[drafted.pk, pack.pk])
    response = signed_in(admin_user).get(url)
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content) == {
        "state": "queued",
        "state_label": "Waiting to start",
        "progress": 0,
        "step": "",
        "finished": False,
    }


def test_a_failed_pack_shows_the_error_and_offers_to_try_again(
    admin_user: User, drafted: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(report: Report, progress: Any = None) -> dict[str, bytes]:
        raise RuntimeError("The charts could not be drawn")

    monkeypatch.setattr(packs, "pack_files", broken)
    client = signed_in(admin_user)
    page = Page.of(client.get(generate(admin_user, drafted)["Location"]))
    assert Pack.objects.get().state == Pack.State.FAILED
    summary = page.text("//div[contains(@class, 'govuk-error-summary')]")
    assert "The pack could not be generated" in summary
    assert "RuntimeError: The charts could not be drawn" in summary
    assert page.texts("//main//button") == ["Try again"]


def test_generating_is_refused_for_a_report_never_drafted(
    admin_user: User, drafted: Report
) -> None:
    Report.objects.filter(pk=drafted.pk).update(snapshot=None)
    response = generate(admin_user, drafted)
    assert response.status_code == 400
    assert "Draft the report before generating its pack." in Page.of(response).text()
    assert not Pack.objects.exists()


def test_a_published_report_s_pack_can_be_generated_again(
    admin_user: User, published: Report, quick_packs: dict[str, bytes]
) -> None:
    assert generate(admin_user, published).status_code == 302
    assert Pack.objects.filter(report=published, state=Pack.State.DONE).exists()


def test_the_report_page_links_to_the_latest_pack(
    admin_user: User, drafted: Report, quick_packs: dict[str, bytes]
) -> None:
    client = signed_in(admin_user)
    generate(admin_user, drafted)
    pack = Pack.objects.get()
    page = Page.of(client.get(reverse("committee:report", args=[drafted.pk])))
    latest = page.tree.xpath("//main//a[contains(., 'ready')]/@href")
    assert latest == [reverse("committee:pack", args=[drafted.pk, pack.pk])]


def test_an_unknown_file_is_not_found(
    admin_user: User, drafted: Report, quick_packs: dict[str, bytes]
) -> None:
    generate(admin_user, drafted)
    pack = Pack.objects.get()
    assert signed_in(admin_user).get(file_url(pack, "secrets.txt")).status_code == 404


@pytest.mark.parametrize("role", ["lead", "partner_contact", "viewer"])
def test_other_roles_cannot_generate_follow_or_download(
    role: str, drafted: Report, quick_packs: dict[str, bytes], admin_user: User, request
) -> None:
    generate(admin_user, drafted)
    pack = Pack.objects.get()
    client = signed_in(request.getfixturevalue(role))
    assert generate(request.getfixturevalue(role), drafted).status_code == 403
    for url in [
        reverse("committee:pack", args=[drafted.pk, pack.pk]),
        reverse("committee:pack_status", args=[drafted.pk, pack.pk]),
        file_url(pack, "report.pdf"),
    ]:
        assert client.get(url).status_code == 403, url
    assert Pack.objects.count() == 1


def test_another_organisation_s_packs_are_not_found(
    outsider: User, admin_user: User, drafted: Report, quick_packs: dict[str, bytes]
) -> None:
    generate(admin_user, drafted)
    pack = Pack.objects.get()
    client = signed_in(outsider)
    assert client.post(reverse("committee:generate_pack", args=[drafted.pk])).status_code == 404
    assert client.get(file_url(pack, "report.pdf")).status_code == 404
