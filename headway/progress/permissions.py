"""Who may do what in the update cycle, written once for pages, the API and the functions.

Each rule takes the membership someone works under and the thing they want to act on.
A membership of another organisation may never act.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet, prefetch_related_objects

from headway.accounts.models import Membership, Role
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Organisation

REVIEWER_ROLES = (Role.ADMINISTRATOR, Role.REVIEWER)
# Those who write and review returns read every return of their organisation, drafts and
# reviewers' comments included. Partner contacts and viewers read what was approved.
READERS_OF_EVERY_RETURN = (Role.ADMINISTRATOR, Role.REVIEWER, Role.SERVICE_LEAD)


def lead_service_ids(membership: Membership) -> set[int]:
    """The services whose returns this member writes as a service lead."""
    if membership.role != Role.SERVICE_LEAD:
        return set()
    # Prefetching once lets a page check many returns without a query each.
    prefetch_related_objects([membership], "services")
    return {service.pk for service in membership.services.all()}


def may_edit_return(membership: Membership, update: Update) -> bool:
    """A lead of the initiative's service, the initiative's owner, or an administrator."""
    initiative = update.initiative
    if membership.organisation_id != initiative.organisation_id:
        return False
    return (
        membership.role == Role.ADMINISTRATOR
        or (initiative.owner_id is not None and initiative.owner_id == membership.user_id)
        or initiative.service_id in lead_service_ids(membership)
    )


def may_review_return(membership: Membership, update: Update) -> bool:
    """Reviewers, and administrators, who may do everything in their organisation."""
    return (
        membership.organisation_id == update.initiative.organisation_id
        and membership.role in REVIEWER_ROLES
    )


def may_manage_periods(membership: Membership, organisation: Organisation) -> bool:
    """Opening, closing and reopening periods is the performance team's job."""
    return membership.organisation_id == organisation.pk and membership.role == Role.ADMINISTRATOR


def may_chase_returns(membership: Membership, organisation: Organisation) -> bool:
    """Reviewers and administrators watch the dashboard and remind late owners."""
    return membership.organisation_id == organisation.pk and membership.role in REVIEWER_ROLES


def returns_editable_by(membership: Membership, period: ReportingPeriod) -> QuerySet[Update]:
    """The period's returns this member may edit: their task list."""
    return editable_among(membership, Update.objects.filter(period=period))


def _editable(membership: Membership) -> Q:
    """``may_edit_return`` as a condition on returns of the member's organisation."""
    if membership.role == Role.ADMINISTRATOR:
        return Q()
    return Q(initiative__owner_id=membership.user_id) | Q(
        initiative__service_id__in=lead_service_ids(membership)
    )


def editable_among(membership: Membership, returns: QuerySet[Update]) -> QuerySet[Update]:
    """Those of ``returns`` this member may edit (``may_edit_return`` as a query)."""
    returns = returns.filter(initiative__organisation_id=membership.organisation_id)
    return returns.filter(_editable(membership))


def may_read_return(membership: Membership, update: Update) -> bool:
    """Approved returns are for every member; drafts, submitted and returned ones (with the
    reviewer's comment) for those who write and review them, and whoever may edit this one."""
    if membership.organisation_id != update.initiative.organisation_id:
        return False
    return (
        update.state == Update.State.APPROVED
        or membership.role in READERS_OF_EVERY_RETURN
        or may_edit_return(membership, update)
    )


def returns_visible_to(
    membership: Membership, returns: QuerySet[Update] | None = None
) -> QuerySet[Update]:
    """Those of ``returns`` (all by default) this member may read (``may_read_return`` as a
    query): the initiative page and the API both list returns through this."""
    if returns is None:
        returns = Update.objects.all()
    returns = returns.filter(initiative__organisation_id=membership.organisation_id)
    if membership.role in READERS_OF_EVERY_RETURN:
        return returns
    return returns.filter(Q(state=Update.State.APPROVED) | _editable(membership))


def check_may_edit_return(membership: Membership, update: Update) -> None:
    if not may_edit_return(membership, update):
        raise PermissionDenied(
            "Only a lead of the initiative's service, its owner or an administrator may "
            "edit this return."
        )


def check_may_review_return(membership: Membership, update: Update) -> None:
    if not may_review_return(membership, update):
        raise PermissionDenied("Only a reviewer or an administrator may review returns.")


def check_may_manage_periods(membership: Membership, organisation: Organisation) -> None:
    if not may_manage_periods(membership, organisation):
        raise PermissionDenied(
            "Only an administrator of the organisation may open, close or reopen a period."
        )


def check_may_chase_returns(membership: Membership, organisation: Organisation) -> None:
    if not may_chase_returns(membership, organisation):
        raise PermissionDenied("Only a reviewer or an administrator may remind owners of returns.")
