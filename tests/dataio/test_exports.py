"""The list pages as CSV and Excel, filtered as the page is, safe to open."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from headway.dataio.writing import csv_chunks, write_csv
from headway.progress.models import Update
from headway.strategy.models import Initiative
from tests.conftest import signed_in
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    status_value,
)
from tests.roadmap.helpers import proposed_change

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://attacker.example","Click")'


@pytest.fixture
def portfolio(ready, service, ict, priorities, partner) -> list[Initiative]:
    payroll = InitiativeFactory.create(
        organisation=ready,
        service=service,
        external_reference="FIN-1",
        title=FORMULA,
        priorities=[priorities[0], priorities[2]],
        partners=[partner],
        description="-5% on last year\n@everyone: see the plan",
    )
    MilestoneFactory.create(initiative=payroll, title="+ Go live", due=dt.date(2021, 12, 31))
    network = InitiativeFactory.create(
        organisation=ready, service=ict, external_reference="ICT-1", title="New network"
    )
    return [payroll, network]


def _csv(response) -> list[dict[str, str]]:
    assert response.streaming, "A CSV export is streamed as it is written."
    content = b"".join(response.streaming_content)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_portfolio_exports_with_its_filters(viewer, portfolio, ict):
    client = signed_in(viewer)
    url = reverse("dataio:export_portfolio", args=["csv"])
    assert [row["reference"] for row in _csv(client.get(url))] == ["FIN-1", "ICT-1"]
    rows = _csv(client.get(url, {"service": ict.pk}))
    assert [row["reference"] for row in rows] == ["ICT-1"]
    assert rows[0]["service"] == "ICT"


def test_formulas_are_neutralised_in_csv(viewer, portfolio):
    response = signed_in(viewer).get(reverse("dataio:export_portfolio", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    payroll = _csv(response)[0]
    assert payroll["title"] == "'" + FORMULA
    assert payroll["description"] == "'-5% on last year\n@everyone: see the plan"
    assert payroll["priorities"] == "1; 3"


def test_formulas_are_written_as_text_in_excel(viewer, portfolio):
    response = signed_in(viewer).get(reverse("dataio:export_portfolio", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    title = workbook["Initiatives"]["B2"]
    assert title.value == FORMULA
    assert title.data_type == "s"
    assert title.quotePrefix
    milestone = workbook["Milestones"]["B2"]
    assert (milestone.value, milestone.data_type) == ("+ Go live", "s")


def test_a_period_s_returns_export_for_reviewers(reviewer, viewer, org, portfolio):
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    UpdateFactory.create(
        initiative=portfolio[0],
        period=period,
        status=status_value(org, "amber"),
        risks="Late supplier.",
        state=Update.State.SUBMITTED,
    )
    UpdateFactory.create(initiative=portfolio[1], period=period)
    url = reverse("dataio:export_updates", args=["2021-22-Q3", "csv"])
    rows = _csv(signed_in(reviewer).get(url, {"status": "amber"}))
    assert [(r["reference"], r["status"], r["review stage"]) for r in rows] == [
        ("FIN-1", "Amber", "submitted")
    ]
    assert signed_in(viewer).get(url).status_code == 403
    missing = reverse("dataio:export_updates", args=["2019-20-Q1", "csv"])
    assert signed_in(reviewer).get(missing).status_code == 404


def test_change_requests_export_for_reviewers(reviewer, admin_user, org, portfolio):
    proposed_change(org, admin_user, initiative=portfolio[1])
    url = reverse("dataio:export_change_requests", args=["xlsx"])
    workbook = load_workbook(io.BytesIO(signed_in(reviewer).get(url).content))
    rows = list(workbook["Change requests"].iter_rows(values_only=True))
    assert rows[0][:4] == ("number", "kind", "about", "change")
    assert rows[1][1:3] == ("Reschedule", "New network")
    assert rows[1][5] == "Draft"
    filtered = signed_in(reviewer).get(
        reverse("dataio:export_change_requests", args=["csv"]), {"state": "agreed"}
    )
    assert _csv(filtered) == []


def test_an_unknown_format_is_not_found(viewer, portfolio):
    url = reverse("dataio:export_portfolio", args=["pdf"])
    assert signed_in(viewer).get(url).status_code == 404


def test_export_queries_do_not_grow_with_the_portfolio(
    viewer, portfolio, service, django_assert_max_num_queries
):
    client = signed_in(viewer)
    url = reverse("dataio:export_portfolio", args=["xlsx"])
    client.get(url)
    # 18: the export's own 14 (tests/dataio/test_portfolio_export_queries.py), the session,
    # user and membership, and one count that decides whether to write it in the background
    # (headway/dataio/export_jobs.py).
    with django_assert_max_num_queries(18) as few:
        client.get(url)
    for n in range(30):
        MilestoneFactory.create(
            initiative=InitiativeFactory.create(
                organisation=portfolio[0].organisation, service=service, external_reference=f"X-{n}"
            )
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_portfolio_page_links_to_its_downloads_with_its_filters(viewer, portfolio, ict):
    from tests.pages import Page

    response = signed_in(viewer).get(reverse("portfolio"), {"service": ict.pk, "kind": "bau"})
    page = Page.of(signed_in(viewer).get(reverse("portfolio"), {"service": ict.pk}))
    links = page.links("//p[@id='portfolio-downloads']//a")
    assert links == {
        "CSV": reverse("dataio:export_portfolio", args=["csv"]) + f"?service={ict.pk}",
        "Excel": reverse("dataio:export_portfolio", args=["xlsx"]) + f"?service={ict.pk}",
    }
    assert not Page.of(response).links("//p[@id='portfolio-downloads']//a")


def test_a_csv_file_is_written_a_batch_of_rows_at_a_time_and_escaped() -> None:
    rows = [[f"REF-{n}", "=HYPERLINK(1)" if n == 3 else f"Title {n}"] for n in range(5)]

    chunks = list(csv_chunks(["reference", "title"], rows, batch=2))

    assert len(chunks) == 3
    assert chunks[0].startswith("\ufeffreference,title\r\n".encode())
    assert b"".join(chunks) == write_csv(["reference", "title"], rows)
    assert b"".join(chunks).decode("utf-8-sig").splitlines() == [
        "reference,title",
        "REF-0,Title 0",
        "REF-1,Title 1",
        "REF-2,Title 2",
        "REF-3,'=HYPERLINK(1)",
        "REF-4,Title 4",
    ]
