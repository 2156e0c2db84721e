"""The portfolio export reads the tables directly, in the same number of queries however many
initiatives, milestones, priorities and partners there are, and says what the page says."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from headway.dataio.exports import portfolio_export
from headway.progress.models import Update
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service
from headway.strategy.portfolio import PortfolioFilters
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    status_value,
)

pytestmark = pytest.mark.django_db

# The strategy, its priorities, the rating values, the filters' choices (services, owners,
# partners); then initiatives, priority links, partner links and milestones; and the
# workbook's drop-down lists (strategy, priorities, services, partners).
QUERIES = 14


def _add(org: Organisation, service: Service, priorities: list[Priority], n: int) -> None:
    partners = list(Partner.objects.filter(organisation=org))
    for number in range(n):
        initiative = InitiativeFactory.create(
            organisation=org,
            service=service,
            external_reference=f"{service.name[:3].upper()}-{number}",
            priorities=priorities[: 1 + number % len(priorities)],
            partners=partners[: number % (len(partners) + 1)],
        )
        MilestoneFactory.create(initiative=initiative, due=dt.date(2021, 6, 30))
        MilestoneFactory.create(initiative=initiative, due=dt.date(2021, 12, 31))


def _sheets(org: Organisation, **filters: str) -> dict[str, list[tuple[Any, ...]]]:
    data = portfolio_export(org, PortfolioFilters(**filters)).render("xlsx")
    book = load_workbook(io.BytesIO(data))
    names = book.sheetnames
    return {name: list(book[name].iter_rows(min_row=2, values_only=True)) for name in names}


@pytest.mark.parametrize(
    "filters", [{}, {"service": "ICT"}, {"rating": "green"}, {"priority": "none"}]
)
def test_the_export_s_queries_do_not_grow_with_the_portfolio(
    ready: Organisation,
    service: Service,
    ict: Service,
    priorities: list[Priority],
    filters: dict[str, str],
    django_assert_num_queries: Any,
) -> None:
    if filters.get("service"):
        filters = {"service": str(ict.pk)}
    _add(ready, service, priorities, 2)
    with django_assert_num_queries(QUERIES):
        portfolio_export(ready, PortfolioFilters(**filters)).render("xlsx")

    _add(ready, ict, priorities, 40)

    with django_assert_num_queries(QUERIES):
        portfolio_export(ready, PortfolioFilters(**filters)).render("xlsx")
    # A CSV file is the first sheet alone: the milestones are not read.
    with django_assert_num_queries(QUERIES - 1):
        portfolio_export(ready, PortfolioFilters(**filters)).render("csv")


def test_the_export_says_what_each_initiative_is_and_how_it_was_last_rated(
    ready: Organisation, service: Service, ict: Service, priorities: list[Priority]
) -> None:
    network = InitiativeFactory.create(
        organisation=ready,
        service=ict,
        external_reference="ICT-1",
        title="New network",
        kind=Initiative.Kind.PROJECT,
        priorities=[priorities[2], priorities[0]],
        partners=list(Partner.objects.filter(organisation=ready)),
        is_key_project=True,
    )
    InitiativeFactory.create(
        organisation=ready, service=service, external_reference="FIN-1", title="Audit"
    )
    MilestoneFactory.create(initiative=network, title="Cabling", due=dt.date(2021, 9, 30))
    MilestoneFactory.create(initiative=network, title="Survey", due=dt.date(2021, 6, 30))
    period = ReportingPeriodFactory.create(organisation=ready, year=2021, quarter=3)
    UpdateFactory.create(
        initiative=network,
        period=period,
        status=status_value(ready, "green"),
        state=Update.State.APPROVED,
    )

    sheets = _sheets(ready)

    [audit, row] = sheets["Initiatives"]
    assert audit[:2] == ("FIN-1", "Audit")
    assert audit[4] in (None, "")
    assert row[:6] == (
        "ICT-1",
        "New network",
        "Project",
        "ICT",
        "1; 3",
        "North Borough Council; South Borough Council",
    )
    assert row[8:10] == ("In progress", "yes")
    assert row[11] == "Green (2021-22 Q3)"
    assert [m[:2] for m in sheets["Milestones"]] == [("ICT-1", "Survey"), ("ICT-1", "Cabling")]
    assert [r[0] for r in _sheets(ready, rating="green")["Initiatives"]] == ["ICT-1"]
    assert [r[0] for r in _sheets(ready, priority=str(priorities[2].pk))["Initiatives"]] == [
        "ICT-1"
    ]
