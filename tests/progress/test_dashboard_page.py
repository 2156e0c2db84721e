"""The completion dashboard: the headline, returns by service and by priority with a chart
beside each table, and the overdue list with a reminder per owner in one click."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from headway.accounts.models import Role, User
from headway.lib.fy import Quarter
from headway.progress.models import Reminder, ReportingPeriod
from headway.strategy.models import Organisation, Service
from tests.conftest import signed_in
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    StrategyFactory,
    UpdateFactory,
    UserFactory,
    status_value,
)
from tests.pages import Page
from tests.progress.conftest import today

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("progress:dashboard")


@pytest.fixture
def late(org: Organisation, service: Service) -> ReportingPeriod:
    """Three days past the deadline: one approved, one submitted, two still to do."""
    quarter = Quarter.of(today() - dt.timedelta(days=100))
    period = ReportingPeriodFactory.create(
        organisation=org,
        year=quarter.year,
        quarter=quarter.number,
        deadline=today() - dt.timedelta(days=3),
    )
    strategy = StrategyFactory.create(organisation=org, first_year=2000, last_year=2999)
    priority = PriorityFactory.create(strategy=strategy, number=1, title="Value for money")
    for title, state, status in (
        ("Payroll", "approved", "green"),
        ("Debt recovery", "submitted", "amber"),
        ("Audit plan", "draft", "green"),
        ("Expenses", "returned", "red"),
    ):
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=org, service=service, title=title, priorities=[priority]
            ),
            period=period,
            state=state,
            status=status_value(org, status),
        )
    return period


def test_it_leads_with_the_headline(admin_user: User, late: ReportingPeriod) -> None:
    page = Page.of(signed_in(admin_user).get(DASHBOARD))
    assert page.texts("//p[@id='headline']") == [
        f"{late.label} — 1 of 4 returns approved, 1 submitted, 2 outstanding (2 overdue)"
    ]


def test_each_table_has_a_chart_beside_it(reviewer: User, late: ReportingPeriod) -> None:
    page = Page.of(signed_in(reviewer).get(DASHBOARD))
    assert page.texts("//table[@id='by-service']/tbody/tr") == ["Finance 1 0 1 1 1 4"]
    assert page.texts("//table[@id='by-priority']/tbody/tr") == ["1. Value for money 0 1 1 0 2"]
    charts = page.tree.xpath("//figure//*[local-name()='svg'][@role='img']")
    assert len(charts) == 2
    assert [c.findtext("title") for c in charts] == [
        f"Returns by service and stage, {late.label}",
        f"Status of submitted and approved returns by priority, {late.label}",
    ]


def test_the_overdue_list_names_each_owner_and_how_late(
    admin_user: User, lead: User, late: ReportingPeriod
) -> None:
    page = Page.of(signed_in(admin_user).get(DASHBOARD))
    rows = page.texts("//h2[@id='overdue']/following::table[1]/tbody/tr")
    assert len(rows) == 1
    assert rows[0].startswith(
        "lead Service lead of Finance: the initiatives without an owner are theirs "
        "Audit plan (Finance, not started, no owner) Expenses (Finance, returned, no owner) "
        "3 Not yet"
    )
    assert page.texts("//button[contains(., 'Send reminder')]") == ["Send reminder to lead"]


def test_one_click_reminds_the_owner_and_records_it(
    admin_user: User, lead: User, late: ReportingPeriod
) -> None:
    client = signed_in(admin_user)
    remind = reverse("progress:remind", args=[late.slug])
    response = client.post(remind, {"owner": str(lead.pk)})
    assert (
        response["Location"] == reverse("progress:period_dashboard", args=[late.slug]) + "#overdue"
    )
    [email] = mail.outbox
    assert email.to == ["lead@example.org"]
    assert Reminder.objects.get().sent_on == today()
    page = Page.of(client.get(response["Location"]))
    assert "Reminder sent to lead about 2 returns." in page.text()
    assert "Reminded today" in page.text("//h2[@id='overdue']/following::table[1]")

    # A second click the same day sends nothing and says why.
    client.post(remind, {"owner": str(lead.pk)})
    assert len(mail.outbox) == 1
    assert "already been reminded today" in Page.of(client.get(DASHBOARD)).text()


def test_reminders_go_only_to_members_of_the_organisation(
    admin_user: User, outsider: User, late: ReportingPeriod
) -> None:
    remind = reverse("progress:remind", args=[late.slug])
    assert signed_in(admin_user).post(remind, {"owner": str(outsider.pk)}).status_code == 404
    assert signed_in(admin_user).post(remind, {"owner": "nobody"}).status_code == 404
    assert mail.outbox == []


def test_leads_and_viewers_may_not_see_it_or_remind(
    lead: User, viewer: User, late: ReportingPeriod
) -> None:
    remind = reverse("progress:remind", args=[late.slug])
    for user in (lead, viewer):
        assert signed_in(user).get(DASHBOARD).status_code == 403
        assert signed_in(user).post(remind, {"owner": str(lead.pk)}).status_code == 403
    assert mail.outbox == []


def test_the_other_organisation_cannot_see_or_chase_ours(
    outsider: User, lead: User, late: ReportingPeriod
) -> None:
    path = reverse("progress:period_dashboard", args=[late.slug])
    assert signed_in(outsider).get(path).status_code == 404
    remind = reverse("progress:remind", args=[late.slug])
    assert signed_in(outsider).post(remind, {"owner": str(lead.pk)}).status_code == 404
    assert "Payroll" not in Page.of(signed_in(outsider).get(DASHBOARD)).text()


def test_before_any_period_it_says_so(admin_user: User) -> None:
    assert (
        "No reporting period has been opened yet."
        in Page.of(signed_in(admin_user).get(DASHBOARD)).text()
    )


def test_the_home_page_shows_administrators_where_the_cycle_stands(
    admin_user: User, viewer: User, late: ReportingPeriod
) -> None:
    page = Page.of(signed_in(admin_user).get(reverse("portfolio")))
    assert page.texts("//div[@id='cycle']/p[1]") == [
        f"{late.label} — 1 of 4 returns approved, 1 submitted, 2 outstanding (2 overdue)"
    ]
    assert page.links("//div[@id='cycle']//a") == {
        f"{late.label}: from returns to a published report": (
            reverse("progress:period", args=[late.slug]) + "#next-step"
        ),
        "Open the completion dashboard": reverse("progress:period_dashboard", args=[late.slug]),
    }
    assert page.text("//p[@id='next-step-summary']").startswith(
        "Next step: get the returns in (in progress). 1 of 4 returns approved, 2 overdue."
    )
    assert Page.of(signed_in(viewer).get(reverse("portfolio"))).count("//div[@id='cycle']") == 0


def test_an_owner_s_row_names_a_few_returns_and_links_to_the_rest(
    admin_user: User, lead: User, org: Organisation, service: Service, late: ReportingPeriod
) -> None:
    """After a deadline an owner may have dozens of returns to do: the row names five, counts
    them all, and the task list, filtered to the owner's returns still to do, lists every one."""
    owner = MembershipFactory.create(
        user=UserFactory.create(username="owner", first_name="Head", last_name="of Audit"),
        organisation=org,
        role=Role.SERVICE_LEAD,
    ).user
    titles = [f"Audit {n:02}" for n in range(1, 8)]
    for title in titles:
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=org, service=service, title=title, owner=owner
            ),
            period=late,
            state="draft",
        )
    page = Page.of(signed_in(admin_user).get(DASHBOARD))
    row = "//h2[@id='overdue']/following::table[1]/tbody/tr[th[contains(., 'Head of Audit')]]"
    assert [t.split(" (")[0] for t in page.texts(f"{row}//li")] == titles[:5]
    assert page.links(f"{row}//a") == {
        "7 in all: see the other 2 in the task list": (
            f"{reverse('progress:my_returns')}?attention=yes&owner={owner.pk}"
        )
    }
    tasks = Page.of(signed_in(admin_user).get(page.links(f"{row}//a").popitem()[1]))
    assert sorted(t for t in tasks.texts("//a") if t.startswith("Audit 0")) == titles


def test_people_to_chase_come_twenty_to_a_page(
    admin_user: User, org: Organisation, service: Service, late: ReportingPeriod
) -> None:
    for n in range(1, 22):
        owner = MembershipFactory.create(
            user=UserFactory.create(username=f"owner{n:02}", last_name=f"Owner {n:02}"),
            organisation=org,
            role=Role.SERVICE_LEAD,
        ).user
        UpdateFactory.create(
            initiative=InitiativeFactory.create(organisation=org, service=service, owner=owner),
            period=late,
            state="draft",
        )
    client = signed_in(admin_user)
    first = Page.of(client.get(DASHBOARD))
    reminders = "//button[contains(., 'Send reminder')]"
    # 21 owners and the service's lead-less returns' row: "No one" comes last.
    assert first.count(reminders) == 20
    assert "23 returns are overdue." in first.text()
    pages = first.links("//nav[@aria-label='Pages of people to chase']//a")
    assert pages["Next page"] == "?owners=2#overdue"
    second = Page.of(client.get(DASHBOARD + pages["Next page"].split("#")[0]))
    assert second.count(reminders) == 1
    assert second.texts("//h2[@id='overdue']/following::table[1]/tbody/tr/th")[-1].startswith(
        "No one"
    )
