from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.accounts.models import User
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Initiative
from tests.conftest import signed_in
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    UserFactory,
    status_value,
)
from tests.pages import Page, has_class, titled

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(org, service, priorities, partner, other_partner) -> Initiative:
    return InitiativeFactory.create(
        organisation=org,
        service=service,
        title="Replace the payroll system",
        description="One payroll for both councils.",
        kind=Initiative.Kind.PROJECT,
        status=Initiative.Status.IN_PROGRESS,
        priorities=[priorities[1], priorities[0]],
        partners=[partner, other_partner],
        planned_start=dt.date(2021, 4, 1),
        planned_end=dt.date(2022, 3, 31),
        is_key_project=True,
        external_reference="FIN-014",
    )


def _page(user: User, initiative: Initiative) -> Page:
    response = signed_in(user).get(reverse("initiative", args=[initiative.pk]))
    assert response.status_code == 200
    return Page.of(response)


def _summary(page: Page) -> dict[str, str]:
    keys = page.texts("//dl[1]//dt")
    values = page.texts("//dl[1]//dd")
    return dict(zip(keys, values, strict=True))


def test_it_sends_anonymous_visitors_to_sign_in(client, initiative):
    path = reverse("initiative", args=[initiative.pk])
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={path}"


def test_it_is_titled_with_the_initiative(viewer, initiative):
    page = _page(viewer, initiative)
    assert page.h1s == ["Replace the payroll system"]
    assert page.title == titled("Replace the payroll system")
    assert "One payroll for both councils." in page.text()


def test_it_summarises_the_initiative(viewer, initiative):
    assert _summary(_page(viewer, initiative)) == {
        "Kind": "Project",
        "Service": "Finance",
        "Owner": "Service leads for Finance",
        "Priorities": "1. Value for money 2. Customer focus",
        "Partners served": "North Borough Council South Borough Council",
        "Planned dates": "1 April 2021 to 31 March 2022",
        "Status": "In progress",
        "Key project": "Yes",
        "Reference": "FIN-014",
    }


def test_it_names_the_owner_when_there_is_one(viewer, initiative):
    initiative.owner = UserFactory.create(first_name="Head of Finance", last_name="(demo)")
    initiative.save()
    assert _summary(_page(viewer, initiative))["Owner"] == "Head of Finance (demo)"


def test_it_lists_the_milestones_and_marks_slipped_ones(viewer, initiative):
    MilestoneFactory.create(
        initiative=initiative,
        title="Go live",
        due=dt.date(2021, 9, 30),
        forecast=dt.date(2021, 11, 1),
    )
    MilestoneFactory.create(
        initiative=initiative,
        title="Choose a supplier",
        due=dt.date(2021, 6, 30),
        completed_on=dt.date(2021, 6, 15),
    )
    page = _page(viewer, initiative)
    assert page.texts("//table[.//caption[contains(., 'Milestones')]]//tbody/tr") == [
        "Choose a supplier 30 Jun 2021 Not set 15 Jun 2021",
        "Go live Slipped 30 Sep 2021 1 Nov 2021 Not yet",
    ]
    slipped = page.tree.xpath(f"//tbody//strong[{has_class('govuk-tag')}]")
    assert [tag.text_content() for tag in slipped] == ["Slipped"]


def test_it_shows_a_reviewer_every_update_newest_first(reviewer, org, initiative):
    periods = {
        (year, quarter): ReportingPeriodFactory.create(
            organisation=org, year=year, quarter=quarter, state=ReportingPeriod.State.UPCOMING
        )
        for year, quarter in [(2021, 2), (2021, 4), (2021, 3)]
    }
    UpdateFactory.create(
        initiative=initiative, period=periods[(2021, 2)], narrative="Tendering started."
    )
    UpdateFactory.create(
        initiative=initiative,
        period=periods[(2021, 4)],
        status=status_value(org, "red"),
        risks="The supplier has withdrawn.",
        state=Update.State.SUBMITTED,
    )
    UpdateFactory.create(
        initiative=initiative,
        period=periods[(2021, 3)],
        status=status_value(org, "amber"),
        narrative="Design agreed.",
        achievements="Signed the contract.",
        next_steps="Build the interfaces.",
        risks="Supplier capacity.",
    )
    page = _page(reviewer, initiative)
    assert page.texts("//h3") == ["2021-22 Q4", "2021-22 Q3", "2021-22 Q2"]
    cards = page.texts(f"//div[{has_class('govuk-summary-card')}]//dl")
    q4, q3 = cards[0], cards[1]
    assert "Rating Amber At risk, recoverable" in q3
    assert "State Approved" in q3
    assert "Progress Design agreed." in q3
    assert "Achievements Signed the contract." in q3
    assert "Next steps Build the interfaces." in q3
    assert "Risks and issues Supplier capacity." in q3
    assert "State Submitted" in q4


def test_it_says_when_there_are_no_updates_or_milestones(viewer, initiative):
    text = _page(viewer, initiative).text()
    assert "No updates yet." in text
    assert "No milestones have been set for this initiative." in text


def test_it_keeps_the_paragraphs_people_typed_and_escapes_them(viewer, initiative):
    UpdateFactory.create(initiative=initiative, narrative="First.\n\n<script>alert(1)</script>")
    page = _page(viewer, initiative)
    card = page.tree.xpath(f"//div[{has_class('govuk-summary-card')}]//dd")[2]
    assert [p.text_content() for p in card.xpath(".//p")] == ["First.", "<script>alert(1)</script>"]
    assert page.count("//main//script") == 0


def test_another_organisation_s_initiative_is_not_found(viewer, other_org):
    theirs = InitiativeFactory.create(organisation=other_org)
    response = signed_in(viewer).get(reverse("initiative", args=[theirs.pk]))
    assert response.status_code == 404
    assert theirs.title not in response.content.decode()


def test_the_other_organisation_cannot_see_ours(outsider, initiative):
    response = signed_in(outsider).get(reverse("initiative", args=[initiative.pk]))
    assert response.status_code == 404


def test_a_missing_initiative_is_not_found(viewer, strategy):
    response = signed_in(viewer).get(reverse("initiative", args=[999999]))
    assert response.status_code == 404
    assert Page.of(response).h1s == ["Page not found"]


def test_its_queries_do_not_grow_with_its_history(
    viewer, org, initiative, django_assert_num_queries
):
    client = signed_in(viewer)
    path = reverse("initiative", args=[initiative.pk])
    MilestoneFactory.create(initiative=initiative)
    UpdateFactory.create(initiative=initiative)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    queries = len(small.captured_queries)

    for n in range(20):
        MilestoneFactory.create(initiative=initiative)
        period = ReportingPeriodFactory.create(
            organisation=org, year=2000 + n, quarter=1, state=ReportingPeriod.State.UPCOMING
        )
        UpdateFactory.create(initiative=initiative, period=period)
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert Page.of(response).count("//h3") == 21
