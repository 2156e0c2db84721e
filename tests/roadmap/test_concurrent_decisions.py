"""On PostgreSQL, two people agreeing changes to one initiative at the same moment: the
database locks let exactly one apply."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from headway.accounts.models import User
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, MapVersion
from headway.strategy.models import Initiative, Organisation, Priority

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_only_one_of_two_simultaneous_decisions_applies(
    org: Organisation,
    admin_user: User,
    reviewer: User,
    initiative: Initiative,
    priorities: list[Priority],
    today: dt.date,
    closes_on: dt.date,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL; SQLite serialises whole transactions instead.")
    requests = [
        propose(
            org,
            ChangeRequest.Kind.REPRIORITISE,
            admin_user,
            "Move it.",
            {"priorities": [priority.pk]},
            initiative=initiative,
        )
        for priority in priorities[1:]
    ]
    for request in requests:
        open_consultation(request, closes_on, admin_user)
    start = threading.Barrier(len(requests))
    outcomes: list[str] = []

    def agree(request: ChangeRequest) -> None:
        try:
            start.wait()
            decide(request, ChangeRequest.State.AGREED, reviewer, today, note="Urgent.")
            outcomes.append("agreed")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=agree, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes)[0] == "Another change to this initiative was agreed on " + (
        f"{today:%-d %B %Y} since this request was proposed: propose it again against the "
        "current map."
    )
    assert sorted(outcomes)[1] == "agreed"
    initiative.refresh_from_db()
    assert initiative.map_version == 2
    assert initiative.priorities.count() == 1
    assert MapVersion.objects.filter(organisation=org).count() == 2
    states = sorted(ChangeRequest.objects.values_list("state", flat=True))
    assert states == [ChangeRequest.State.AGREED, ChangeRequest.State.CONSULTING]
