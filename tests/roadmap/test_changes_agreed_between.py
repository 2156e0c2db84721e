"""The changes agreed in a period, as the cover report and its slide list them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from headway.accounts.models import User
from headway.roadmap.agreed import changes_agreed_between
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.consultation import answer_consultation
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation
from tests.factories import MeetingFactory
from tests.roadmap.helpers import membership

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def test_it_lists_agreed_changes_with_their_reasons_and_the_partners_answers(
    org: Organisation,
    admin_user: User,
    reviewer: User,
    partner_contact: User,
    south_contact: User,
    initiative: Initiative,
) -> None:
    opened = dt.date(2021, 10, 4)
    request = propose(
        org,
        ChangeRequest.Kind.RESCHEDULE,
        admin_user,
        "The supplier is late.",
        {"end_quarter": "2022-23 Q1"},
        initiative=initiative,
        now=at(opened),
    )
    open_consultation(request, dt.date(2021, 10, 29), admin_user, now=at(opened))
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
        dt.date(2021, 11, 3),
        MeetingFactory.create(committee__organisation=org, date=dt.date(2021, 11, 3)),
        now=at(dt.date(2021, 11, 3)),
    )

    [change] = changes_agreed_between(org, dt.date(2021, 10, 1), dt.date(2021, 12, 31))

    assert change.kind == "reschedule"
    assert change.kind_label == "Reschedule"
    assert change.target == "Replace the payroll system"
    assert change.rationale == "The supplier is late."
    assert change.outcome == "North supports; South supports with comments"
    assert change.decided_on == "2021-11-03"
    assert change.meeting == "Joint Committee, 3 November 2021"
    assert change.description == (
        "Reschedule “Replace the payroll system”: planned end from 31 March 2022 to 30 June 2022."
    )
    assert changes_agreed_between(org, dt.date(2022, 1, 1), dt.date(2022, 3, 31)) == []


def test_it_leaves_out_rejected_and_open_requests_and_other_organisations(
    org: Organisation, other_org: Organisation, admin_user: User, initiative: Initiative
) -> None:
    today = timezone.localdate()
    rejected = propose(
        org, ChangeRequest.Kind.DEPRIORITISE, admin_user, "Savings.", initiative=initiative
    )
    open_consultation(rejected, today + dt.timedelta(days=3), admin_user)
    decide(rejected, ChangeRequest.State.REJECTED, admin_user, today)
    propose(org, ChangeRequest.Kind.DEPRIORITISE, admin_user, "Savings.", initiative=initiative)
    assert changes_agreed_between(org, today, today) == []
    assert changes_agreed_between(other_org, today, today) == []
