"""Every member sees the road map and the priority map: a picture with a title and a
description, the same data in a table, filters, and a helpful page for a wrong year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.accounts.models import User
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, MilestoneFactory, ReportingPeriodFactory
from tests.pages import Page, titled

pytestmark = pytest.mark.django_db


def test_a_viewer_sees_the_road_map_as_a_picture_and_a_table(
    viewer: User, initiative: Initiative
) -> None:
    MilestoneFactory.create(initiative=initiative, title="Go live", due=dt.date(2021, 11, 1))
    page = Page.of(signed_in(viewer).get("/roadmap/2021-22/"))

    assert page.title == titled("Road map 2021-22")
    [svg] = page.tree.xpath("//svg[@role='img']")
    labels = svg.get("aria-labelledby").split()
    assert [page.text(f"//*[@id='{label}']") for label in labels] == [
        "Road map 2021-22",
        "Gantt chart of one initiative under three priorities across the four quarters of "
        "2021-22, with one milestone. The table that follows gives the same information.",
    ]
    assert "Replace the payroll system" in page.text("//svg")
    rows = page.texts("//table//tbody/tr")
    assert rows == [
        "Replace the payroll system Finance Q1 to Q4 1 Apr 2021 to 31 Mar 2022 "
        "Go live: Q3 (1 Nov 2021)"
    ]
    assert page.links()["See the version history"] == "/map-versions/"


def test_a_viewer_sees_the_priority_map_as_a_picture_and_a_table(
    viewer: User, initiative: Initiative
) -> None:
    page = Page.of(signed_in(viewer).get("/priority-map/2021-23/"))

    assert page.title == titled("Priority map 2021-23")
    assert page.count("//svg[@role='img']/title") == 1
    assert page.texts("//table//thead//th") == [
        "Priority",
        "2021-22 (now)",
        "2022-23 (next)",
        "Later",
    ]
    assert page.texts("//table//tbody/tr")[0] == (
        "1. Customers first Replace the payroll system None None"
    )


def test_staff_are_offered_to_propose_a_change_and_viewers_are_not(
    viewer: User, admin_user: User, initiative: Initiative
) -> None:
    assert "Propose a change" not in Page.of(signed_in(viewer).get("/roadmap/2021-22/")).links()
    links = Page.of(signed_in(admin_user).get("/roadmap/2021-22/")).links()
    assert links["Propose a change"] == "/change-requests/new/"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/roadmap/2021-23/", "the second year must follow the first, as in 2021-22"),
        ("/roadmap/next-year/", "'next-year' is not a financial year: write it as 2021-22."),
        ("/roadmap/0001-02/", "outside the years Headway handles"),
        ("/priority-map/2021-22/", "names one financial year, but a priority map covers two"),
        ("/priority-map/2021-24/", "names three financial years"),
        ("/priority-map/soon/", "is not a run of financial years: write it as 2021-23"),
    ],
)
def test_a_wrong_year_is_not_found_and_says_what_to_write(
    viewer: User, strategy: object, path: str, message: str
) -> None:
    response = signed_in(viewer).get(path)
    assert response.status_code == 404
    page = Page.of(response)
    assert message in page.text()
    assert page.title == titled("Page not found")


def test_a_year_written_in_full_goes_to_its_usual_address(viewer: User) -> None:
    response = signed_in(viewer).get("/roadmap/2021-2022/?partner=1")
    assert (response.status_code, response["Location"]) == (301, "/roadmap/2021-22/?partner=1")


def test_the_maps_open_at_the_year_being_reported(viewer: User, org: Organisation) -> None:
    ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    client = signed_in(viewer)
    assert client.get("/roadmap/")["Location"] == "/roadmap/2021-22/"
    assert client.get("/priority-map/")["Location"] == "/priority-map/2021-23/"


def test_the_maps_can_be_filtered_by_partner_and_service(
    viewer: User,
    org: Organisation,
    service: Service,
    initiative: Initiative,
    priorities: list[Priority],
    partner: Partner,
) -> None:
    InitiativeFactory.create(
        organisation=org, service=service, priorities=[priorities[0]], title="Only for South"
    )
    client = signed_in(viewer)
    everything = Page.of(client.get("/priority-map/2021-23/"))
    north = Page.of(client.get(f"/priority-map/2021-23/?partner={partner.pk}"))

    assert "Only for South" in everything.text("//table")
    assert "Only for South" not in north.text("//table")
    assert "Replace the payroll system" in north.text("//table")
    assert "Showing only initiatives serving North." in north.text()


def test_an_unknown_filter_is_reported_and_ignored(viewer: User, initiative: Initiative) -> None:
    page = Page.of(signed_in(viewer).get("/roadmap/2021-22/?service=999"))
    assert page.title == titled("Error: Road map 2021-22")
    assert page.texts("//div[contains(@class, 'govuk-error-summary')]//li") == [
        "Select a service from the list"
    ]
    assert "Replace the payroll system" in page.text("//table")


def test_a_member_sees_only_their_own_organisation_s_maps(
    outsider: User, initiative: Initiative
) -> None:
    page = Page.of(signed_in(outsider).get("/roadmap/2021-22/"))
    assert "Replace the payroll system" not in page.text()
    assert "has no strategy in Headway yet" in page.text()


def test_visitors_are_asked_to_sign_in(client: object, initiative: Initiative) -> None:
    response = client.get("/priority-map/2021-23/")  # type: ignore[attr-defined]
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def _portfolio(org: Organisation, service: Service, priorities: list[Priority], n: int) -> None:
    for index in range(n):
        initiative = InitiativeFactory.create(
            organisation=org, service=service, priorities=[priorities[index % 3]]
        )
        MilestoneFactory.create(initiative=initiative, due=dt.date(2021, 10, 1))


@pytest.mark.parametrize("path", ["/roadmap/2021-22/", "/priority-map/2021-23/"])
def test_a_map_page_costs_the_same_queries_for_five_initiatives_or_fifty(
    viewer: User,
    org: Organisation,
    service: Service,
    priorities: list[Priority],
    path: str,
) -> None:
    client = signed_in(viewer)
    counts = []
    for size in (5, 45):
        _portfolio(org, service, priorities, size)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
