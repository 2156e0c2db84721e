"""Who may propose, decide and answer changes to the maps.

Administrators and reviewers propose changes, open consultations and decide. Only a partner
contact of the council consulted may answer for it. Who may read which change requests and
consultations is decided here too. Pages, the API and the functions in this app all ask here.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from headway.accounts.access import STAFF_ROLES
from headway.accounts.models import Membership, Role, User
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Organisation


def membership_in(user: User, organisation: Organisation) -> Membership | None:
    return (
        Membership.objects.filter(user=user, organisation=organisation)
        .select_related("partner")
        .first()
    )


def may_manage_changes(membership: Membership | None) -> bool:
    """Propose, open for consultation, withdraw and decide change requests."""
    return membership is not None and membership.role in STAFF_ROLES


def may_answer(membership: Membership | None, consultation: Consultation) -> bool:
    return (
        membership is not None
        and membership.role == Role.PARTNER_CONTACT
        and membership.partner_id is not None
        and membership.partner_id == consultation.partner_id
        and membership.organisation_id == consultation.change_request.organisation_id
    )


def require_manager(user: User, organisation: Organisation, action: str) -> Membership:
    """The user's membership if they may ``action`` (``propose a change``); else refuse."""
    membership = membership_in(user, organisation)
    if membership is None or not may_manage_changes(membership):
        raise PermissionDenied(
            f"Only an administrator or reviewer of {organisation.display_name} may {action}."
        )
    return membership


def require_answerer(membership: Membership, consultation: Consultation) -> None:
    if not may_answer(membership, consultation):
        partner = consultation.partner
        raise PermissionDenied(f"Only a partner contact of {partner} may answer for {partner}.")


def change_requests_visible_to(membership: Membership) -> QuerySet[ChangeRequest]:
    """The organisation's change requests this member may read, for pages and the API alike.

    Administrators and reviewers, who write and decide them, read every one, drafts
    included. A partner contact reads those their council was consulted on, with every
    council's answer, as their consultation pages show them. Everyone reads the agreed ones:
    the map versions page shows each with its reasons and the councils' answers.
    """
    requests = ChangeRequest.objects.filter(organisation_id=membership.organisation_id)
    if may_manage_changes(membership):
        return requests
    # Nothing more for anyone but a partner contact (an empty list adds no condition).
    seen = Q(state=ChangeRequest.State.AGREED) | Q(pk__in=consulted_with(membership).values("pk"))
    return requests.filter(seen)


def consulted_with(membership: Membership) -> QuerySet[ChangeRequest]:
    """The organisation's change requests this member's council was consulted on: what a
    partner contact reads beyond the agreed ones (none for anyone else)."""
    requests = ChangeRequest.objects.filter(organisation_id=membership.organisation_id)
    partner_id = membership.partner_id
    if membership.role != Role.PARTNER_CONTACT or partner_id is None:
        return requests.none()
    consulted = Consultation.objects.filter(partner_id=partner_id)
    return requests.filter(pk__in=consulted.values("change_request_id"))


def consultations_visible_to(membership: Membership) -> QuerySet[Consultation]:
    """The consultations this member may read: every one of the change requests they may."""
    return Consultation.objects.filter(change_request__in=change_requests_visible_to(membership))
