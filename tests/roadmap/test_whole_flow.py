"""A change goes from proposal through consultation with both partner councils to an
agreed decision that moves the map and is recorded, with its reasons, in a new version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from headway.accounts.models import User
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.decisions import decide
from headway.roadmap.maps import priority_map
from headway.roadmap.models import ChangeRequest, Consultation, MapVersion
from headway.roadmap.versions import compare, current_version
from headway.strategy.models import Initiative, Organisation, Priority
from tests.roadmap.helpers import answer

pytestmark = pytest.mark.django_db


def test_it_moves_an_initiative_after_consulting_both_partners(
    org: Organisation,
    admin_user: User,
    reviewer: User,
    partner_contact: User,
    south_contact: User,
    initiative: Initiative,
    priorities: list[Priority],
    today: dt.date,
    closes_on: dt.date,
) -> None:
    request = propose(
        org,
        ChangeRequest.Kind.REPRIORITISE,
        admin_user,
        "Payroll now matters most to making services efficient.",
        {"priorities": [priorities[1].pk], "horizon": "next"},
        initiative=initiative,
    )
    assert request.state == ChangeRequest.State.DRAFT
    assert request.current == {
        "priorities": [priorities[0].pk],
        "horizon": "now",
        "map_position": 0,
    }

    consultations = open_consultation(request, closes_on, admin_user)
    assert sorted(str(c.partner) for c in consultations) == ["North", "South"]

    answer(request, partner_contact, Consultation.Response.SUPPORTS)
    answer(request, south_contact, Consultation.Response.SUPPORTS_WITH_COMMENTS, "Keep us told.")

    decide(request, ChangeRequest.State.AGREED, reviewer, today)

    initiative.refresh_from_db()
    assert [p.pk for p in initiative.priorities.all()] == [priorities[1].pk]
    assert initiative.horizon == "next"
    assert initiative.map_version == 2
    rows = {row.priority.number: row for row in priority_map(org, 2021).rows}
    assert [i.title for i in rows[2].cells[1]] == ["Replace the payroll system"]
    assert not any(rows[1].cells)

    baseline, version = MapVersion.objects.filter(organisation=org).order_by("number")
    assert (baseline.number, version.number) == (1, 2)
    assert current_version(org) == version
    assert version.change_request == request
    diff = compare(baseline, version)
    [moved] = diff.moved
    assert moved.title == "Replace the payroll system"
    assert "from 1. Customers first to 2. Efficient services" in moved.description
    assert "horizon Now to Next" in moved.description
    assert moved.reason == "Payroll now matters most to making services efficient."
    assert moved.consultation == "North supports; South supports with comments"
    assert [(a.partner, a.comment) for a in moved.responses] == [
        ("North", ""),
        ("South", "Keep us told."),
    ]
    assert not diff.added and not diff.removed and not diff.rescheduled
    assert version.changes[0]["reason"] == moved.reason

    subjects = [m.subject for m in mail.outbox]
    assert sum("Your view on a change" in s for s in subjects) == 2
    assert sum(s.startswith("North supports") for s in subjects) == 1
    assert sum(s.startswith("South supports with comments") for s in subjects) == 1
    assert sum(s.startswith("Change agreed") for s in subjects) == 2
