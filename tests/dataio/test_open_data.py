"""Each published report's figures as open data, at stable public addresses."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from headway.committee.compose.figures import Figures
from headway.committee.models import Report
from headway.committee.snapshot import take_snapshot
from headway.dataio.models import StoredOpenData
from headway.dataio.opendata import LICENCE_URL, NAMES, open_data_files
from tests.committee.snapshot_data import initiative, snapshot_data
from tests.factories import ReportFactory, ReportingPeriodFactory
from tests.pages import Page


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_it_makes_every_file_from_the_snapshot_alone():
    files = open_data_files(snapshot_data())
    assert tuple(files) == NAMES
    initiatives = _rows(files["initiatives.csv"])
    assert [(r["reference"], r["title"], r["rating this quarter"]) for r in initiatives] == [
        ("REF-1", "Replace payroll", "Amber"),
        ("REF-2", "Debt recovery", "Green"),
        ("REF-3", "Cloud migration", "Blue"),
    ]
    assert initiatives[0]["service"] == "Finance"
    assert initiatives[0]["partners"] == "London Borough of Newham"
    assert initiatives[0]["status"] == "In progress"
    assert initiatives[0]["key project"] == "yes"


def test_status_counts_by_priority_are_the_report_s():
    by_priority = _rows(open_data_files(snapshot_data())["status-by-priority.csv"])
    first = by_priority[0]
    assert (first["priority"], first["title"]) == ("1", "Priority 1")
    assert [first[label] for label in ("Blue", "Green", "Amber", "Red", "total")] == [
        "1",
        "1",
        "1",
        "0",
        "3",
    ]
    assert by_priority[1]["total"] == "0"


def test_ratings_by_quarter_come_from_the_trend():
    data = snapshot_data(
        trend=[
            {"label": "2021-22 Q1", "counts": {"green": 2, "red": 1}},
            {"label": "2021-22 Q2", "counts": {"amber": 3}},
        ]
    )
    rows = _rows(open_data_files(data)["status-by-quarter.csv"])
    assert [(r["quarter"], r["Green"], r["Amber"], r["total"]) for r in rows] == [
        ("2021-22 Q1", "2", "0", "3"),
        ("2021-22 Q2", "0", "3", "3"),
    ]


def test_text_that_would_run_as_a_formula_is_neutralised():
    data = snapshot_data(initiatives=[initiative(1, "=cmd|' /C calc'!A0")])
    (row,) = _rows(open_data_files(data)["initiatives.csv"])
    assert row["title"] == "'=cmd|' /C calc'!A0"


def test_the_include_lists_every_file():
    text = (Path(settings.BASE_DIR) / "headway/templates/dataio/_open_data.html").read_text()
    linked = re.findall(r"open_data_csv', slug, '([a-z-]+)'", text)
    assert tuple(f"{name}.csv" for name in linked) == NAMES
    assert LICENCE_URL in text


@pytest.fixture
def published(org) -> Report:
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    report = ReportFactory.create(
        meeting__committee__organisation=org, period=period, slug="jc-2022-03-11-q3"
    )
    Report.objects.filter(pk=report.pk).update(
        snapshot=take_snapshot(period), state=Report.State.PUBLISHED
    )
    report.refresh_from_db()
    return report


@pytest.mark.django_db
def test_anyone_may_download_a_published_report_s_files(client, published):
    for name in NAMES:
        response = client.get(
            reverse("dataio:open_data_csv", args=[published.slug, name.removesuffix(".csv")])
        )
        assert response.status_code == 200, name
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Access-Control-Allow-Origin"] == "*"
    response = client.get(reverse("dataio:open_data_json", args=[published.slug]))
    published_data = json.loads(response.content)
    # The snapshot, with the figures the report states, counted as the report counts them.
    assert published_data.pop("figures") == Figures(published.snapshot.data).as_data()
    assert published_data == published.snapshot.data


@pytest.mark.django_db
def test_the_open_data_page_states_the_licence(client, published):
    page = Page.of(client.get(reverse("dataio:open_data", args=[published.slug])))
    assert "Open Government Licence v3.0" in page.text()
    assert page.tree.xpath(f"//main//a[@rel='license'][@href='{LICENCE_URL}']")
    assert len(page.links("//main//dt//a")) == len(NAMES) + 1


@pytest.mark.django_db
def test_a_report_not_yet_published_has_no_open_data(client, published):
    Report.objects.filter(pk=published.pk).update(state=Report.State.APPROVED)
    for url in (
        reverse("dataio:open_data", args=[published.slug]),
        reverse("dataio:open_data_json", args=[published.slug]),
        reverse("dataio:open_data_csv", args=[published.slug, "initiatives"]),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_an_unknown_file_is_not_found(client, published):
    url = reverse("dataio:open_data_csv", args=[published.slug, "salaries"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_files_are_made_once_and_served_from_stored_bytes(client, published):
    url = reverse("dataio:open_data_csv", args=[published.slug, "priorities"])
    first = client.get(url)
    assert StoredOpenData.objects.filter(snapshot=published.snapshot).count() == len(NAMES)
    StoredOpenData.objects.filter(snapshot=published.snapshot, name="priorities.csv").update(
        content=b"stored\n"
    )
    assert first.content != b"stored\n"
    assert client.get(url).content == b"stored\n"


@pytest.mark.django_db
def test_a_stored_file_takes_two_queries(client, published, django_assert_num_queries):
    url = reverse("dataio:open_data_json", args=[published.slug])
    client.get(url)
    # The report (without its snapshot's data) and the stored bytes.
    with django_assert_num_queries(2):
        response = client.get(url)
    assert json.loads(response.content)["figures"] == Figures(published.snapshot.data).as_data()


@pytest.mark.django_db
def test_a_client_asking_again_is_told_nothing_changed(client, published):
    url = reverse("dataio:open_data_csv", args=[published.slug, "initiatives"])
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and other.content == first.content


@pytest.mark.django_db
def test_a_client_that_takes_gzip_gets_the_stored_gzip(client, published):
    url = reverse("dataio:open_data_json", args=[published.slug])
    plain = client.get(url)
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert not plain.has_header("Content-Encoding")


@pytest.mark.django_db
def test_a_new_snapshot_gets_files_of_its_own(client, published):
    url = reverse("dataio:open_data_json", args=[published.slug])
    client.get(url)
    Report.objects.filter(pk=published.pk).update(snapshot=take_snapshot(published.period))
    published.refresh_from_db()
    response = client.get(url)
    assert response.status_code == 200
    assert StoredOpenData.objects.filter(snapshot=published.snapshot, name="data.json").exists()
