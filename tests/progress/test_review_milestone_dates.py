"""The reviewer's comparison shows the milestone dates that moved since last quarter's
approved return, as well as its words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from headway.accounts.models import Membership, User
from headway.progress.lifecycle import next_quarter_to_open, open_period
from headway.progress.milestone_dates import reported_dates
from headway.progress.models import ReportingPeriod, Update
from headway.progress.returns import MilestoneDates, save_return
from headway.strategy.models import Initiative, Milestone, Organisation
from tests.conftest import signed_in
from tests.factories import ReportingPeriodFactory, UpdateFactory, status_value
from tests.pages import Page

from .conftest import good_changes

pytestmark = pytest.mark.django_db

DUE = dt.date(2031, 5, 30)
SLIPPED = dt.date(2031, 7, 4)


@pytest.fixture
def go_live(initiative: Initiative) -> Milestone:
    return Milestone.objects.create(initiative=initiative, title="Go-live", due=DUE)


@pytest.fixture
def last_quarter(
    initiative: Initiative, period: ReportingPeriod, org: Organisation, go_live: Milestone
) -> Update:
    earlier = ReportingPeriodFactory.create(
        organisation=org, year=period.year - 1, quarter=period.quarter, state="upcoming"
    )
    approved = UpdateFactory.create(
        initiative=initiative,
        period=earlier,
        state="approved",
        status=status_value(org, "green"),
        milestone_dates=reported_dates([go_live]),
    )
    ReportingPeriod.objects.filter(pk=earlier.pk).update(state="closed")
    return approved


def test_a_return_keeps_the_milestone_dates_it_reported(
    draft: Update, go_live: Milestone, as_lead: Membership, org: Organisation
) -> None:
    changes = good_changes(org, milestones=(MilestoneDates(go_live.pk, SLIPPED, None),))

    saved = save_return(draft, changes, draft.version, as_lead, submit=False)

    assert saved.milestone_dates == {
        str(go_live.pk): {"forecast": "2031-07-04", "completed_on": None}
    }


def test_opening_a_period_starts_each_return_from_the_milestones_as_they_stand(
    initiative: Initiative, go_live: Milestone, as_admin: Membership, org: Organisation
) -> None:
    Milestone.objects.filter(pk=go_live.pk).update(forecast=SLIPPED)

    quarter = next_quarter_to_open(org)
    period = open_period(org, quarter, quarter.last_day + dt.timedelta(days=14), as_admin)

    new = Update.objects.get(period=period, initiative=initiative)
    assert new.milestone_dates[str(go_live.pk)]["forecast"] == "2031-07-04"


def test_the_reviewer_sees_a_milestone_s_new_forecast(
    reviewer: User,
    draft: Update,
    last_quarter: Update,
    go_live: Milestone,
    as_lead: Membership,
    org: Organisation,
) -> None:
    Update.objects.filter(pk=draft.pk).update(previous=last_quarter)
    draft.refresh_from_db()
    changes = good_changes(org, milestones=(MilestoneDates(go_live.pk, SLIPPED, None),))
    save_return(draft, changes, draft.version, as_lead, submit=True)

    page = Page.of(signed_in(reviewer).get(reverse("progress:review", args=[draft.pk])))

    section = page.text(f"//div[@id='field-milestone-{go_live.pk}']")
    assert "Milestone: Go-live" in section
    assert "Changed" in section
    assert "Due 30 May 2031" in section
    assert "Forecast 4 July 2031 (due 30 May 2031)" in section
