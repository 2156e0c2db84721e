"""Only administrators and reviewers propose changes, and every change must say why."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import User
from headway.roadmap.changes import propose
from headway.roadmap.models import ChangeRequest
from headway.strategy.models import Initiative, Organisation

pytestmark = pytest.mark.django_db
DEPRIORITISE = ChangeRequest.Kind.DEPRIORITISE


def test_it_records_a_draft_against_the_initiatives_current_map_version(
    org: Organisation, reviewer: User, initiative: Initiative
) -> None:
    request = propose(org, DEPRIORITISE, reviewer, "Savings elsewhere.", initiative=initiative)
    assert request.state == ChangeRequest.State.DRAFT
    assert request.base_map_version == initiative.map_version == 1
    assert request.proposed == {"status": "deprioritised"}
    assert request.current == {"status": "in_progress"}
    initiative.refresh_from_db()
    assert initiative.status == "in_progress"


def test_it_refuses_a_change_without_a_rationale(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    with pytest.raises(ValidationError) as error:
        propose(org, DEPRIORITISE, admin_user, "   ", initiative=initiative)
    assert error.value.message_dict["rationale"] == ["Say why this change is needed"]
    assert not ChangeRequest.objects.exists()


def test_it_reports_a_missing_rationale_with_the_proposals_own_errors(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    with pytest.raises(ValidationError) as error:
        propose(org, ChangeRequest.Kind.CLOSE, admin_user, "", {}, initiative=initiative)
    assert set(error.value.message_dict) == {"rationale", "status"}


@pytest.mark.parametrize("who", ["viewer", "lead", "partner_contact", "outsider"])
def test_it_refuses_anyone_but_administrators_and_reviewers(
    org: Organisation, initiative: Initiative, who: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied) as error:
        propose(org, DEPRIORITISE, user, "Savings elsewhere.", initiative=initiative)
    assert "Only an administrator or reviewer" in str(error.value)
    assert not ChangeRequest.objects.exists()


def test_it_refuses_another_organisations_initiative(
    org: Organisation, admin_user: User, other_org: Organisation
) -> None:
    from tests.factories import InitiativeFactory

    theirs = InitiativeFactory.create(organisation=other_org)
    with pytest.raises(ValidationError) as error:
        propose(org, DEPRIORITISE, admin_user, "Savings.", initiative=theirs)
    assert "initiative" in error.value.message_dict


def test_a_draft_can_be_revised_until_it_goes_out_for_consultation(
    org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    import datetime as dt

    from headway.roadmap.changes import open_consultation, revise

    request = propose(
        org,
        ChangeRequest.Kind.RESCHEDULE,
        admin_user,
        "Late.",
        {"end_quarter": "2022-23 Q1"},
        initiative=initiative,
    )
    revise(request, admin_user, "Later still.", {"end_quarter": "2022-23 Q2"})
    request.refresh_from_db()
    assert request.proposed["planned_end"] == "2022-09-30"
    assert request.rationale == "Later still."
    open_consultation(request, dt.date.today() + dt.timedelta(days=7), admin_user)
    with pytest.raises(ValidationError, match="Only a draft can be changed"):
        revise(request, admin_user, "Sooner.", {"end_quarter": "2022-23 Q1"})
