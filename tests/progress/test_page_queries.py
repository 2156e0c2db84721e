"""The task list, the return form, the review queue and the dashboard each run the same
number of queries for 10 initiatives as for 500."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from headway.accounts.models import User
from headway.progress.chasing import NAMED
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative, Milestone, Organisation, Priority, Service
from tests.conftest import signed_in
from tests.factories import (
    PriorityFactory,
    ReportingPeriodFactory,
    StrategyFactory,
    UserFactory,
    status_value,
)
from tests.pages import Page
from tests.progress.conftest import today

pytestmark = pytest.mark.django_db

STATES = ["draft", "draft", "submitted", "returned", "approved"]


@pytest.fixture
def setting(org: Organisation, service: Service) -> dict[str, Any]:
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    priorities = [PriorityFactory.create(strategy=strategy, number=n) for n in (1, 2, 3)]
    before = ReportingPeriodFactory.create(organisation=org, year=2020, quarter=1, state="upcoming")
    period = ReportingPeriodFactory.create(
        organisation=org, year=2021, quarter=3, deadline=today() - dt.timedelta(days=2)
    )
    return {"priorities": priorities, "before": before, "period": period}


def fill(org: Organisation, service: Service, setting: dict[str, Any], count: int) -> None:
    """``count`` more initiatives, each with last year's approved return and this quarter's,
    a milestone, priorities, and an owner for one in ten, in a few bulk writes."""
    start = Initiative.objects.count()
    owners = User.objects.bulk_create(
        UserFactory.build(username=f"owner{start + n}") for n in range(0, count, 10)
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            organisation=org,
            service=service,
            kind=Initiative.Kind.PROJECT,
            title=f"Initiative {start + n:04d}",
            status=Initiative.Status.IN_PROGRESS,
            owner=owners[n // 10] if n % 10 == 0 else None,
        )
        for n in range(count)
    )
    priorities: list[Priority] = setting["priorities"]
    Initiative.priorities.through.objects.bulk_create(
        Initiative.priorities.through(initiative=i, priority=priorities[n % 3])
        for n, i in enumerate(initiatives)
    )
    Milestone.objects.bulk_create(
        Milestone(initiative=i, title="Go-live", due=dt.date(2021, 12, 1)) for i in initiatives
    )
    green, amber = status_value(org, "green"), status_value(org, "amber")
    previous = Update.objects.bulk_create(
        Update(initiative=i, period=setting["before"], status=green, state="approved")
        for i in initiatives
    )
    now = timezone.now()
    Update.objects.bulk_create(
        Update(
            initiative=i,
            period=setting["period"],
            previous=p,
            status=amber,
            narrative="Progress.",
            risks="Supplier.",
            state=STATES[n % 5],
            started_at=now if n % 5 != 0 else None,
            submitted_at=now if STATES[n % 5] != "draft" else None,
            review_comment="Say more." if STATES[n % 5] == "returned" else "",
        )
        for n, (i, p) in enumerate(zip(initiatives, previous, strict=True))
    )


def _same_queries_for_10_and_500(
    client: Client,
    path: Callable[[], str],
    grow: Callable[[int], None],
    assert_num_queries: Any,
) -> Page:
    grow(10)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path()).status_code == 200
    grow(490)
    with assert_num_queries(len(small.captured_queries)):
        response = client.get(path())
    assert response.status_code == 200
    return Page.of(response)


def test_the_task_list(lead, org, service, setting, django_assert_num_queries) -> None:
    page = _same_queries_for_10_and_500(
        signed_in(lead),
        lambda: reverse("progress:my_returns"),
        lambda n: fill(org, service, setting, n),
        django_assert_num_queries,
    )
    # A page of them, counted from an aggregate.
    assert page.count("//li[contains(@class, 'govuk-task-list__item')]") == 50
    assert "Showing 500 of 500 returns: 1 to 50 on this page" in page.text()


def test_the_return_form(lead, org, service, setting, django_assert_num_queries) -> None:
    def first_draft() -> str:
        update = Update.objects.filter(period=setting["period"], state="draft").first()
        assert update is not None
        return reverse("progress:return", args=[update.pk])

    page = _same_queries_for_10_and_500(
        signed_in(lead),
        first_draft,
        lambda n: fill(org, service, setting, n),
        django_assert_num_queries,
    )
    assert page.count("//input[@name='status']") == 4


def test_the_review_queue(reviewer, org, service, setting, django_assert_num_queries) -> None:
    page = _same_queries_for_10_and_500(
        signed_in(reviewer),
        lambda: reverse("progress:review_queue"),
        lambda n: fill(org, service, setting, n),
        django_assert_num_queries,
    )
    assert page.count("//tbody/tr") == 50
    assert "Showing 100 of 100 returns: 1 to 50 on this page" in page.text()


def test_a_review(reviewer, org, service, setting, django_assert_num_queries) -> None:
    def first_submitted() -> str:
        update = Update.objects.filter(period=setting["period"], state="submitted").first()
        assert update is not None
        return reverse("progress:review", args=[update.pk])

    _same_queries_for_10_and_500(
        signed_in(reviewer),
        first_submitted,
        lambda n: fill(org, service, setting, n),
        django_assert_num_queries,
    )


def test_the_dashboard(admin_user, org, service, setting, django_assert_num_queries) -> None:
    page = _same_queries_for_10_and_500(
        signed_in(admin_user),
        lambda: reverse("progress:dashboard"),
        lambda n: fill(org, service, setting, n),
        django_assert_num_queries,
    )
    assert "100 of 500 returns approved, 100 submitted, 300 outstanding (300 overdue)" in (
        page.text("//p[@id='headline']")
    )
    # One owner for every ten initiatives; nobody leads the service, so the rest have none.
    # Twenty of the fifty owners are on the first page, each naming a few of their returns.
    assert page.count("//button[contains(., 'Send reminder')]") == 20
    assert page.count("//h2[@id='overdue']/following::table[1]//li") <= 20 * NAMED
    assert page.count("//nav[@aria-label='Pages of people to chase']//a[@href]") >= 2


@pytest.mark.parametrize("name", ["progress:period", "progress:close_period"])
def test_the_period_pages(
    name, admin_user, org, service, setting, django_assert_num_queries
) -> None:
    period: ReportingPeriod = setting["period"]
    _same_queries_for_10_and_500(
        signed_in(admin_user),
        lambda: reverse(name, args=[period.slug]),
        lambda n: fill(org, service, setting, n),
        django_assert_num_queries,
    )
