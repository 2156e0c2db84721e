"""Reviewing a submitted return: approve it, or return it to its lead saying what to fix.

Approving refreshes the initiative's kept latest status (``refresh_latest_status``, which
bulk loaders call too) in the same transaction, through ``Update.save``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from headway import clock
from headway.accounts.models import Membership
from headway.progress.conflicts import edit_conflict
from headway.progress.errors import PeriodClosed
from headway.progress.links import return_url
from headway.progress.models import ReportingPeriod, Update, refresh_latest_status
from headway.progress.owners import owners_of
from headway.progress.permissions import check_may_review_return

__all__ = ["approve", "refresh_latest_status", "return_to_lead"]


def _lock_submitted(update: Update, by: Membership, expected_version: int | None) -> Update:
    period = ReportingPeriod.objects.select_for_update().get(pk=update.period_id)
    locked = (
        Update.objects.select_for_update(of=("self",))
        .select_related("initiative")
        .get(pk=update.pk)
    )
    locked.period = period
    check_may_review_return(by, locked)
    if period.is_closed:
        raise PeriodClosed(period.label)
    if expected_version is not None and locked.version != expected_version:
        raise edit_conflict(locked, expected_version)
    if locked.state != Update.State.SUBMITTED:
        raise ValidationError(
            f"Only a submitted return can be reviewed: this one is {locked.get_state_display()}."
        )
    return locked


def _reviewed(update: Update, by: Membership, state: str) -> None:
    update.state = state
    update.reviewed_at = clock.now()
    update.reviewed_by = by.user
    update._history_user = by.user  # type: ignore[attr-defined]
    update.save()


def approve(update: Update, by: Membership, expected_version: int | None = None) -> Update:
    """Approve a submitted return. Pass ``expected_version`` to approve only what was read."""
    with transaction.atomic():
        locked = _lock_submitted(update, by, expected_version)
        _reviewed(locked, by, Update.State.APPROVED)
    return locked


def return_to_lead(
    update: Update, by: Membership, comment: str, expected_version: int | None = None
) -> Update:
    """Send a submitted return back to its owners with a comment saying what to change.

    The comment is kept on the return, shown at the top of its form, and emailed to the
    owners once the change is committed.
    """
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "Say what needs to change."})
    with transaction.atomic():
        locked = _lock_submitted(update, by, expected_version)
        locked.review_comment = comment
        _reviewed(locked, by, Update.State.RETURNED)
        transaction.on_commit(lambda: _email_returned(locked))
    return locked


def _email_returned(update: Update) -> None:
    recipients = [user.email for user in owners_of(update.initiative) if user.email]
    if not recipients:
        return
    initiative = update.initiative
    reviewer = update.reviewed_by
    subject = f"Your {update.period.label} return for {initiative.title} needs changes"
    body = (
        f"{reviewer or 'A reviewer'} has returned your {update.period.label} return for "
        f"“{initiative.title}” with this comment:\n\n"
        f"{update.review_comment}\n\n"
        "Your text is still there: correct it and submit it again.\n\n"
        f"{return_url(update.pk)}\n"
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
