"""Proposing a change to the maps and opening it for consultation with the partner councils.

Every function takes who is acting and refuses those who may not (see ``permissions``);
``now`` lets the demo load a history of past changes and defaults to the present.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from headway import clock
from headway.accounts.models import User
from headway.roadmap import emails
from headway.roadmap.models import ChangeRequest, Consultation
from headway.roadmap.models.change import RATIONALE_MISSING
from headway.roadmap.permissions import require_manager
from headway.roadmap.proposals import clean_proposal
from headway.strategy.models import Initiative, Organisation, Partner

State = ChangeRequest.State


def _checked(
    organisation: Organisation,
    kind: str,
    rationale: str,
    proposed: dict[str, Any] | None,
    initiative: Initiative | None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    if not (rationale or "").strip():
        errors["rationale"] = [RATIONALE_MISSING]
    try:
        clean = clean_proposal(organisation, kind, proposed, initiative)
    except ValidationError as error:
        errors.update(error.message_dict)
        raise ValidationError(errors) from None
    if errors:
        raise ValidationError(errors)
    return clean.proposed, clean.current


def _fresh(initiative: Initiative | None, kind: str) -> Initiative | None:
    if initiative is None or kind not in ChangeRequest.INITIATIVE_KINDS:
        return None
    return Initiative.objects.select_related("organisation", "service").get(pk=initiative.pk)


def propose(
    organisation: Organisation,
    kind: str,
    by: User,
    rationale: str,
    proposed: dict[str, Any] | None = None,
    initiative: Initiative | None = None,
    now: datetime | None = None,
) -> ChangeRequest:
    """Record a draft change request. It changes nothing until agreed after consultation."""
    require_manager(by, organisation, "propose a change to the maps")
    initiative = _fresh(initiative, kind)
    new, current = _checked(organisation, kind, rationale, proposed, initiative)
    return ChangeRequest.objects.create(
        organisation=organisation,
        kind=kind,
        initiative=initiative,
        proposed=new,
        current=current,
        base_map_version=initiative.map_version if initiative else None,
        rationale=rationale.strip(),
        proposed_by=by,
        proposed_at=now or clock.now(),
    )


def revise(
    request: ChangeRequest, by: User, rationale: str, proposed: dict[str, Any] | None
) -> ChangeRequest:
    """Change a draft before it goes out for consultation."""
    require_manager(by, request.organisation, "change a proposal")
    if request.state != State.DRAFT:
        raise ValidationError(
            f"Only a draft can be changed: this request is {request.get_state_display().lower()}."
        )
    initiative = _fresh(request.initiative, request.kind)
    request.proposed, request.current = _checked(
        request.organisation, request.kind, rationale, proposed, initiative
    )
    request.rationale = rationale.strip()
    request.base_map_version = initiative.map_version if initiative else None
    request.save()
    return request


def stale_reason(request: ChangeRequest, initiative: Initiative | None) -> str | None:
    """Why the request no longer fits the map, if a change to its initiative was agreed since."""
    if initiative is None or request.base_map_version in (None, initiative.map_version):
        return None
    since = (
        ChangeRequest.objects.filter(initiative=initiative, state=State.AGREED)
        .exclude(pk=request.pk)
        .order_by("-decided_on", "-pk")
        .first()
    )
    when = f" on {since.decided_on:%-d %B %Y}" if since and since.decided_on else ""
    return (
        f"Another change to this initiative was agreed{when} since this request was "
        "proposed: propose it again against the current map."
    )


def partners_to_consult(request: ChangeRequest) -> list[Partner]:
    """The councils the change affects: an initiative's own, else every partner."""
    every = list(Partner.objects.filter(organisation=request.organisation_id).order_by("name"))
    if request.kind in ChangeRequest.INITIATIVE_KINDS and request.initiative is not None:
        own = list(request.initiative.partners.order_by("name"))
    elif request.kind == ChangeRequest.Kind.ADD_INITIATIVE:
        wanted = set(request.proposed.get("partners") or [])
        own = [p for p in every if p.pk in wanted]
    else:
        own = []
    return own or every


def open_consultation(
    request: ChangeRequest, closes_on: date, by: User, now: datetime | None = None
) -> list[Consultation]:
    """Ask each partner council the change affects, and email their contacts."""
    require_manager(by, request.organisation, "open a consultation")
    moment = now or clock.now()
    today = timezone.localdate(moment)
    if closes_on is None or closes_on <= today:
        raise ValidationError(
            {"closes_on": f"Choose a closing date after today ({today:%-d %B %Y})."}
        )
    with transaction.atomic():
        locked = ChangeRequest.objects.select_for_update().get(pk=request.pk)
        if locked.state != State.DRAFT:
            raise ValidationError(
                "Only a draft can be opened for consultation: this request is "
                f"{locked.get_state_display().lower()}."
            )
        # The map may have moved on since the draft was written.
        initiative = _fresh(locked.initiative, locked.kind)
        stale = stale_reason(locked, initiative)
        if stale:
            raise ValidationError(stale, code="stale")
        _checked(locked.organisation, locked.kind, locked.rationale, locked.proposed, initiative)
        partners = partners_to_consult(locked)
        if not partners:
            raise ValidationError(
                f"{locked.organisation.display_name} has no partner councils to consult: "
                "add them first."
            )
        locked.state = State.CONSULTING
        locked.opened_on = today
        locked.closes_on = closes_on
        locked.save()
        consultations = [
            Consultation.objects.create(change_request=locked, partner=p, created_at=moment)
            for p in partners
        ]
    request.refresh_from_db()
    for consultation in consultations:
        emails.consultation_opened(consultation)
    return consultations


def withdraw(request: ChangeRequest, by: User) -> ChangeRequest:
    """Take back a draft or a consultation; partners already asked are told."""
    require_manager(by, request.organisation, "withdraw a change request")
    with transaction.atomic():
        locked = ChangeRequest.objects.select_for_update().get(pk=request.pk)
        if not locked.is_open:
            raise ValidationError(
                f"This request is {locked.get_state_display().lower()}: it can no longer be "
                "withdrawn."
            )
        was_consulting = locked.state == State.CONSULTING
        locked.state = State.WITHDRAWN
        locked.save()
    request.refresh_from_db()
    if was_consulting:
        emails.withdrawn(request)
    return request
