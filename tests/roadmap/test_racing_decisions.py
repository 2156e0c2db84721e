"""Two requests proposed against the same map of one initiative cannot both apply: the
second is refused, says why, and stays open so nothing is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from headway.accounts.models import User
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, MapVersion
from headway.strategy.models import Initiative, Organisation, Priority

pytestmark = pytest.mark.django_db
NOTE = "Agreed at the meeting."


def test_the_second_of_two_racing_decisions_is_refused_and_stays_open(
    org: Organisation,
    admin_user: User,
    reviewer: User,
    initiative: Initiative,
    priorities: list[Priority],
    today: dt.date,
    closes_on: dt.date,
) -> None:
    first = propose(
        org,
        ChangeRequest.Kind.RESCHEDULE,
        admin_user,
        "The supplier is late.",
        {"end_quarter": "2022-23 Q2"},
        initiative=initiative,
    )
    second = propose(
        org,
        ChangeRequest.Kind.REPRIORITISE,
        reviewer,
        "It belongs with our people.",
        {"priorities": [priorities[2].pk]},
        initiative=initiative,
    )
    open_consultation(first, closes_on, admin_user)
    open_consultation(second, closes_on, admin_user)

    decide(first, ChangeRequest.State.AGREED, reviewer, today, note=NOTE)
    with pytest.raises(ValidationError) as error:
        decide(second, ChangeRequest.State.AGREED, reviewer, today, note=NOTE)

    assert error.value.messages == [
        f"Another change to this initiative was agreed on {today:%-d %B %Y} since this "
        "request was proposed: propose it again against the current map."
    ]
    second.refresh_from_db()
    assert second.state == ChangeRequest.State.CONSULTING
    assert second.decided_on is None
    assert second.proposed == {
        "priorities": [priorities[2].pk],
        "horizon": "now",
        "map_position": 0,
    }
    initiative.refresh_from_db()
    assert list(initiative.priorities.all()) == [priorities[0]]
    assert initiative.planned_end == dt.date(2022, 9, 30)
    assert initiative.map_version == 2
    assert MapVersion.objects.filter(organisation=org).count() == 2


def test_a_stale_request_can_still_be_rejected(
    org: Organisation,
    admin_user: User,
    reviewer: User,
    initiative: Initiative,
    today: dt.date,
    closes_on: dt.date,
) -> None:
    first = propose(
        org, ChangeRequest.Kind.DEPRIORITISE, admin_user, "Savings.", initiative=initiative
    )
    second = propose(
        org,
        ChangeRequest.Kind.RESCHEDULE,
        admin_user,
        "Later.",
        {"end_quarter": "2022-23 Q1"},
        initiative=initiative,
    )
    open_consultation(first, closes_on, admin_user)
    open_consultation(second, closes_on, admin_user)
    decide(first, ChangeRequest.State.AGREED, reviewer, today, note=NOTE)
    decide(second, ChangeRequest.State.REJECTED, reviewer, today)
    second.refresh_from_db()
    assert second.state == ChangeRequest.State.REJECTED


def test_a_stale_draft_cannot_be_opened(
    org: Organisation,
    admin_user: User,
    reviewer: User,
    initiative: Initiative,
    today: dt.date,
    closes_on: dt.date,
) -> None:
    first = propose(
        org,
        ChangeRequest.Kind.RESCHEDULE,
        admin_user,
        "Later.",
        {"end_quarter": "2022-23 Q1"},
        initiative=initiative,
    )
    draft = propose(
        org,
        ChangeRequest.Kind.RESCHEDULE,
        admin_user,
        "Sooner.",
        {"end_quarter": "2021-22 Q3"},
        initiative=initiative,
    )
    open_consultation(first, closes_on, admin_user)
    decide(first, ChangeRequest.State.AGREED, reviewer, today, note=NOTE)
    with pytest.raises(ValidationError, match="propose it again against the current map"):
        open_consultation(draft, closes_on, admin_user)
