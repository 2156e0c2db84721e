"""A service lead's task list: the returns they owe, where each stands, and the deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, ServiceFactory, UpdateFactory
from tests.pages import Page
from tests.progress.conftest import today

pytestmark = pytest.mark.django_db

PATH = reverse("progress:my_returns")
STARTED = dt.datetime(2022, 1, 5, 9, tzinfo=dt.UTC)


@pytest.fixture
def returns(
    org: Organisation, service: Service, period: ReportingPeriod, reviewer: User
) -> dict[str, Update]:
    def add(title: str, state: str, **extra: object) -> Update:
        initiative = InitiativeFactory.create(organisation=org, service=service, title=title)
        return UpdateFactory.create(initiative=initiative, period=period, state=state, **extra)

    ict = ServiceFactory.create(organisation=org, name="ICT")
    UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org, service=ict, title="Laptops"),
        period=period,
        state="draft",
    )
    return {
        "not started": add("Audit plan", "draft"),
        "in progress": add("Budget monitoring", "draft", started_at=STARTED),
        "submitted": add("Closedown", "submitted"),
        "returned": add(
            "Debt recovery",
            "returned",
            review_comment="Say when the pilot ends.",
            reviewed_by=reviewer,
        ),
        "approved": add("Expenses", "approved"),
    }


def _items(page: Page) -> list[tuple[str, str]]:
    names = page.texts("//li[contains(@class, 'govuk-task-list__item')]//a")
    statuses = page.texts("//div[contains(@class, 'govuk-task-list__status')]")
    return list(zip(names, statuses, strict=True))


def test_it_lists_the_lead_s_returns_with_where_each_stands(lead: User, returns) -> None:
    page = Page.of(signed_in(lead).get(PATH))
    assert page.h1s == ["Your updates"]
    assert _items(page) == [
        ("Audit plan", "Not started"),
        ("Budget monitoring", "In progress"),
        ("Closedown", "Submitted"),
        ("Debt recovery", "Returned"),
        ("Expenses", "Approved"),
    ]
    links = page.links("//ul[contains(@class, 'govuk-task-list')]//a")
    assert links["Audit plan"] == reverse("progress:return", args=[returns["not started"].pk])


def test_it_shows_the_reviewer_s_comment_on_a_returned_return(lead: User, returns) -> None:
    page = Page.of(signed_in(lead).get(PATH))
    hint = page.text("//div[contains(@class, 'govuk-task-list__hint')]")
    assert "returned it: “Say when the pilot ends.”" in hint


def test_it_gives_the_deadline_and_days_left(lead: User, returns, period: ReportingPeriod) -> None:
    text = Page.of(signed_in(lead).get(PATH)).text("//p[@id='deadline']")
    assert period.deadline is not None
    assert f"{period.deadline.day} {period.deadline:%B %Y}: due in 14 days." in text
    assert "3 of 5 to do." in text


def test_when_late_it_says_how_late_and_that_returns_are_still_accepted(
    lead: User, returns, period: ReportingPeriod
) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(deadline=today() - dt.timedelta(days=3))
    page = Page.of(signed_in(lead).get(PATH))
    assert ": 3 days late." in page.text("//p[@id='deadline']")
    assert "they will be marked late" in page.text()


def test_an_administrator_sees_every_return(admin_user: User, returns) -> None:
    page = Page.of(signed_in(admin_user).get(PATH))
    assert len(_items(page)) == 6
    assert page.texts("//main//h2")[1:] == ["Finance", "ICT"]  # after "Filter returns"


def test_with_no_open_period_it_says_so(lead: User, org: Organisation) -> None:
    assert "There is no open reporting period." in Page.of(signed_in(lead).get(PATH)).text()


def test_the_other_organisation_sees_none_of_ours(outsider: User, returns) -> None:
    page = Page.of(signed_in(outsider).get(PATH))
    assert _items(page) == []
    assert "Audit plan" not in page.text()


def test_only_leads_and_administrators_have_a_task_list(reviewer: User, viewer: User) -> None:
    for user in (reviewer, viewer):
        assert signed_in(user).get(PATH).status_code == 403


def test_it_filters_by_progress_and_keeps_the_totals(admin_user: User, returns) -> None:
    page = Page.of(signed_in(admin_user).get(PATH, {"progress": "returned"}))
    assert _items(page) == [("Debt recovery", "Returned")]
    assert "Showing 1 of 6 returns" in page.text()
    assert "4 of 6 to do." in page.text("//p[@id='deadline']")
    assert page.links()["Clear filters"] == PATH


def test_needs_my_attention_is_what_is_still_to_do(lead: User, returns) -> None:
    page = Page.of(signed_in(lead).get(PATH, {"attention": "yes"}))
    assert [title for title, _ in _items(page)] == [
        "Audit plan",
        "Budget monitoring",
        "Debt recovery",
    ]


def test_it_filters_by_service(admin_user: User, returns, service: Service) -> None:
    page = Page.of(
        signed_in(admin_user).get(PATH, {"service": str(service.pk), "progress": "draft"})
    )
    assert page.title.startswith("Error: ")
    assert "Select a progress from the list" in page.text()
    assert len(_items(page)) == 5


def test_filters_that_match_nothing_say_how_to_clear_them(admin_user: User, returns) -> None:
    page = Page.of(signed_in(admin_user).get(PATH, {"kind": "bau", "progress": "approved"}))
    assert _items(page) == []
    assert "No returns match these filters" in page.h2s
    assert page.links()["clearing all the filters"] == PATH


def test_it_shows_a_page_at_a_time_keeping_the_filters(
    admin_user: User, org: Organisation, service: Service, period: ReportingPeriod
) -> None:
    for n in range(55):
        initiative = InitiativeFactory.create(organisation=org, service=service, title=f"I{n:02d}")
        UpdateFactory.create(initiative=initiative, period=period, state="draft")
    client = signed_in(admin_user)
    first = Page.of(client.get(PATH, {"service": service.pk}))
    assert len(_items(first)) == 50
    assert "Showing 55 of 55 returns: 1 to 50 on this page" in first.text()
    following = first.links("//nav[contains(@class, 'govuk-pagination')]//a")
    assert following["2"] == f"?service={service.pk}&page=2"
    second = Page.of(client.get(PATH + following["2"]))
    assert [title for title, _ in _items(second)] == [f"I{n:02d}" for n in range(50, 55)]
