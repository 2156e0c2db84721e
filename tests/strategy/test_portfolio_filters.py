from __future__ import annotations

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service
from headway.strategy.portfolio import PortfolioFilters, build_portfolio
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, ServiceFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(
    org: Organisation,
    service: Service,
    priorities: list[Priority],
    partner: Partner,
    other_partner: Partner,
) -> dict[str, Initiative]:
    customer, value, digital = priorities
    ict = ServiceFactory.create(organisation=org, name="ICT")
    return {
        "payroll": InitiativeFactory.create(
            organisation=org,
            service=service,
            title="Payroll",
            kind=Initiative.Kind.SERVICE_PLAN_ACTION,
            status=Initiative.Status.IN_PROGRESS,
            priorities=[value],
            partners=[partner],
        ),
        "network": InitiativeFactory.create(
            organisation=org,
            service=ict,
            title="Network",
            kind=Initiative.Kind.PROJECT,
            status=Initiative.Status.COMPLETED,
            priorities=[digital],
            partners=[partner, other_partner],
        ),
        "portal": InitiativeFactory.create(
            organisation=org,
            service=ict,
            title="Portal",
            kind=Initiative.Kind.PROJECT,
            status=Initiative.Status.IN_PROGRESS,
            priorities=[customer, digital],
            partners=[other_partner],
        ),
    }


def _titles(user: User, **query: str | int) -> list[str]:
    response = signed_in(user).get(reverse("portfolio"), query)
    assert response.status_code == 200
    return sorted(set(Page.of(response).texts("//tbody/tr/th//a")))


def test_it_filters_by_priority(viewer, portfolio, priorities):
    digital = priorities[2]
    assert _titles(viewer, priority=digital.pk) == ["Network", "Portal"]


def test_filtering_by_priority_shows_only_that_priority(viewer, portfolio, priorities):
    customer = priorities[0]
    page = Page.of(signed_in(viewer).get(reverse("portfolio"), {"priority": customer.pk}))
    assert [h for h in page.h2s if h[:1].isdigit()] == ["2. Customer focus"]


def test_it_filters_by_service(viewer, portfolio, service):
    assert _titles(viewer, service=service.pk) == ["Payroll"]


def test_it_filters_by_partner(viewer, portfolio, partner, other_partner):
    assert _titles(viewer, partner=partner.pk) == ["Network", "Payroll"]
    assert _titles(viewer, partner=other_partner.pk) == ["Network", "Portal"]


def test_it_filters_by_kind(viewer, portfolio):
    assert _titles(viewer, kind="project") == ["Network", "Portal"]
    assert _titles(viewer, kind="service_plan_action") == ["Payroll"]


def test_it_filters_by_status(viewer, portfolio):
    assert _titles(viewer, status="completed") == ["Network"]


def test_it_combines_filters(viewer, portfolio, partner):
    assert _titles(viewer, partner=partner.pk, status="in_progress") == ["Payroll"]


def test_it_says_how_many_of_how_many_it_shows(viewer, portfolio):
    response = signed_in(viewer).get(reverse("portfolio"), {"kind": "project"})
    assert "Showing 2 of 3 initiatives" in Page.of(response).text()


def test_it_keeps_the_chosen_filters_selected(viewer, portfolio):
    response = signed_in(viewer).get(reverse("portfolio"), {"status": "completed"})
    page = Page.of(response)
    assert page.texts("//select[@name='status']/option[@selected]") == ["Completed"]
    assert page.texts("//select[@name='kind']/option[@selected]") == []


def test_it_offers_to_clear_the_filters(viewer, portfolio):
    filtered = Page.of(signed_in(viewer).get(reverse("portfolio"), {"kind": "bau"}))
    assert filtered.links()["Clear filters"] == reverse("portfolio")
    unfiltered = Page.of(signed_in(viewer).get(reverse("portfolio")))
    assert "Clear filters" not in unfiltered.links()


def test_filters_that_match_nothing_say_what_to_do(viewer, portfolio):
    response = signed_in(viewer).get(reverse("portfolio"), {"kind": "bau"})
    page = Page.of(response)
    assert "No initiatives match these filters" in page.h2s
    assert "Showing 0 of 3 initiatives" in page.text()
    assert page.count("//tbody") == 0


def test_it_offers_only_the_organisation_s_own_choices(viewer, portfolio, other_org):
    ServiceFactory.create(organisation=other_org, name="Their service")
    page = Page.of(signed_in(viewer).get(reverse("portfolio")))
    assert page.texts("//select[@name='service']/option") == ["All services", "Finance", "ICT"]
    assert page.texts("//select[@name='partner']/option") == [
        "All partners",
        "North Borough Council",
        "South Borough Council",
    ]


def test_another_organisation_s_service_is_not_a_valid_filter(viewer, portfolio, other_org):
    theirs = ServiceFactory.create(organisation=other_org, name="Their service")
    response = signed_in(viewer).get(reverse("portfolio"), {"service": theirs.pk})
    page = Page.of(response)
    assert page.title.startswith("Error: ")
    assert page.texts("//div[contains(@class, 'govuk-error-summary')]//li") == [
        "Select a service from the list"
    ]
    # The bad filter is ignored, not applied.
    assert "Showing 3 of 3 initiatives" in page.text()


def test_nonsense_in_a_filter_is_reported_not_a_crash(viewer, portfolio):
    response = signed_in(viewer).get(reverse("portfolio"), {"priority": "'; drop", "kind": "x"})
    assert response.status_code == 200
    errors = Page.of(response).texts("//div[contains(@class, 'govuk-error-summary')]//li")
    assert errors == ["Select a priority from the list", "Select a kind from the list"]


def test_build_portfolio_reads_filters_from_a_query(org, portfolio, service):
    filters = PortfolioFilters.from_query({"service": str(service.pk), "kind": " "})
    assert filters == PortfolioFilters(service=str(service.pk))
    result = build_portfolio(org, filters)
    assert result.filtering
    assert (result.shown, result.total) == (1, 3)
    assert [row.title for group in result.groups for row in group.initiatives] == ["Payroll"]


def test_a_large_portfolio_shows_each_priority_s_count_linking_to_its_pages(
    viewer, org, service, priorities
):
    value = priorities[1]
    for n in range(51):
        InitiativeFactory.create(
            organisation=org, service=service, title=f"I{n:02d}", priorities=[value]
        )
    InitiativeFactory.create(organisation=org, service=service, title="Alone")
    client = signed_in(viewer)
    page = Page.of(client.get(reverse("portfolio"), {"kind": "project"}))
    assert page.count("//tbody") == 0
    assert "Showing 52 of 52 initiatives" in page.text()
    links = page.links("//main//p/a")
    count = next(href for text, href in links.items() if text.startswith("51 initiatives"))
    assert count == f"?kind=project&priority={value.pk}&page=1"
    assert "1 initiative not linked to a priority" in links

    first = Page.of(client.get(reverse("portfolio") + count))
    assert [h for h in first.h2s if h[:1].isdigit()] == ["1. Value for money"]
    assert first.count("//tbody/tr") == 50
    assert "Showing 51 of 52 initiatives: 1 to 50 on this page" in first.text()
    pages = first.links("//nav[contains(@class, 'govuk-pagination')]//a")
    assert pages["2"] == f"?priority={value.pk}&kind=project&page=2"
    second = Page.of(client.get(reverse("portfolio") + pages["2"]))
    assert second.texts("//tbody/tr/th//a") == ["I50"]
    alone = Page.of(client.get(reverse("portfolio"), {"priority": "none"}))
    assert alone.texts("//tbody/tr/th//a") == ["Alone"]


def test_needs_my_attention_is_mine_rated_as_needing_action(lead, org, service, priorities):
    from headway.accounts.models import Membership
    from tests.factories import ReportingPeriodFactory, UpdateFactory, status_value

    period = ReportingPeriodFactory.create(organisation=org, state="upcoming")
    ict = ServiceFactory.create(organisation=org, name="ICT")
    mine = InitiativeFactory.create(organisation=org, service=service, title="Mine red")
    UpdateFactory.create(initiative=mine, period=period, status=status_value(org, "red"), risks="r")
    fine = InitiativeFactory.create(organisation=org, service=service, title="Mine green")
    UpdateFactory.create(initiative=fine, period=period, status=status_value(org, "green"))
    theirs = InitiativeFactory.create(organisation=org, service=ict, title="Theirs red")
    UpdateFactory.create(
        initiative=theirs, period=period, status=status_value(org, "red"), risks="r"
    )
    assert Membership.objects.get(user=lead).services.get() == service
    assert _titles(lead, attention="yes") == ["Mine red"]
    assert _titles(lead, rating="red") == ["Mine red", "Theirs red"]
