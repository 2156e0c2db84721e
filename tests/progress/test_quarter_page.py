"""The quarter's page: its steps as a task list with the next one highlighted, "Chase everyone
overdue" in one click, and the screens each step is done on coming back to it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from headway.accounts.models import User
from headway.committee import packs
from headway.committee.models import Report
from headway.progress.models import PeriodEvent, ReportingPeriod, Update
from headway.strategy.models import Organisation, Service
from tests.committee.conftest import FAKE_FILES
from tests.conftest import signed_in
from tests.factories import (
    CommitteeFactory,
    InitiativeFactory,
    MeetingFactory,
    ReportingPeriodFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def q3(org: Organisation, service: Service, lead: User) -> ReportingPeriod:
    """2021-22 Q3, long past its deadline: one return approved, two still drafts (the lead's)."""
    StrategyFactory.create(organisation=org, first_year=2020, last_year=2022)
    MeetingFactory.create(committee=CommitteeFactory.create(organisation=org), venue="Hall")
    period = ReportingPeriodFactory.create(organisation=org)
    for title, state in (("Payroll", "approved"), ("Audit plan", "draft"), ("Debt", "draft")):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=org, service=service, title=title, owner=lead
            ),
            period=period,
            state=state,
            status=status_value(org, "green"),
        )
    return period


def quarter_page(user: User, period: ReportingPeriod) -> Page:
    return Page.of(signed_in(user).get(reverse("progress:period", args=[period.slug])))


def statuses(page: Page) -> dict[str, str]:
    """Each step's title and status, as the task list shows them."""
    result = {}
    for item in page.tree.xpath("//li[contains(@class, 'govuk-task-list__item')]"):
        (title,) = item.xpath("./div[contains(@class, 'name-and-hint')]/*[1]")
        (status,) = item.xpath("./div[contains(@class, 'govuk-task-list__status')]")
        result[" ".join(title.text_content().split())] = " ".join(status.text_content().split())
    return result


def test_the_page_lists_the_six_steps_with_their_status(
    admin_user: User, q3: ReportingPeriod
) -> None:
    page = quarter_page(admin_user, q3)
    assert statuses(page) == {
        "Get the returns in": "In progress",
        "Close the quarter": "Not yet started",
        "Draft the report": "Cannot start yet",
        "Get the report approved": "Cannot start yet",
        "Generate the committee pack": "Cannot start yet",
        "Publish the report": "Cannot start yet",
    }
    next_step = page.text("//li[contains(@class, 'hw-task-list__item--next')]")
    assert next_step.startswith("Get the returns in Next step 1 of 3 returns approved, 2 overdue.")
    assert page.count("//*[@id='next-step']") == 1


def test_chase_everyone_overdue_sends_each_owner_one_reminder(
    admin_user: User, lead: User, q3: ReportingPeriod
) -> None:
    client = signed_in(admin_user)
    response = client.post(reverse("progress:chase_everyone", args=[q3.slug]))
    assert response["Location"] == reverse("progress:period", args=[q3.slug]) + "#step-returns"
    assert [message.to for message in mail.outbox] == [[lead.email]]
    assert "Audit plan" in mail.outbox[0].body and "Debt" in mail.outbox[0].body
    page = Page.of(client.get(response["Location"]))
    assert "Reminded 1 person about their returns still to do." in page.text()
    assert "Owners chased" in page.text("//*[@id='events']")
    assert "Payroll" not in page.text("//*[@id='reminders']")


def test_closing_from_its_screen_drafts_the_report_and_comes_back(
    admin_user: User, q3: ReportingPeriod
) -> None:
    client = signed_in(admin_user)
    close = Page.of(client.get(reverse("progress:close_period", args=[q3.slug])))
    assert "Closing drafts the report for the Joint Committee 11 March 2022 meeting" in (
        close.text()
    )
    assert "only approved returns count in the figures" in close.text()
    response = client.post(
        reverse("progress:close_period", args=[q3.slug]), {"force_reason": "Papers are due."}
    )
    assert response["Location"] == reverse("progress:period", args=[q3.slug]) + "#next-step"
    page = Page.of(client.get(response["Location"]))
    assert (
        "2021-22 Q3 is closed. The report for the Joint Committee 11 March 2022 meeting is "
        "drafted." in page.text()
    )
    assert statuses(page)["Draft the report"] == "Completed"
    assert statuses(page)["Get the report approved"] == "Not yet started"
    assert "Ask the reviewers to approve it" in page.text(
        "//li[contains(@class, 'hw-task-list__item--next')]"
    )
    kinds = list(q3.events.values_list("kind", flat=True))
    assert kinds == [PeriodEvent.Kind.CLOSED, PeriodEvent.Kind.DRAFTED]


def test_asking_and_publishing_from_the_page_come_back_to_it(
    admin_user: User, reviewer: User, q3: ReportingPeriod, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(packs, "pack_files", lambda report, progress=None: dict(FAKE_FILES))
    client = signed_in(admin_user)
    client.post(reverse("progress:close_period", args=[q3.slug]), {"force_reason": "Due."})
    report = Report.objects.get(period=q3)
    back = reverse("progress:period", args=[q3.slug]) + "#next-step"

    asked = client.post(reverse("committee:ask_for_approval", args=[report.pk]) + "?from=quarter")
    assert asked["Location"] == back
    assert statuses(quarter_page(admin_user, q3))["Get the report approved"] == "In progress"

    approved = signed_in(reviewer).post(reverse("committee:approve", args=[report.pk]))
    assert approved["Location"] == reverse("committee:report", args=[report.pk])
    page = quarter_page(admin_user, q3)
    assert statuses(page)["Generate the committee pack"] == "Completed"
    assert statuses(page)["Publish the report"] == "Not yet started"

    publish = reverse("committee:publish", args=[report.pk]) + "?from=quarter"
    confirm = Page.of(client.get(publish))
    assert confirm.links("//a[text()='Cancel']") == {"Cancel": back}
    assert client.post(publish)["Location"] == back
    page = quarter_page(admin_user, q3)
    assert statuses(page)["Publish the report"] == "Completed"
    address = f"http://testserver/published/{report.slug}/"
    assert page.links("//*[@id='public-address']") == {address: address}
    assert "Every step is done." in page.text()


def test_the_home_page_says_what_the_next_step_is(admin_user: User, q3: ReportingPeriod) -> None:
    page = Page.of(signed_in(admin_user).get("/"))
    assert page.text("//*[@id='next-step-summary']").startswith(
        "Next step: get the returns in (in progress). 1 of 3 returns approved"
    )
    assert page.links("//*[@id='cycle']//a")["2021-22 Q3: from returns to a published report"] == (
        reverse("progress:period", args=[q3.slug]) + "#next-step"
    )


def test_reviewers_see_the_cycle_but_not_the_quarter_s_steps(
    reviewer: User, q3: ReportingPeriod
) -> None:
    page = Page.of(signed_in(reviewer).get("/"))
    assert "Open the completion dashboard" in page.text("//*[@id='cycle']")
    assert page.count("//*[@id='next-step-summary']") == 0


def test_chasing_a_closed_quarter_is_refused(admin_user: User, q3: ReportingPeriod) -> None:
    Update.objects.filter(period=q3).update(state="approved")
    ReportingPeriod.objects.filter(pk=q3.pk).update(state="closed")
    client = signed_in(admin_user)
    response = client.post(reverse("progress:chase_everyone", args=[q3.slug]), follow=True)
    assert "2021-22 Q3 is not open, so there is nothing to chase." in Page.of(response).text()
    assert mail.outbox == []
