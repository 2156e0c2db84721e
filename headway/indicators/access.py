"""Who may do what with measures and figures, written once for pages, the API and the import.

Administrators manage measures and targets. A service lead enters the figures of their own
services' measures (an administrator may enter any); reviewers and administrators approve or
return them, and correct an approved figure with a reason. Every member reads approved
figures; those who write and review returns also read figures still in the cycle.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from headway.accounts.models import Membership, Role
from headway.indicators.models import Figure, Measure
from headway.indicators.models.measure import MeasureQuerySet
from headway.indicators.readings import APPROVED_ONLY, EVERY_STATE
from headway.progress.permissions import READERS_OF_EVERY_RETURN, REVIEWER_ROLES, lead_service_ids

MANAGERS = (Role.ADMINISTRATOR,)
ENTERERS = (Role.ADMINISTRATOR, Role.SERVICE_LEAD)


def may_manage_measures(membership: Membership) -> bool:
    return membership.role in MANAGERS


def may_enter_figures(membership: Membership, measure: Measure) -> bool:
    if membership.organisation_id != measure.organisation_id:
        return False
    return membership.role == Role.ADMINISTRATOR or (
        measure.service_id in lead_service_ids(membership)
    )


def may_review_figures(membership: Membership, measure: Measure) -> bool:
    return (
        membership.organisation_id == measure.organisation_id and membership.role in REVIEWER_ROLES
    )


def measures_enterable_by(membership: Membership) -> MeasureQuerySet:
    """The measures whose figures this member enters: their task list's."""
    measures = Measure.objects.of(membership.organisation_id)
    if membership.role == Role.ADMINISTRATOR:
        return measures
    if membership.role != Role.SERVICE_LEAD:
        return measures.none()
    return measures.filter(service_id__in=lead_service_ids(membership))


def states_readable_by(membership: Membership) -> Sequence[str]:
    """Which figures this member reads: every state, or approved ones only."""
    return EVERY_STATE if membership.role in READERS_OF_EVERY_RETURN else APPROVED_ONLY


def figures_visible_to(membership: Membership) -> QuerySet[Figure]:
    return Figure.objects.of(membership.organisation_id).filter(
        state__in=states_readable_by(membership)
    )


def check_may_manage_measures(membership: Membership) -> None:
    if not may_manage_measures(membership):
        raise PermissionDenied("Only an administrator may add or change measures and targets.")


def check_may_enter_figures(membership: Membership, measure: Measure) -> None:
    if not may_enter_figures(membership, measure):
        raise PermissionDenied(
            "Only a lead of the measure's service or an administrator may enter its figures."
        )


def check_may_review_figures(membership: Membership, measure: Measure) -> None:
    if not may_review_figures(membership, measure):
        raise PermissionDenied("Only a reviewer or an administrator may review figures.")
