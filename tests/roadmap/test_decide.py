"""Administrators and reviewers decide; agreeing applies the change, rejecting changes
nothing, and everyone consulted hears the outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import User
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation, MapVersion
from headway.roadmap.versions import current_version
from headway.strategy.models import Initiative, Organisation
from tests.factories import MeetingFactory
from tests.roadmap.helpers import answer, opened_change, proposed_change

pytestmark = pytest.mark.django_db
AGREED, REJECTED = ChangeRequest.State.AGREED, ChangeRequest.State.REJECTED
SUPPORTS = Consultation.Response.SUPPORTS


@pytest.fixture
def consulting(
    org: Organisation, admin_user: User, initiative: Initiative, closes_on: dt.date
) -> ChangeRequest:
    return opened_change(org, admin_user, closes_on, initiative=initiative)


def test_agreeing_reschedules_the_initiative(
    consulting: ChangeRequest,
    initiative: Initiative,
    reviewer: User,
    partner_contact: User,
    south_contact: User,
    today: dt.date,
) -> None:
    answer(consulting, partner_contact, SUPPORTS)
    answer(consulting, south_contact, SUPPORTS)
    meeting = MeetingFactory.create(
        committee__organisation=consulting.organisation, date=dt.date(2022, 3, 11)
    )
    decide(consulting, AGREED, reviewer, today, meeting)
    initiative.refresh_from_db()
    assert (initiative.planned_start, initiative.planned_end) == (
        dt.date(2021, 7, 1),
        dt.date(2022, 6, 30),
    )
    consulting.refresh_from_db()
    assert consulting.state == AGREED
    assert consulting.decided_by == reviewer
    assert consulting.meeting == meeting
    assert current_version(consulting.organisation).change_request == consulting  # type: ignore[union-attr]


def test_it_refuses_to_agree_without_every_answer_unless_it_says_why(
    consulting: ChangeRequest,
    initiative: Initiative,
    reviewer: User,
    partner_contact: User,
    today: dt.date,
) -> None:
    answer(consulting, partner_contact, SUPPORTS)
    with pytest.raises(ValidationError) as error:
        decide(consulting, AGREED, reviewer, today)
    [message] = error.value.message_dict["decision_note"]
    assert message.startswith("Say why the decision is taken without every partner's answer")
    assert "South" in message
    consulting.refresh_from_db()
    assert consulting.state == ChangeRequest.State.CONSULTING
    initiative.refresh_from_db()
    assert initiative.planned_start == dt.date(2021, 4, 1)
    assert not MapVersion.objects.exists()

    decide(consulting, AGREED, reviewer, today, note="South did not answer by the deadline.")
    consulting.refresh_from_db()
    assert consulting.state == AGREED
    assert consulting.decision_note == "South did not answer by the deadline."


def test_rejecting_changes_nothing(
    consulting: ChangeRequest, initiative: Initiative, reviewer: User, today: dt.date
) -> None:
    before = (initiative.planned_start, initiative.planned_end, initiative.map_version)
    decide(consulting, REJECTED, reviewer, today)
    initiative.refresh_from_db()
    assert (initiative.planned_start, initiative.planned_end, initiative.map_version) == before
    consulting.refresh_from_db()
    assert consulting.state == REJECTED
    assert not MapVersion.objects.exists()


def test_everyone_consulted_hears_the_decision(
    consulting: ChangeRequest,
    reviewer: User,
    partner_contact: User,
    south_contact: User,
    today: dt.date,
) -> None:
    mail.outbox.clear()
    decide(consulting, REJECTED, reviewer, today)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [partner_contact.email, south_contact.email]
    )
    assert all(m.subject == "Change not agreed: Replace the payroll system" for m in mail.outbox)
    assert "The maps stay as they were." in mail.outbox[0].body
    assert "North has not answered" in mail.outbox[0].body


@pytest.mark.parametrize("who", ["viewer", "lead", "partner_contact"])
def test_only_administrators_and_reviewers_decide(
    consulting: ChangeRequest, who: str, request: pytest.FixtureRequest, today: dt.date
) -> None:
    user: User = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        decide(consulting, REJECTED, user, today)
    consulting.refresh_from_db()
    assert consulting.state == ChangeRequest.State.CONSULTING


def test_a_draft_cannot_be_decided(
    org: Organisation, admin_user: User, initiative: Initiative, today: dt.date
) -> None:
    draft = proposed_change(org, admin_user, initiative=initiative)
    with pytest.raises(ValidationError, match="Only a change under consultation"):
        decide(draft, AGREED, admin_user, today, note="In a hurry.")


def test_a_decision_cannot_be_dated_in_the_future(
    consulting: ChangeRequest, reviewer: User, today: dt.date
) -> None:
    with pytest.raises(ValidationError) as error:
        decide(consulting, REJECTED, reviewer, today + dt.timedelta(days=1))
    assert error.value.message_dict["decided_on"] == ["The decision date cannot be in the future."]


def test_the_outcome_is_agreed_or_rejected(
    consulting: ChangeRequest, reviewer: User, today: dt.date
) -> None:
    with pytest.raises(ValidationError) as error:
        decide(consulting, ChangeRequest.State.WITHDRAWN, reviewer, today)
    assert "outcome" in error.value.message_dict


def test_a_meeting_of_another_organisation_is_refused(
    consulting: ChangeRequest, reviewer: User, other_org: Organisation, today: dt.date
) -> None:
    elsewhere = MeetingFactory.create(committee__organisation=other_org)
    with pytest.raises(ValidationError) as error:
        decide(consulting, REJECTED, reviewer, today, elsewhere)
    assert error.value.message_dict["meeting"] == ["Choose one of your own committee's meetings."]
    consulting.refresh_from_db()
    assert consulting.state == ChangeRequest.State.CONSULTING
