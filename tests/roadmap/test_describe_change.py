"""A change request reads as one plain sentence, with its values shown against the old."""

from __future__ import annotations

import pytest

from headway.accounts.models import User
from headway.roadmap.changes import propose
from headway.roadmap.describe import comparison, describe
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative, Organisation, Priority, Service

pytestmark = pytest.mark.django_db
Kind = ChangeRequest.Kind


def test_a_reprioritise_reads_as_a_move(
    org: Organisation, admin_user: User, initiative: Initiative, priorities: list[Priority]
) -> None:
    request = propose(
        org,
        Kind.REPRIORITISE,
        admin_user,
        "Why not.",
        {"priorities": [priorities[2].pk], "map_position": 2},
        initiative=initiative,
    )
    assert describe(request) == (
        "Reprioritise “Replace the payroll system”: priorities from 1. Customers first to "
        "3. Our people and order within its priorities from 0 to 2."
    )
    assert [(r.label, r.current, r.proposed, r.changes) for r in comparison(request)] == [
        ("Priorities", "1. Customers first", "3. Our people", True),
        ("Horizon", "Now", "Now", False),
        ("Order within its priorities", "0", "2", True),
    ]


def test_a_new_initiative_reads_as_an_addition(
    org: Organisation, admin_user: User, service: Service, priorities: list[Priority]
) -> None:
    request = propose(
        org,
        Kind.ADD_INITIATIVE,
        admin_user,
        "Asked for.",
        {
            "title": "Digital mailroom",
            "kind": "project",
            "service": service.pk,
            "priorities": [priorities[0].pk, priorities[1].pk],
        },
    )
    assert describe(request) == (
        "Add the project “Digital mailroom” under 1. Customers first and 2. Efficient services."
    )
    assert ("Service", "", "Finance") in [
        (r.label, r.current, r.proposed) for r in comparison(request)
    ]


def test_closing_and_deprioritising_say_the_initiative_leaves_the_maps(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    close = propose(
        org, Kind.CLOSE, admin_user, "Done.", {"status": "cancelled"}, initiative=initiative
    )
    drop = propose(org, Kind.DEPRIORITISE, admin_user, "Later.", initiative=initiative)
    assert describe(close) == "Close “Replace the payroll system” as cancelled: it leaves the maps."
    assert describe(drop) == "Deprioritise “Replace the payroll system”: it leaves the maps."
