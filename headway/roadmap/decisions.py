"""Deciding a change request: agreeing applies it and records a new version of the maps."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from headway import clock
from headway.accounts.models import User
from headway.committee.models import Meeting
from headway.roadmap import emails
from headway.roadmap.applying import apply_change
from headway.roadmap.consultation import unanswered
from headway.roadmap.models import ChangeRequest
from headway.roadmap.permissions import require_manager
from headway.roadmap.versions import ensure_baseline, lock_versions, record_version

State = ChangeRequest.State
NOTE_MISSING = "Say why the decision is taken without every partner's answer"


def decide(
    request: ChangeRequest,
    outcome: str,
    by: User,
    decided_on: date,
    meeting: Meeting | None = None,
    note: str = "",
    now: datetime | None = None,
) -> ChangeRequest:
    """Agree or reject a change under consultation, optionally at one of the organisation's
    committee meetings; everyone consulted is emailed.

    Agreeing applies the change and records a new ``MapVersion`` in one transaction. If
    another change to the same initiative was agreed since this one was proposed, nothing is
    applied, the request stays open, and a ``ValidationError`` says to propose it again.
    """
    organisation = request.organisation
    require_manager(by, organisation, "decide a change to the maps")
    moment = now or clock.now()
    note = (note or "").strip()
    if outcome not in (State.AGREED, State.REJECTED):
        raise ValidationError({"outcome": "Choose whether the change is agreed or rejected."})
    if meeting is not None and meeting.committee.organisation_id != organisation.pk:
        raise ValidationError({"meeting": "Choose one of your own committee's meetings."})
    with transaction.atomic():
        # One decision at a time per organisation: versions are numbered in order.
        lock_versions(organisation)
        locked = ChangeRequest.objects.select_for_update().get(pk=request.pk)
        if locked.state != State.CONSULTING:
            raise ValidationError(
                "Only a change under consultation can be decided: this one is "
                f"{locked.get_state_display().lower()}."
            )
        _check_date(locked, decided_on, timezone.localdate(moment))
        missing = unanswered(locked)
        if outcome == State.AGREED and missing and not note:
            waiting = ", ".join(str(c.partner) for c in missing)
            raise ValidationError(
                {"decision_note": f"{NOTE_MISSING} (not answered yet: {waiting})."}
            )
        locked.state = outcome
        locked.decided_by = by
        locked.decided_on = decided_on
        locked.meeting = meeting
        locked.decision_note = note
        if outcome == State.AGREED:
            ensure_baseline(organisation, now=moment)
            apply_change(locked)
        locked.save()
        if outcome == State.AGREED:
            record_version(locked, now=moment)
    request.refresh_from_db()
    emails.decision(request)
    return request


def _check_date(request: ChangeRequest, decided_on: date | None, today: date) -> None:
    if decided_on is None:
        raise ValidationError({"decided_on": "Enter the date the decision was taken."})
    if decided_on > today:
        raise ValidationError({"decided_on": "The decision date cannot be in the future."})
    if request.opened_on and decided_on < request.opened_on:
        raise ValidationError(
            {
                "decided_on": "The decision cannot come before the consultation opened "
                f"({request.opened_on:%-d %B %Y})."
            }
        )
