"""An administrator uploads a file, checks the preview and confirms it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from headway.accounts.models import Role
from headway.dataio.models import Upload
from headway.strategy.models import Initiative
from tests.conftest import signed_in
from tests.dataio.files import initiative_row, xlsx
from tests.factories import MembershipFactory, UserFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, name: str = "portfolio.xlsx", **extra):
    return client.post(
        reverse("dataio:import_upload", args=["portfolio"]),
        {"file": SimpleUploadedFile(name, data), **extra},
    )


def test_an_administrator_uploads_previews_and_confirms(ready, admin_user):
    client = signed_in(admin_user)
    assert client.get(reverse("dataio:import_start")).status_code == 200
    assert client.get(reverse("dataio:import_upload", args=["portfolio"])).status_code == 200

    response = _upload(client, xlsx([initiative_row("FIN-1"), initiative_row("FIN-2")]))
    assert response.status_code == 302
    preview_url = response["Location"]
    page = Page.of(client.get(preview_url))
    assert page.h1s == ["Check the import"]
    assert "Initiatives to add 2" in page.text()
    assert not Initiative.objects.exists()

    (form,) = page.tree.xpath("//main//form[@method='post']")
    response = client.post(form.get("action"))
    assert response.status_code == 302
    assert Initiative.objects.count() == 2
    page = Page.of(client.get(preview_url))
    assert "Imported" in page.h1s
    assert "Initiatives added 2" in page.text()
    upload = Upload.objects.get()
    assert upload.state == Upload.State.IMPORTED
    assert bytes(upload.content) == b""

    # Confirming again (the back button, a double click) imports nothing more.
    client.post(form.get("action"))
    assert Initiative.objects.count() == 2


def test_row_problems_are_listed_and_nothing_can_be_confirmed(ready, admin_user):
    client = signed_in(admin_user)
    data = xlsx([initiative_row("FIN-1", planned_end="31/02/2022")])
    page = Page.of(client.get(_upload(client, data)["Location"]))
    assert page.title.startswith("Error: ")
    assert page.texts("//div[contains(@class, 'govuk-error-summary')]//li") == [
        "Row 2, column 'planned end': 31/02/2022 is not a date. Write dates as 2022-03-31 or "
        "31/03/2022."
    ]
    assert not page.tree.xpath("//main//form[@method='post']")


def test_a_file_that_cannot_be_read_is_explained_on_the_upload_page(ready, admin_user):
    client = signed_in(admin_user)
    response = _upload(client, b"not a workbook")
    assert response.status_code == 200
    page = Page.of(response)
    assert "not a complete zip archive" in page.text("//*[@id='file-error']")
    assert not Upload.objects.exists()


def test_the_wrong_kind_of_file_is_refused_by_the_form(ready, admin_user):
    page = Page.of(_upload(signed_in(admin_user), b"%PDF", "report.pdf"))
    assert "must be an Excel workbook (.xlsx) or a CSV file (.csv)" in page.text()


def test_a_correction_is_carried_to_the_import(ready, admin_user):
    client = signed_in(admin_user)
    client.get(_upload(client, xlsx([initiative_row("FIN-1")]), correction="on")["Location"])
    assert Upload.objects.get().correction


def test_only_administrators_import(ready, reviewer, viewer):
    for user in (reviewer, viewer):
        client = signed_in(user)
        assert client.get(reverse("dataio:import_start")).status_code == 403
        assert _upload(client, xlsx([initiative_row("FIN-1")])).status_code == 403


def test_another_administrator_cannot_confirm_someone_s_upload(ready, admin_user, org):
    location = _upload(signed_in(admin_user), xlsx([initiative_row("FIN-1")]))["Location"]
    other = MembershipFactory.create(
        user=UserFactory.create(username="admin2"), organisation=org, role=Role.ADMINISTRATOR
    ).user
    client = signed_in(other)
    assert client.get(location).status_code == 404
    assert client.post(location + "confirm/").status_code == 404
    assert not Initiative.objects.exists()


def test_a_forged_address_finds_nothing(ready, admin_user):
    client = signed_in(admin_user)
    url = reverse("dataio:import_preview", args=["not-a-token"])
    assert client.get(url).status_code == 404


def test_templates_download_for_each_kind_and_format(ready, admin_user):
    client = signed_in(admin_user)
    for kind in ("portfolio", "updates"):
        for format in ("xlsx", "csv"):
            response = client.get(reverse("dataio:import_template", args=[kind, format]))
            assert response.status_code == 200
            assert f"headway-{kind}-template.{format}" in response["Content-Disposition"]


def test_the_confirmation_checks_the_file_again(ready, admin_user):
    client = signed_in(admin_user)
    first = _upload(client, xlsx([initiative_row("FIN-1")]))["Location"]
    client.post(first + "confirm/")
    location = _upload(client, xlsx([initiative_row("FIN-1", title="Renamed")]))["Location"]
    assert "Initiatives to change 1" in Page.of(client.get(location)).text()
    # Meanwhile an agreed change request puts the initiative on hold.
    Initiative.objects.filter(external_reference="FIN-1").update(status="on_hold")
    response = client.post(location + "confirm/")
    assert response.status_code == 409
    assert "FIN-1 has On hold in Headway; the file says In progress" in Page.of(response).text()
    assert Initiative.objects.get().title == "Initiative FIN-1"


def test_an_administrator_submits_returns_from_a_spreadsheet(org, service, admin_user):
    import datetime as dt

    from django.utils import timezone

    from headway.lib.fy import Quarter
    from headway.progress.models import Update
    from tests.dataio.files import UPDATE_HEADER
    from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory

    quarter = Quarter.of(timezone.localdate() - dt.timedelta(days=20))
    period = ReportingPeriodFactory.create(
        organisation=org, year=quarter.year, quarter=quarter.number
    )
    update = UpdateFactory.create(
        initiative=InitiativeFactory.create(
            organisation=org, service=service, external_reference="FIN-1"
        ),
        period=period,
        state=Update.State.DRAFT,
    )
    client = signed_in(admin_user)
    page = Page.of(client.get(reverse("dataio:import_upload", args=["updates"])))
    assert page.h1s == [f"Import returns for {period.label}"]
    data = xlsx([["FIN-1", "Green", "On track.", "", "", "", 75, None]], header=UPDATE_HEADER)
    response = client.post(
        reverse("dataio:import_upload", args=["updates"]),
        {"file": SimpleUploadedFile("returns.xlsx", data)},
    )
    page = Page.of(client.get(response["Location"]))
    assert "Returns to submit 1" in page.text()
    client.post(response["Location"] + "confirm/")
    update.refresh_from_db()
    assert (update.state, update.percent_complete) == (Update.State.SUBMITTED, 75)
