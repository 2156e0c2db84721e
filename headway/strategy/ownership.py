"""Who writes an initiative's quarterly return: an administrator names its owner, or leaves it
to the service's leads (``headway.progress.owners`` reads the choice)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from headway.accounts.models import Membership, Role, User
from headway.strategy.models import Initiative

# Those who may write a return besides the service's leads (``progress.permissions``).
OWNER_ROLES = (Role.SERVICE_LEAD, Role.ADMINISTRATOR)


def possible_owners(initiative: Initiative) -> list[Membership]:
    """The organisation's active service leads and administrators, by name."""
    return list(
        Membership.objects.filter(
            organisation_id=initiative.organisation_id, role__in=OWNER_ROLES, user__is_active=True
        )
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )


@transaction.atomic
def set_owner(initiative: Initiative, owner: User | None, by: Membership) -> Initiative:
    """Name the initiative's owner, or none for the service's leads; kept in its history."""
    if by.role != Role.ADMINISTRATOR or by.organisation_id != initiative.organisation_id:
        raise PermissionDenied("Only an administrator of the organisation may choose the owner.")
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if owner is not None and owner.pk not in {m.user_id for m in possible_owners(locked)}:
        raise ValidationError(
            {
                "owner": "Choose an active service lead or administrator of your organisation, "
                "or the service's leads"
            }
        )
    locked.owner = owner
    locked._history_user = by.user  # type: ignore[attr-defined]
    locked.save(update_fields=["owner"])
    initiative.owner = owner
    return locked
