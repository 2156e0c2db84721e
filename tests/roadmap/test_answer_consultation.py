"""A partner contact answers for their own council, until the consultation closes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import User
from headway.roadmap.consultation import answer_consultation
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation
from tests.roadmap.helpers import answer, membership, opened_change

pytestmark = pytest.mark.django_db
Response = Consultation.Response


@pytest.fixture
def request_(org: Organisation, admin_user: User, initiative: Initiative, closes_on: dt.date):
    change = opened_change(org, admin_user, closes_on, initiative=initiative)
    mail.outbox.clear()
    return change


def test_it_records_the_answer_and_tells_the_proposer(
    request_: ChangeRequest, partner_contact: User, admin_user: User
) -> None:
    consultation = answer(request_, partner_contact, Response.SUPPORTS)
    assert consultation.response == Response.SUPPORTS
    assert consultation.answered_by == partner_contact
    assert consultation.answered_at is not None
    [message] = mail.outbox
    assert message.to == [admin_user.email]
    assert message.subject == "North supports: Replace the payroll system"
    assert "1 of 2 partner councils have answered" in message.body


def test_a_partner_contact_of_another_council_cannot_answer(
    request_: ChangeRequest, south_contact: User, partner_contact: User
) -> None:
    north = request_.consultations.get(partner__short_name="North")
    with pytest.raises(PermissionDenied) as error:
        answer_consultation(
            north, membership(south_contact, request_.organisation), "objects", "No"
        )
    assert str(error.value) == "Only a partner contact of North may answer for North."
    north.refresh_from_db()
    assert north.response == ""


@pytest.mark.parametrize("who", ["admin_user", "reviewer", "viewer"])
def test_staff_cannot_answer_for_a_council(
    request_: ChangeRequest, who: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(who)
    north = request_.consultations.get(partner__short_name="North")
    with pytest.raises(PermissionDenied):
        answer_consultation(north, membership(user, request_.organisation), "supports")


@pytest.mark.parametrize("response", [Response.SUPPORTS_WITH_COMMENTS, Response.OBJECTS])
def test_comments_and_objections_must_say_why(
    request_: ChangeRequest, partner_contact: User, response: str
) -> None:
    with pytest.raises(ValidationError) as error:
        answer(request_, partner_contact, response, "  ")
    assert error.value.message_dict["comment"][0].startswith("Say ")


def test_it_refuses_an_unknown_answer(request_: ChangeRequest, partner_contact: User) -> None:
    with pytest.raises(ValidationError) as error:
        answer(request_, partner_contact, "maybe")
    assert "response" in error.value.message_dict


def test_it_refuses_an_answer_after_the_closing_date(
    request_: ChangeRequest, partner_contact: User, today: dt.date
) -> None:
    ChangeRequest.objects.filter(pk=request_.pk).update(closes_on=today - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="The consultation closed on"):
        answer(request_, partner_contact, Response.SUPPORTS)
    assert not mail.outbox


def test_it_takes_answers_on_the_closing_date(
    request_: ChangeRequest, partner_contact: User, today: dt.date
) -> None:
    ChangeRequest.objects.filter(pk=request_.pk).update(closes_on=today)
    assert answer(request_, partner_contact, Response.SUPPORTS).is_answered


def test_an_answer_can_be_changed_before_the_decision(
    request_: ChangeRequest, partner_contact: User
) -> None:
    answer(request_, partner_contact, Response.OBJECTS, "Too soon.")
    changed = answer(request_, partner_contact, Response.SUPPORTS_WITH_COMMENTS, "Fine if phased.")
    assert (changed.response, changed.comment) == (
        Response.SUPPORTS_WITH_COMMENTS,
        "Fine if phased.",
    )
    assert [h.response for h in changed.history.order_by("history_id")] == [
        "",
        Response.OBJECTS,
        Response.SUPPORTS_WITH_COMMENTS,
    ]
    assert len(mail.outbox) == 2


def test_an_answer_cannot_be_changed_after_the_decision(
    request_: ChangeRequest,
    partner_contact: User,
    south_contact: User,
    reviewer: User,
    today: dt.date,
) -> None:
    answer(request_, partner_contact, Response.SUPPORTS)
    answer(request_, south_contact, Response.SUPPORTS)
    decide(request_, ChangeRequest.State.AGREED, reviewer, today)
    with pytest.raises(ValidationError, match="answers are no longer taken"):
        answer(request_, partner_contact, Response.OBJECTS, "Changed our mind.")
