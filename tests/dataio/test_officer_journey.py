"""An officer downloads the template, fills in 500 initiatives, uploads it, sees the preview
and imports them in one go; importing the same file again changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from headway.strategy.models import Initiative, Milestone
from tests.conftest import signed_in
from tests.pages import Page

pytestmark = pytest.mark.django_db

COUNT = 500


def _fill_in(template: bytes) -> bytes:
    """What the officer does in Excel: pick from the drop-downs, type dates and text."""
    workbook = load_workbook(io.BytesIO(template))
    lists = {
        column[0].value: [c.value for c in column[1:] if c.value]
        for column in workbook["Lists"].iter_cols()
    }
    sheet = workbook["Initiatives"]
    for n in range(COUNT):
        sheet.append(
            [
                f"INI-{n:04d}",
                f"Initiative number {n}",
                lists["kinds"][n % 4],
                lists["services"][n % 2],
                lists["priorities"][n % 3],
                "; ".join(str(name) for name in lists["partners"][: 1 + n % 2]),
                dt.datetime(2021, 4, 1) + dt.timedelta(days=n % 90),
                dt.datetime(2022, 3, 31),
                lists["statuses"][n % 5],
                lists["yes or no"][n % 2],
                f"What initiative {n} will deliver.",
            ]
        )
    milestones = workbook["Milestones"]
    for n in range(0, COUNT, 5):
        milestones.append([f"INI-{n:04d}", "Go live", dt.datetime(2021, 12, 31), None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, data: bytes) -> str:
    response = client.post(
        reverse("dataio:import_upload", args=["portfolio"]),
        {"file": SimpleUploadedFile("our-portfolio.xlsx", data)},
    )
    assert response.status_code == 302
    return response["Location"]


def test_an_officer_imports_500_initiatives_and_reimporting_changes_nothing(ready, admin_user):
    client = signed_in(admin_user)
    template = client.get(reverse("dataio:import_template", args=["portfolio", "xlsx"]))
    filled = _fill_in(template.content)

    preview = _upload(client, filled)
    page = Page.of(client.get(preview))
    assert page.h1s == ["Check the import"]
    assert "Initiatives to add 500" in page.text()
    assert "Milestones to add 100" in page.text()
    assert page.count("//main//table//tbody/tr") == 500

    (confirm,) = page.tree.xpath("//main//form[@method='post']")
    client.post(confirm.get("action"))
    assert Initiative.objects.filter(organisation=ready).count() == COUNT
    assert Milestone.objects.count() == 100
    sample = Initiative.objects.get(external_reference="INI-0007")
    assert sample.priorities.get().number == 2
    assert sample.partners.count() == 2
    assert sample.planned_start == dt.date(2021, 4, 8)

    history = Initiative.history.count(), Milestone.history.count()
    again = Page.of(client.get(_upload(client, filled)))
    assert "Rows that change nothing 600" in again.text()
    assert "importing it would change nothing" in again.text()
    assert not again.tree.xpath("//main//form[@method='post']")
    assert (Initiative.history.count(), Milestone.history.count()) == history
