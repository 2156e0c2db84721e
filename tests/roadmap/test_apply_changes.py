"""What each kind of agreed change does to the live portfolio."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from headway.accounts.models import User
from headway.roadmap.changes import open_consultation, propose, withdraw
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service

pytestmark = pytest.mark.django_db
Kind = ChangeRequest.Kind


def agreed(
    org: Organisation,
    by: User,
    kind: str,
    proposed: dict[str, Any] | None = None,
    initiative: Initiative | None = None,
) -> ChangeRequest:
    request = propose(org, kind, by, "Agreed with the councils.", proposed, initiative=initiative)
    open_consultation(request, dt.date.today() + dt.timedelta(days=7), by)
    return decide(request, "agreed", by, dt.date.today(), note="Decided at committee.")


def test_a_new_priority_takes_the_next_number(
    org: Organisation, admin_user: User, priorities: list[Priority], partner: Partner
) -> None:
    request = agreed(
        org, admin_user, Kind.ADD_PRIORITY, {"title": "Net zero", "description": "By 2030."}
    )
    assert request.priority is not None
    assert (request.priority.number, request.priority.title) == (4, "Net zero")
    assert request.priority.strategy == priorities[0].strategy
    assert str(request) == "Add a priority: 4. Net zero"


def test_a_new_initiative_is_planned_after_the_others_in_its_priorities(
    org: Organisation,
    admin_user: User,
    service: Service,
    priorities: list[Priority],
    partner: Partner,
    initiative: Initiative,
) -> None:
    initiative.map_position = 4
    initiative.save()
    request = agreed(
        org,
        admin_user,
        Kind.ADD_INITIATIVE,
        {
            "title": "Digital mailroom",
            "kind": "project",
            "service": service.pk,
            "priorities": [priorities[0].pk],
            "partners": [partner.pk],
            "planned_start": "2021-07-01",
            "planned_end": "2022-03-31",
        },
    )
    created = request.initiative
    assert created is not None
    assert created.title == "Digital mailroom"
    assert created.status == Initiative.Status.PLANNED
    assert created.map_position == 5
    assert list(created.priorities.all()) == [priorities[0]]
    assert list(created.partners.all()) == [partner]
    assert created.planned_start == dt.date(2021, 7, 1)


def test_closing_takes_the_initiative_off_the_maps(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    agreed(org, admin_user, Kind.CLOSE, {"status": "completed"}, initiative)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.COMPLETED
    assert not initiative.is_on_map


def test_a_correction_made_meanwhile_to_another_field_stands(
    org: Organisation, admin_user: User, initiative: Initiative, priorities: list[Priority]
) -> None:
    request = propose(
        org, Kind.REPRIORITISE, admin_user, "Later.", {"horizon": "later"}, initiative=initiative
    )
    open_consultation(request, dt.date.today() + dt.timedelta(days=7), admin_user)
    initiative.priorities.add(priorities[1])  # corrected in the admin
    decide(request, "agreed", admin_user, dt.date.today(), note="Decided at committee.")
    initiative.refresh_from_db()
    assert initiative.horizon == "later"
    assert set(initiative.priorities.all()) == {priorities[0], priorities[1]}


def test_the_history_keeps_each_agreed_change(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    agreed(org, admin_user, Kind.RESCHEDULE, {"end_quarter": "2022-23 Q1"}, initiative)
    latest = initiative.history.latest()
    assert latest.planned_end == dt.date(2022, 6, 30)
    assert latest.prev_record.planned_end == dt.date(2022, 3, 31)


def test_a_withdrawn_request_tells_the_partners_and_cannot_be_decided(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    partner_contact: User,
) -> None:
    request = propose(org, Kind.DEPRIORITISE, admin_user, "Savings.", initiative=initiative)
    open_consultation(request, dt.date.today() + dt.timedelta(days=7), admin_user)
    mail.outbox.clear()
    withdraw(request, admin_user)
    assert request.state == ChangeRequest.State.WITHDRAWN
    assert [m.subject for m in mail.outbox] == ["Change withdrawn: Replace the payroll system"]
    with pytest.raises(ValidationError):
        decide(request, "agreed", admin_user, dt.date.today(), note="Anyway.")
    with pytest.raises(ValidationError, match="can no longer be withdrawn"):
        withdraw(request, admin_user)
