"""Making an agreed change to the live maps. Runs inside the decision's transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max

from headway.roadmap.changes import stale_reason
from headway.roadmap.models import ChangeRequest
from headway.roadmap.proposals import clean_proposal
from headway.strategy.models import Initiative, Priority, Strategy

Kind = ChangeRequest.Kind


def _still_valid(request: ChangeRequest, initiative: Initiative | None = None) -> dict[str, Any]:
    try:
        clean = clean_proposal(request.organisation, request.kind, request.proposed, initiative)
    except ValidationError as error:
        reasons = " ".join(m for messages in error.message_dict.values() for m in messages)
        raise ValidationError(
            f"The maps have changed since this was proposed, so it cannot be applied: {reasons} "
            "Propose it again against the current map.",
            code="stale",
        ) from None
    return clean.proposed


def _add_priority(request: ChangeRequest) -> None:
    strategy = Strategy.objects.select_for_update().get(
        pk=request.proposed["strategy"], organisation=request.organisation
    )
    proposed = _still_valid(request)
    last = strategy.priorities.aggregate(last=Max("number"))["last"] or 0
    priority = Priority(
        strategy=strategy,
        number=last + 1,
        title=proposed["title"],
        description=proposed["description"],
        active_from=proposed["active_from"],
    )
    priority.full_clean()
    priority.save()
    request.priority = priority


def _add_initiative(request: ChangeRequest) -> None:
    proposed = _still_valid(request)
    position = proposed["map_position"]
    if position is None:
        # After everything already under its priorities.
        last = Initiative.objects.filter(
            organisation=request.organisation, priorities__in=proposed["priorities"]
        ).aggregate(last=Max("map_position"))["last"]
        position = 0 if last is None else last + 1
    initiative = Initiative.objects.create(
        organisation=request.organisation,
        service_id=proposed["service"],
        kind=proposed["kind"],
        title=proposed["title"],
        description=proposed["description"],
        planned_start=date.fromisoformat(proposed["planned_start"])
        if proposed["planned_start"]
        else None,
        planned_end=date.fromisoformat(proposed["planned_end"])
        if proposed["planned_end"]
        else None,
        horizon=proposed["horizon"],
        map_position=position,
        is_key_project=proposed["is_key_project"],
        external_reference=proposed["external_reference"],
        status=Initiative.Status.PLANNED,
    )
    initiative.priorities.set(proposed["priorities"])
    initiative.partners.set(proposed["partners"])
    request.initiative = initiative


def _change_initiative(request: ChangeRequest) -> None:
    assert request.initiative_id is not None
    initiative = (
        Initiative.objects.select_for_update()
        .select_related("organisation", "service")
        .get(pk=request.initiative_id)
    )
    stale = stale_reason(request, initiative)
    if stale:
        raise ValidationError(stale, code="stale")
    _still_valid(request, initiative)
    # Only what the request changes: a correction made since to another field stands.
    for field, value in request.proposed.items():
        if request.current.get(field) == value:
            continue
        if field == "priorities":
            initiative.priorities.set(value)
        elif field in ("planned_start", "planned_end"):
            setattr(initiative, field, date.fromisoformat(value) if value else None)
        else:
            setattr(initiative, field, value)
    initiative.map_version += 1
    initiative.save()
    request.initiative = initiative


def apply_change(request: ChangeRequest) -> None:
    """Apply an agreed request to the live data, or refuse (``ValidationError`` with code
    ``stale``) if the maps have moved on since it was proposed."""
    if request.kind == Kind.ADD_PRIORITY:
        _add_priority(request)
    elif request.kind == Kind.ADD_INITIATIVE:
        _add_initiative(request)
    else:
        _change_initiative(request)
