"""A report's snapshot freezes the maps it shows, their version, and the changes agreed in its
quarter with what the partner councils said."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from headway.accounts.models import User
from headway.committee.snapshot import take_snapshot
from headway.progress.models import ReportingPeriod
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.consultation import answer_consultation
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation
from tests.factories import ReportingPeriodFactory
from tests.roadmap.helpers import membership

pytestmark = pytest.mark.django_db
WHY = "Savings are needed this year."


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@pytest.fixture
def q3(
    org: Organisation,
    admin_user: User,
    reviewer: User,
    partner_contact: User,
    south_contact: User,
    initiative: Initiative,
) -> ReportingPeriod:
    """2021-22 Q3, in which deprioritising the initiative was agreed on 10 November 2021."""
    request = propose(
        org,
        ChangeRequest.Kind.DEPRIORITISE,
        admin_user,
        WHY,
        initiative=initiative,
        now=at(dt.date(2021, 10, 4)),
    )
    open_consultation(request, dt.date(2021, 10, 29), admin_user, now=at(dt.date(2021, 10, 4)))
    for user, response, comment in (
        (partner_contact, Consultation.Response.SUPPORTS, ""),
        (south_contact, Consultation.Response.SUPPORTS_WITH_COMMENTS, "Tell staff early."),
    ):
        member = membership(user, org)
        consultation = request.consultations.get(partner=member.partner)
        answer_consultation(consultation, member, response, comment, now=at(dt.date(2021, 10, 20)))
    decide(
        request,
        ChangeRequest.State.AGREED,
        reviewer,
        dt.date(2021, 11, 10),
        now=at(dt.date(2021, 11, 10)),
    )
    return ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)


def test_it_freezes_the_maps_their_version_and_the_quarters_agreed_changes(
    q3: ReportingPeriod, initiative: Initiative
) -> None:
    data = take_snapshot(q3, taken_at=at(dt.date(2022, 1, 20))).data

    assert data["map_version"] == 2
    assert data["maps"]["year"] == 2021
    assert initiative.pk not in [i["id"] for i in data["maps"]["initiatives"]]
    [change] = data["map_changes"]
    assert change["summary"] == "Replace the payroll system deprioritised, leaving the maps"
    assert change["outcome"] == "North supports; South supports with comments"
    assert (change["kind"], change["rationale"], change["decided_on"]) == (
        "deprioritise",
        WHY,
        "2021-11-10",
    )
    assert [r["comment"] for r in change["responses"]] == ["", "Tell staff early."]


def test_a_snapshot_taken_before_a_change_holds_the_version_current_then(
    q3: ReportingPeriod, initiative: Initiative
) -> None:
    data = take_snapshot(q3, taken_at=at(dt.date(2021, 10, 30))).data

    assert data["map_version"] == 1
    assert initiative.pk in [i["id"] for i in data["maps"]["initiatives"]]


def test_a_quarter_without_agreed_changes_freezes_none(
    q3: ReportingPeriod, org: Organisation
) -> None:
    q4 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=4, state="upcoming")
    assert take_snapshot(q4, taken_at=at(dt.date(2022, 4, 20))).data["map_changes"] == []
