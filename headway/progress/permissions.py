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
    returns = Update.objects.filter(
        period=period, period__organisation_id=membership.organisation_id
    )
    if membership.role == Role.ADMINISTRATOR:
        return returns
    return returns.filter(
        Q(initiative__owner_id=membership.user_id)
        | Q(initiative__service_id__in=lead_service_ids(membership))
    )


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
