"""Reports and their packs' files: drafts for those who write them, files downloadable."""

from __future__ import annotations

import pytest

from headway.committee.drafting import withdraw_report
from tests.api.conftest import World

pytestmark = pytest.mark.django_db


def test_a_viewer_sees_only_published_reports(world: World) -> None:
    results = world.client("viewer").get("/api/v1/reports/").json()["results"]

    assert [report["id"] for report in results] == [world.published.pk]


def test_a_withdrawn_report_stays_on_the_record_saying_when_and_why(world: World) -> None:
    withdraw_report(world.published, by=world.users["admin"], reason="The figures were wrong.")

    report = world.client("viewer").get(f"/api/v1/reports/{world.published.pk}/").json()

    assert report["state"] == "withdrawn"
    assert report["withdrawal_reason"] == "The figures were wrong."
    assert report["withdrawn_at"] is not None
    assert report["packs"][0]["files"]


def test_a_reviewer_sees_drafts_too(world: World) -> None:
    results = world.client("reviewer").get("/api/v1/reports/").json()["results"]

    assert {report["id"] for report in results} == {world.published.pk, world.draft_report.pk}


def test_a_report_lists_its_packs_files_with_where_to_get_them(world: World) -> None:
    report = world.client("viewer").get(f"/api/v1/reports/{world.published.pk}/").json()

    (pack,) = report["packs"]
    files = {file["name"]: file for file in pack["files"]}
    assert set(files) == {"data.json", "report.pdf"}
    assert files["report.pdf"]["content_type"] == "application/pdf"
    assert files["report.pdf"]["download"].endswith(
        f"/api/v1/packs/{world.pack.pk}/files/report.pdf/"
    )


def test_a_file_downloads_as_it_was_generated(world: World) -> None:
    response = world.client("viewer").get(f"/api/v1/packs/{world.pack.pk}/files/report.pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response.content == b"%PDF-1.7 test"


def test_a_missing_file_is_a_404_in_json(world: World) -> None:
    response = world.client("viewer").get(
        f"/api/v1/packs/{world.pack.pk}/files/appendix.pptx/",
        HTTP_ACCEPT="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "This pack has no file called appendix.pptx."
