from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Organisation, Priority, Service, Strategy
from tests.conftest import signed_in
from tests.factories import (
    InitiativeFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    ServiceFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)
from tests.pages import Page, has_class, titled

pytestmark = pytest.mark.django_db


def _portfolio(user: User, query: str = "") -> Page:
    response = signed_in(user).get(reverse("portfolio") + query)
    assert response.status_code == 200
    return Page.of(response)


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("portfolio"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/"


def test_it_shows_the_current_strategy(viewer, strategy):
    page = _portfolio(viewer)
    assert page.h1s == ["Portfolio"]
    assert page.title == titled("Portfolio")
    assert "Shared Service Strategy, from 2000-01 to 2999-00" in page.text()
    assert "Excellent back-office services for our partner councils." in page.text()


def test_it_lists_the_priorities_in_order(viewer, priorities):
    headings = _portfolio(viewer).h2s
    numbered = [h for h in headings if h[:1].isdigit()]
    assert numbered == ["1. Value for money", "2. Customer focus", "3. Digital first"]


def test_it_lists_each_priority_s_initiatives(viewer, org, service, priorities):
    customer, value, _ = priorities
    InitiativeFactory.create(organisation=org, service=service, title="Payroll", priorities=[value])
    InitiativeFactory.create(
        organisation=org, service=service, title="Contact centre", priorities=[customer, value]
    )
    page = _portfolio(viewer)
    assert page.texts("//table[.//caption[contains(., 'Value for money')]]//tbody//th") == [
        "Contact centre",
        "Payroll",
    ]
    assert page.texts("//table[.//caption[contains(., 'Customer focus')]]//tbody//th") == [
        "Contact centre"
    ]
    assert "No initiatives deliver this priority yet." in page.text()


def test_it_shows_each_initiative_s_details(viewer, org, service, priorities):
    initiative = InitiativeFactory.create(
        organisation=org,
        service=service,
        title="Payroll",
        kind="service_plan_action",
        status="on_hold",
        priorities=[priorities[0]],
    )
    row = _portfolio(viewer).texts("//tbody/tr")[0]
    assert row == "Payroll Service plan action Finance On hold No update yet"
    link = _portfolio(viewer).links()["Payroll"]
    assert link == reverse("initiative", args=[initiative.pk])


def test_it_shows_the_latest_approved_rating_as_a_tag(viewer, org, service, priorities):
    initiative = InitiativeFactory.create(
        organisation=org, service=service, priorities=[priorities[0]]
    )
    q2 = ReportingPeriodFactory.create(
        organisation=org, year=2021, quarter=2, state=ReportingPeriod.State.UPCOMING
    )
    q3 = ReportingPeriodFactory.create(
        organisation=org, year=2021, quarter=3, state=ReportingPeriod.State.UPCOMING
    )
    q4 = ReportingPeriodFactory.create(
        organisation=org, year=2021, quarter=4, state=ReportingPeriod.State.UPCOMING
    )
    UpdateFactory.create(initiative=initiative, period=q2, status=status_value(org, "green"))
    UpdateFactory.create(
        initiative=initiative, period=q3, status=status_value(org, "amber"), risks="Supplier."
    )
    # A newer return that is not approved yet does not count.
    UpdateFactory.create(
        initiative=initiative,
        period=q4,
        status=status_value(org, "red"),
        risks="Budget.",
        state=Update.State.SUBMITTED,
    )
    page = _portfolio(viewer)
    tags = page.tree.xpath(f"//tbody//strong[{has_class('govuk-tag')}]")
    assert len(tags) == 1
    assert "govuk-tag--orange" in tags[0].get("class")
    assert " ".join(tags[0].text_content().split()) == "Amber: At risk, recoverable"
    assert page.texts(
        f"//strong[{has_class('govuk-tag')}]/span[{has_class('govuk-visually-hidden')}]"
    ) == [": At risk, recoverable"]
    assert "2021-22 Q3" in page.text("//tbody")


def test_a_blue_rating_uses_the_tag_s_default_colour(viewer, org, service, priorities):
    initiative = InitiativeFactory.create(
        organisation=org, service=service, priorities=[priorities[0]]
    )
    UpdateFactory.create(initiative=initiative, status=status_value(org, "blue"))
    tag = _portfolio(viewer).tree.xpath(f"//tbody//strong[{has_class('govuk-tag')}]")[0]
    assert tag.get("class") == "govuk-tag"


def test_it_lists_initiatives_outside_the_strategy_s_priorities(viewer, org, service, priorities):
    old = StrategyFactory.create(organisation=org, first_year=1990, last_year=1995)
    old_priority = PriorityFactory.create(strategy=old, number=1, title="Old priority")
    InitiativeFactory.create(
        organisation=org, service=service, title="Legacy work", priorities=[old_priority]
    )
    page = _portfolio(viewer)
    assert "Not linked to a priority of this strategy" in page.h2s
    assert "Old priority" not in page.text()
    assert "Legacy work" in page.text()


def test_without_a_strategy_it_lists_every_initiative(viewer, org, service):
    InitiativeFactory.create(organisation=org, service=service, title="Payroll")
    page = _portfolio(viewer)
    assert "has no strategy in Headway yet" in page.text()
    assert "Initiatives" in page.h2s
    assert "Payroll" in page.text()


def test_it_counts_the_initiatives(viewer, org, service, priorities):
    for _ in range(3):
        InitiativeFactory.create(organisation=org, service=service, priorities=[priorities[0]])
    assert "Showing 3 of 3 initiatives" in _portfolio(viewer).text()


def test_it_never_shows_another_organisation_s_initiatives(
    viewer, org, other_org, service, priorities
):
    other_strategy = StrategyFactory.create(organisation=other_org, first_year=2000, last_year=2999)
    other_priority = PriorityFactory.create(strategy=other_strategy, number=1, title="Theirs")
    InitiativeFactory.create(organisation=org, service=service, title="Ours")
    InitiativeFactory.create(
        organisation=other_org, title="Secret plan", priorities=[other_priority]
    )
    page = _portfolio(viewer)
    assert "Ours" in page.text()
    assert "Secret plan" not in page.text()
    assert "Theirs" not in page.text()
    assert "Showing 1 of 1 initiative" in page.text()


def test_the_other_organisation_sees_only_its_own(outsider, org, service, priorities):
    InitiativeFactory.create(organisation=org, service=service, title="Ours")
    page = _portfolio(outsider)
    assert "Ours" not in page.text()
    assert "Showing 0 of 0 initiatives" in page.text()


def test_every_role_can_read_it(admin_user, reviewer, lead, partner_contact, viewer, strategy):
    for user in (admin_user, reviewer, lead, partner_contact, viewer):
        assert _portfolio(user).h1s == ["Portfolio"]


def _fill(org: Organisation, service: Service, priorities: list[Priority], count: int) -> None:
    partners = list(org.partners.all())
    period, _ = ReportingPeriod.objects.get_or_create(organisation=org, year=2021, quarter=3)
    for n in range(count):
        initiative = InitiativeFactory.create(
            organisation=org,
            service=service,
            priorities=priorities[: 1 + n % len(priorities)],
            partners=partners[: n % 3],
        )
        if n % 2:
            UpdateFactory.create(initiative=initiative, period=period)


def _same_queries(
    client: Client, path: str, grow: Callable[[int], None], first: int, then: int
) -> Page:
    grow(first)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    grow(then - first)
    with CaptureQueriesContext(connection) as large:
        response = client.get(path)
    assert len(large.captured_queries) == len(small.captured_queries)
    return Page.of(response)


def test_its_queries_do_not_grow_with_the_portfolio(viewer, org, service, priorities):
    """10 and 50 initiatives are shown whole; 60 and 500 as counts by priority."""
    client, path = signed_in(viewer), reverse("portfolio")
    page = _same_queries(client, path, lambda n: _fill(org, service, priorities, n), 10, 50)
    assert "Showing 50 of 50 initiatives" in page.text()
    assert page.count("//tbody/tr") > 50
    page = _same_queries(client, path, lambda n: _fill(org, service, priorities, n), 10, 450)
    assert "Showing 500 of 500 initiatives" in page.text()
    assert page.count("//tbody/tr") == 0


def test_a_priority_s_page_runs_the_same_queries_for_10_as_for_500(
    viewer, org, service, priorities
):
    client = signed_in(viewer)
    path = f"{reverse('portfolio')}?priority={priorities[0].pk}&page=2"
    page = _same_queries(client, path, lambda n: _fill(org, service, priorities, n), 10, 500)
    assert page.count("//tbody/tr") == 50


def test_its_filtered_queries_do_not_grow_either(
    viewer, org, service, priorities, partner, django_assert_num_queries
):
    client = signed_in(viewer)
    query = f"{reverse('portfolio')}?partner={partner.pk}&status=in_progress"
    _fill(org, service, priorities, 10)
    with CaptureQueriesContext(connection) as small:
        client.get(query)
    queries = len(small.captured_queries)
    _fill(org, service, priorities, 490)
    with django_assert_num_queries(queries):
        client.get(query)


def test_a_member_of_another_service_sees_the_whole_portfolio(lead, org, priorities):
    elsewhere = ServiceFactory.create(organisation=org, name="ICT")
    InitiativeFactory.create(organisation=org, service=elsewhere, title="Network")
    assert "Network" in _portfolio(lead).text()


def test_the_strategy_fixture_is_current(strategy: Strategy):
    from headway.strategy.current import current_strategy

    assert current_strategy(strategy.organisation) == strategy
