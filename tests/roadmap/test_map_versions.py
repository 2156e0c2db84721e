"""Every agreed change records a numbered version of the maps; any two versions compare
into what was added, removed, moved and rescheduled, each with its reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from headway.accounts.models import User
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation, MapVersion
from headway.roadmap.versions import compare, current_version, ensure_baseline
from headway.strategy.models import Initiative, Organisation, Priority, Service
from tests.roadmap.helpers import answer

pytestmark = pytest.mark.django_db


def agree(
    org: Organisation,
    by: User,
    kind: str,
    rationale: str,
    proposed: dict[str, Any] | None = None,
    initiative: Initiative | None = None,
) -> ChangeRequest:
    request = propose(org, kind, by, rationale, proposed, initiative=initiative)
    open_consultation(request, dt.date.today() + dt.timedelta(days=7), by)
    return decide(
        request, ChangeRequest.State.AGREED, by, dt.date.today(), note="Agreed in committee."
    )


def test_the_baseline_is_drawn_once_from_the_live_data(
    org: Organisation, initiative: Initiative
) -> None:
    assert current_version(org) is None
    baseline = ensure_baseline(org)
    assert baseline.number == 1 and baseline.is_baseline
    assert [i["title"] for i in baseline.state["initiatives"]] == ["Replace the payroll system"]
    assert ensure_baseline(org) == baseline
    assert MapVersion.objects.count() == 1


def test_versions_are_numbered_per_organisation(
    org: Organisation, other_org: Organisation, initiative: Initiative
) -> None:
    ensure_baseline(other_org)
    assert ensure_baseline(org).number == 1


def test_it_compares_versions_across_several_changes(
    org: Organisation,
    admin_user: User,
    partner_contact: User,
    initiative: Initiative,
    service: Service,
    priorities: list[Priority],
) -> None:
    baseline = ensure_baseline(org)
    added_priority = agree(
        org, admin_user, ChangeRequest.Kind.ADD_PRIORITY, "Net zero matters.", {"title": "Net zero"}
    )
    new_project = agree(
        org,
        admin_user,
        ChangeRequest.Kind.ADD_INITIATIVE,
        "The councils asked for it.",
        {
            "title": "Fleet electrification",
            "kind": "project",
            "service": service.pk,
            "priorities": [added_priority.priority.pk],  # type: ignore[union-attr]
        },
    )
    rescheduled = propose(
        org,
        ChangeRequest.Kind.RESCHEDULE,
        admin_user,
        "The supplier is late.",
        {"start_quarter": "2021-22 Q2"},
        initiative=initiative,
    )
    open_consultation(rescheduled, dt.date.today() + dt.timedelta(days=7), admin_user)
    answer(rescheduled, partner_contact, Consultation.Response.OBJECTS, "We need it sooner.")
    decide(rescheduled, "agreed", admin_user, dt.date.today(), note="South did not answer.")
    latest = current_version(org)
    assert latest is not None and latest.number == 4

    diff = compare(baseline, latest)

    assert [(e.subject, e.title) for e in diff.added] == [
        ("priority", "4. Net zero"),
        ("initiative", "Fleet electrification"),
    ]
    assert diff.added[0].reason == "Net zero matters."
    assert diff.added[1].description == "Added under 4. Net zero"
    assert diff.added[1].request_id == new_project.pk
    [moved] = diff.rescheduled
    assert moved.description == (
        "Rescheduled: was 1 April 2021 to 31 March 2022, now 1 July 2021 to 31 March 2022"
    )
    assert moved.reason == "The supplier is late."
    assert moved.consultation == "North objects; South has not answered"
    assert moved.responses[0].comment == "We need it sooner."
    assert not diff.removed and not diff.moved


def test_a_deprioritised_initiative_is_removed_with_its_reason(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    baseline = ensure_baseline(org)
    agree(
        org, admin_user, ChangeRequest.Kind.DEPRIORITISE, "Savings needed.", initiative=initiative
    )
    latest = current_version(org)
    assert latest is not None
    [removed] = compare(baseline, latest).removed
    assert (removed.title, removed.description, removed.reason) == (
        "Replace the payroll system",
        "Deprioritised",
        "Savings needed.",
    )
    assert latest.changes == [
        {
            **latest.changes[0],
            "change": "removed",
            "title": "Replace the payroll system",
            "reason": "Savings needed.",
        }
    ]


def test_comparing_a_version_with_itself_shows_no_change(
    org: Organisation, initiative: Initiative
) -> None:
    baseline = ensure_baseline(org)
    assert compare(baseline, baseline).is_empty


def test_it_refuses_to_compare_backwards_or_across_organisations(
    org: Organisation, other_org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    baseline = ensure_baseline(org)
    agree(org, admin_user, ChangeRequest.Kind.DEPRIORITISE, "Savings.", initiative=initiative)
    latest = current_version(org)
    assert latest is not None
    with pytest.raises(ValueError, match="earlier version with a later one"):
        compare(latest, baseline)
    with pytest.raises(ValueError, match="same organisation"):
        compare(baseline, ensure_baseline(other_org))
