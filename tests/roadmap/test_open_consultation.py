"""Opening a consultation asks each partner council the change affects, by email."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import User
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation, Partner, Priority
from tests.roadmap.helpers import proposed_change

pytestmark = pytest.mark.django_db


def test_it_consults_the_partners_the_initiative_serves(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    partner: Partner,
    other_partner: Partner,
    partner_contact: User,
    closes_on: dt.date,
) -> None:
    initiative.partners.set([partner])
    request = proposed_change(org, admin_user, initiative=initiative)
    [consultation] = open_consultation(request, closes_on, admin_user)
    request.refresh_from_db()
    assert consultation.partner == partner
    assert request.state == ChangeRequest.State.CONSULTING
    assert request.closes_on == closes_on
    [message] = mail.outbox
    assert message.to == [partner_contact.email]
    assert "Reschedule “Replace the payroll system”" in message.body
    assert "Why: The supplier cannot start until the summer." in message.body
    assert f"Please answer by {closes_on:%-d %B %Y}" in message.body
    assert "serves North" in message.body


def test_it_consults_every_partner_on_a_change_serving_none_in_particular(
    org: Organisation,
    admin_user: User,
    initiative: Initiative,
    partner: Partner,
    other_partner: Partner,
    closes_on: dt.date,
) -> None:
    initiative.partners.clear()
    request = proposed_change(org, admin_user, initiative=initiative)
    consultations = open_consultation(request, closes_on, admin_user)
    assert {c.partner for c in consultations} == {partner, other_partner}


def test_it_consults_every_partner_on_a_new_priority(
    org: Organisation,
    admin_user: User,
    priorities: list[Priority],
    partner: Partner,
    other_partner: Partner,
    partner_contact: User,
    south_contact: User,
    closes_on: dt.date,
) -> None:
    request = propose(
        org, ChangeRequest.Kind.ADD_PRIORITY, admin_user, "Net zero by 2030.", {"title": "Net zero"}
    )
    open_consultation(request, closes_on, admin_user)
    assert Consultation.objects.filter(change_request=request).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [partner_contact.email, south_contact.email]
    )
    assert "A new priority shapes the whole programme" in mail.outbox[0].body


def test_it_refuses_a_closing_date_that_is_not_in_the_future(
    org: Organisation, admin_user: User, initiative: Initiative, partner: Partner, today: dt.date
) -> None:
    request = proposed_change(org, admin_user, initiative=initiative)
    with pytest.raises(ValidationError) as error:
        open_consultation(request, today, admin_user)
    assert "Choose a closing date after today" in error.value.message_dict["closes_on"][0]
    request.refresh_from_db()
    assert request.state == ChangeRequest.State.DRAFT


def test_it_opens_a_request_only_once(
    org: Organisation, admin_user: User, initiative: Initiative, closes_on: dt.date
) -> None:
    request = proposed_change(org, admin_user, initiative=initiative)
    open_consultation(request, closes_on, admin_user)
    with pytest.raises(ValidationError, match="Only a draft can be opened"):
        open_consultation(request, closes_on, admin_user)
    assert request.consultations.count() == 2


def test_a_viewer_cannot_open_a_consultation(
    org: Organisation, admin_user: User, viewer: User, initiative: Initiative, closes_on: dt.date
) -> None:
    request = proposed_change(org, admin_user, initiative=initiative)
    with pytest.raises(PermissionDenied):
        open_consultation(request, closes_on, viewer)
    assert not mail.outbox


def test_it_needs_partners_to_consult(
    org: Organisation, admin_user: User, priorities: list[Priority], closes_on: dt.date
) -> None:
    request = propose(
        org, ChangeRequest.Kind.ADD_PRIORITY, admin_user, "Net zero by 2030.", {"title": "Net zero"}
    )
    with pytest.raises(ValidationError, match="no partner councils to consult"):
        open_consultation(request, closes_on, admin_user)
