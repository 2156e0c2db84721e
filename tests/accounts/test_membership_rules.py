"""A membership gives a person one role in one organisation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from headway.accounts.models import Membership, Role, User
from headway.strategy.models import Organisation, Partner
from tests.factories import MembershipFactory, PartnerFactory


def test_a_partner_contact_must_answer_for_a_council(org: Organisation, viewer: User) -> None:
    membership = Membership(user=viewer, organisation=org, role=Role.PARTNER_CONTACT)
    with pytest.raises(ValidationError, match="Choose the council"):
        membership.full_clean(validate_constraints=False)


def test_only_a_partner_contact_answers_for_a_council(
    org: Organisation, partner: Partner, viewer: User
) -> None:
    membership = Membership(user=viewer, organisation=org, role=Role.VIEWER, partner=partner)
    with pytest.raises(ValidationError, match="Only a partner contact"):
        membership.full_clean(validate_constraints=False)


def test_the_council_must_be_the_organisations_partner(
    org: Organisation, other_org: Organisation, viewer: User
) -> None:
    theirs = PartnerFactory.create(organisation=other_org)
    membership = Membership(
        user=viewer, organisation=org, role=Role.PARTNER_CONTACT, partner=theirs
    )
    with pytest.raises(ValidationError, match="organisation's own partners"):
        membership.full_clean(validate_constraints=False)


def test_a_person_has_one_role_in_an_organisation(org: Organisation, viewer: User) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory.create(user=viewer, organisation=org, role=Role.ADMINISTRATOR)
