"""A return as its form shows it: the return, its organisation's status scale and the
initiative's milestones, in a fixed number of queries; and whether it can still be changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from headway import clock
from headway.accounts.models import Membership
from headway.progress.models import StatusValue, Update
from headway.progress.models.status import ensure_status_scale
from headway.progress.permissions import check_may_edit_return
from headway.strategy.models import Milestone


@dataclass(frozen=True)
class ReturnPage:
    update: Update
    statuses: list[StatusValue]
    milestones: list[Milestone]
    today: date

    @property
    def read_only_reason(self) -> str:
        """Why the return cannot be changed now; empty while it can."""
        update = self.update
        if update.period.is_closed:
            return (
                f"{update.period.label} is closed, so its returns can no longer be changed. "
                "If something in this return must change, ask your performance team: an "
                "administrator can reopen the period, giving a reason."
            )
        if update.state == Update.State.APPROVED:
            return (
                "This return has been approved, so it can no longer be changed. A reviewer "
                "can tell you how to correct it."
            )
        return ""

    @property
    def is_past_deadline(self) -> bool:
        deadline = self.update.period.deadline
        return bool(deadline and self.today > deadline)

    @property
    def complete_statuses(self) -> list[StatusValue]:
        return [status for status in self.statuses if status.means_complete]

    @property
    def mitigation_statuses(self) -> list[StatusValue]:
        return [status for status in self.statuses if status.needs_mitigation]


def return_page(membership: Membership, pk: int) -> ReturnPage | None:
    """The return if it is one of the member's organisation, else None.

    Raises ``PermissionDenied`` if the member may not edit it (another service's return).
    """
    update = (
        Update.objects.filter(pk=pk, period__organisation_id=membership.organisation_id)
        .select_related("period", "initiative__service", "status", "reviewed_by", "submitted_by")
        .first()
    )
    if update is None:
        return None
    check_may_edit_return(membership, update)
    # Every organisation rates on a scale: BRAG unless it has set up its own.
    statuses = list(ensure_status_scale(membership.organisation).values.all())
    milestones = list(Milestone.objects.filter(initiative_id=update.initiative_id))
    return ReturnPage(update, statuses, milestones, clock.today())
