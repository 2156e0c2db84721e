"""The initiative page shows every version of each update: who saved it, when, and what
they changed, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.accounts.models import Membership, User
from headway.progress.models import ReportingPeriod, Update
from headway.progress.returns import ReturnChanges, save_return
from headway.progress.review import approve
from headway.strategy.models import Initiative, Organisation, Service
from tests.conftest import signed_in
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory, status_value
from tests.pages import Page, has_class

pytestmark = pytest.mark.django_db

HISTORY = f"//details[{has_class('hw-update-history')}]"


@pytest.fixture
def initiative(org: Organisation, service: Service) -> Initiative:
    return InitiativeFactory.create(organisation=org, service=service, title="Payroll")


@pytest.fixture
def draft(initiative: Initiative, org: Organisation) -> Update:
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    return UpdateFactory.create(
        initiative=initiative, period=period, state="draft", status=None, narrative=""
    )


def _member(user: User) -> Membership:
    return Membership.objects.get(user=user)


def _work_through(draft: Update, org: Organisation, lead: User, reviewer: User) -> None:
    green = ReturnChanges(status=status_value(org, "green"), narrative="Went live.")
    saved = save_return(draft, green, draft.version, _member(lead), submit=False)
    saved = save_return(saved, green, saved.version, _member(lead), submit=True)
    approve(saved, _member(reviewer))


def test_it_lists_every_version_with_who_and_what(viewer, draft, org, lead, reviewer, initiative):
    User.objects.filter(pk=lead.pk).update(first_name="Head of", last_name="Finance")
    User.objects.filter(pk=reviewer.pk).update(first_name="Assistant", last_name="Director")
    lead.refresh_from_db()
    reviewer.refresh_from_db()
    _work_through(draft, org, lead, reviewer)
    page = Page.of(signed_in(viewer).get(reverse("initiative", args=[initiative.pk])))

    assert page.texts(f"{HISTORY}//summary") == ["History of the 2021-22 Q3 update (4 versions)"]
    assert page.texts(f"{HISTORY}//tbody/tr/th") == ["4", "3", "2", "1"]
    whats = page.texts(f"{HISTORY}//tbody/tr/td[3]")
    assert whats == [
        "Approved",
        "Submitted",
        "Changed status, progress this quarter",
        "Created",
    ]
    whos = page.texts(f"{HISTORY}//tbody/tr/td[2]")
    assert whos == ["Assistant Director", "Head of Finance", "Head of Finance", "Headway"]


def test_its_queries_do_not_grow_with_the_versions(
    draft, org, lead, reviewer, initiative, django_assert_num_queries
):
    # A reviewer reads the drafts too, so every return's history is on the page.
    client = signed_in(reviewer)
    path = reverse("initiative", args=[initiative.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    queries = len(few.captured_queries)

    _work_through(draft, org, lead, reviewer)
    for year in range(2000, 2010):
        period = ReportingPeriodFactory.create(
            organisation=org, year=year, quarter=1, state=ReportingPeriod.State.UPCOMING
        )
        update = UpdateFactory.create(initiative=initiative, period=period, state="draft")
        save_return(update, ReturnChanges(status=None), update.version, _member(lead), False)
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert Page.of(response).count(f"{HISTORY}//tbody/tr") == 4 + 10 * 2
