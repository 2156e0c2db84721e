"""What each kind of change may propose: the one place a proposal is checked and tidied.

``clean_proposal`` takes the values a person proposed (from a form, the API or code), refuses
what cannot be applied with a message per field saying what to fix, and returns the proposal
in a fixed shape (ids and ISO dates) together with the current values it replaces. Where the
portfolio's models already hold a rule (an end on or after the start, a service of the
organisation's own) the model's own ``clean`` is asked, so no rule is written twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from headway import clock
from headway.lib.fy import FinancialYear, Quarter
from headway.roadmap.models import ChangeRequest
from headway.roadmap.state import strategy_for_year
from headway.strategy.models import Initiative, Organisation, Partner, Priority, Service, Strategy

Kind = ChangeRequest.Kind
Errors = dict[str, str]
NOTHING_CHANGES = "As proposed nothing would change: change at least one value."


@dataclass(frozen=True)
class CleanProposal:
    proposed: dict[str, Any]
    current: dict[str, Any]


def _day(value: Any, field: str, errors: Errors) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors[field] = "Enter a real date, such as 2021-09-30."
        return None


def _year(value: Any, field: str, errors: Errors) -> int | None:
    """A financial year given as the year it starts (2022) or its label ("2022-23")."""
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if str(value).strip().isdigit():
        return int(str(value).strip())
    try:
        return FinancialYear.parse(str(value)).start
    except ValueError:
        errors[field] = "Enter the financial year it starts in, such as 2022-23."
        return None


def _quarter_day(value: Any, field: str, errors: Errors, *, last: bool) -> date | None:
    try:
        quarter = Quarter.parse(str(value))
    except ValueError as error:
        errors[field] = str(error)
        return None
    return quarter.last_day if last else quarter.first_day


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _ids(value: Any, field: str, errors: Errors) -> list[int]:
    if value in (None, ""):
        return []
    items = value if isinstance(value, list | tuple) else [value]
    try:
        return [int(getattr(item, "pk", None) or item) for item in items]
    except (TypeError, ValueError):
        errors[field] = "Choose from the list."
        return []


def _priorities(
    organisation: Organisation, value: Any, errors: Errors, strategy_id: int | None = None
) -> list[Priority]:
    ids = _ids(value, "priorities", errors)
    if "priorities" in errors:
        return []
    if not ids:
        errors["priorities"] = "Choose at least one priority."
        return []
    found = list(
        Priority.objects.filter(strategy__organisation=organisation, pk__in=ids).order_by("number")
    )
    strategies = {p.strategy_id for p in found}
    if len(found) != len(set(ids)):
        errors["priorities"] = "Choose priorities of the organisation's own strategy."
    elif len(strategies) > 1 or (strategy_id is not None and strategies != {strategy_id}):
        errors["priorities"] = "Choose priorities of the same strategy as its current ones."
    return found


def _model_errors(error: ValidationError, errors: Errors) -> None:
    for field, messages in error.message_dict.items():
        errors.setdefault(field, messages[0])


def _check_model(instance: Initiative | Priority, errors: Errors, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        _model_errors(error, errors)


def _add_priority(organisation: Organisation, proposed: dict[str, Any]) -> CleanProposal:
    errors: Errors = {}
    title = str(proposed.get("title") or "").strip()
    if not title:
        errors["title"] = "Enter the new priority's title."
    if proposed.get("strategy"):
        strategy_ids = _ids(proposed["strategy"], "strategy", errors)
        strategy = Strategy.objects.filter(organisation=organisation, pk__in=strategy_ids).first()
        if strategy is None:
            errors.setdefault("strategy", "Choose one of the organisation's own strategies.")
    else:
        strategy = strategy_for_year(organisation, FinancialYear.of(clock.today()).start)
        if strategy is None:
            errors["strategy"] = "Add a strategy before proposing a priority for it."
    active_from = _year(proposed.get("active_from"), "active_from", errors)
    if strategy is not None:
        if title and strategy.priorities.filter(title__iexact=title).exists():
            errors["title"] = f"The strategy already has a priority called “{title}”."
        priority = Priority(
            strategy=strategy,
            number=1,
            title=title,
            description=str(proposed.get("description") or ""),
            active_from=active_from,
        )
        _check_model(priority, errors, exclude=["number"])
    if errors:
        raise ValidationError(errors)
    assert strategy is not None
    return CleanProposal(
        proposed={
            "strategy": strategy.pk,
            "title": title,
            "description": str(proposed.get("description") or "").strip(),
            "active_from": active_from,
        },
        current={},
    )


def _add_initiative(organisation: Organisation, proposed: dict[str, Any]) -> CleanProposal:
    errors: Errors = {}
    if not str(proposed.get("title") or "").strip():
        errors["title"] = "Enter the new initiative's title."
    if proposed.get("kind") not in Initiative.Kind.values:
        errors["kind"] = (
            "Choose whether it is a project, an activity, a service plan action "
            "or business as usual."
        )
    service_ids = _ids(proposed.get("service"), "service", errors)
    service = Service.objects.filter(organisation=organisation, pk__in=service_ids[:1]).first()
    if service is None:
        errors["service"] = "Choose the service that will deliver it."
    priorities = _priorities(organisation, proposed.get("priorities"), errors)
    partner_ids = _ids(proposed.get("partners"), "partners", errors)
    partners = list(Partner.objects.filter(organisation=organisation, pk__in=partner_ids))
    if len(partners) != len(set(partner_ids)):
        errors["partners"] = "Choose partner councils of the organisation."
    position = proposed.get("map_position")
    initiative = Initiative(
        organisation=organisation,
        service=service,
        title=str(proposed.get("title") or "").strip(),
        kind=str(proposed.get("kind") or ""),
        description=str(proposed.get("description") or "").strip(),
        planned_start=_day(proposed.get("planned_start"), "planned_start", errors),
        planned_end=_day(proposed.get("planned_end"), "planned_end", errors),
        horizon=str(proposed.get("horizon") or Initiative.Horizon.NOW),
        map_position=0 if position in (None, "") else position,
        is_key_project=bool(proposed.get("is_key_project")),
        external_reference=str(proposed.get("external_reference") or "").strip(),
        status=Initiative.Status.PLANNED,
    )
    exclude = ["owner", *errors]
    if service is None:
        exclude.append("service")
    _check_model(initiative, errors, exclude=exclude)
    if errors:
        raise ValidationError(errors)
    return CleanProposal(
        proposed={
            "title": initiative.title,
            "kind": initiative.kind,
            "description": initiative.description,
            "service": initiative.service_id,
            "priorities": [p.pk for p in priorities],
            "partners": sorted(p.pk for p in partners),
            "planned_start": _iso(initiative.planned_start),
            "planned_end": _iso(initiative.planned_end),
            "horizon": initiative.horizon,
            "map_position": None if position in (None, "") else initiative.map_position,
            "is_key_project": initiative.is_key_project,
            "external_reference": initiative.external_reference,
        },
        current={},
    )


def _placement(initiative: Initiative) -> dict[str, Any]:
    return {
        "priorities": [p.pk for p in initiative.priorities.order_by("number")],
        "horizon": initiative.horizon,
        "map_position": initiative.map_position,
    }


def _reprioritise(initiative: Initiative, proposed: dict[str, Any]) -> CleanProposal:
    errors: Errors = {}
    current = _placement(initiative)
    strategies = set(initiative.priorities.values_list("strategy_id", flat=True))
    priorities = _priorities(
        initiative.organisation,
        proposed.get("priorities", current["priorities"]),
        errors,
        strategy_id=next(iter(strategies)) if len(strategies) == 1 else None,
    )
    moved = Initiative(
        pk=initiative.pk,
        organisation=initiative.organisation,
        service=initiative.service,
        title=initiative.title,
        kind=initiative.kind,
        horizon=proposed.get("horizon", current["horizon"]),
        map_position=proposed.get("map_position", current["map_position"]),
    )
    others = [f.name for f in Initiative._meta.fields if f.name not in ("horizon", "map_position")]
    _check_model(moved, errors, exclude=others)
    new = {
        "priorities": [p.pk for p in priorities],
        "horizon": moved.horizon,
        "map_position": moved.map_position,
    }
    if not errors and new == current:
        errors[NON_FIELD_ERRORS] = NOTHING_CHANGES
    if errors:
        raise ValidationError(errors)
    return CleanProposal(proposed=new, current=current)


def _reschedule(initiative: Initiative, proposed: dict[str, Any]) -> CleanProposal:
    errors: Errors = {}
    current = {
        "planned_start": _iso(initiative.planned_start),
        "planned_end": _iso(initiative.planned_end),
    }
    dates: dict[str, date | None] = {}
    for field, quarter_field, last in (
        ("planned_start", "start_quarter", False),
        ("planned_end", "end_quarter", True),
    ):
        if field in proposed:
            dates[field] = _day(proposed[field], field, errors)
        elif proposed.get(quarter_field):
            dates[field] = _quarter_day(proposed[quarter_field], quarter_field, errors, last=last)
        else:
            dates[field] = getattr(initiative, field)
    moved = Initiative(
        pk=initiative.pk,
        organisation=initiative.organisation,
        service=initiative.service,
        planned_start=dates["planned_start"],
        planned_end=dates["planned_end"],
    )
    if not errors:
        try:
            moved.clean()
        except ValidationError as error:
            _model_errors(error, errors)
    new = {field: _iso(value) for field, value in dates.items()}
    if not errors and new == current:
        errors[NON_FIELD_ERRORS] = NOTHING_CHANGES
    if errors:
        raise ValidationError(errors)
    return CleanProposal(proposed=new, current=current)


def _take_off_map(initiative: Initiative, proposed: dict[str, Any], kind: str) -> CleanProposal:
    if kind == Kind.DEPRIORITISE:
        status = str(Initiative.Status.DEPRIORITISED)
    else:
        status = str(proposed.get("status") or "")
        if status not in (Initiative.Status.COMPLETED, Initiative.Status.CANCELLED):
            raise ValidationError({"status": "Say whether it was completed or cancelled."})
    return CleanProposal(proposed={"status": str(status)}, current={"status": initiative.status})


def clean_proposal(
    organisation: Organisation,
    kind: str,
    proposed: dict[str, Any] | None,
    initiative: Initiative | None = None,
) -> CleanProposal:
    """Check a proposed change against the live data; raise ``ValidationError`` per field."""
    proposed = dict(proposed or {})
    if kind == Kind.ADD_PRIORITY:
        return _add_priority(organisation, proposed)
    if kind == Kind.ADD_INITIATIVE:
        return _add_initiative(organisation, proposed)
    if kind not in ChangeRequest.INITIATIVE_KINDS:
        raise ValidationError({"kind": "Choose what kind of change this is."})
    if initiative is None or initiative.organisation_id != organisation.pk:
        raise ValidationError({"initiative": "Choose one of the organisation's initiatives."})
    if not initiative.is_on_map:
        raise ValidationError(
            {
                "initiative": f"“{initiative.title}” is {initiative.get_status_display().lower()}"
                ": it is no longer on the maps, so there is nothing to change."
            }
        )
    if kind == Kind.REPRIORITISE:
        return _reprioritise(initiative, proposed)
    if kind == Kind.RESCHEDULE:
        return _reschedule(initiative, proposed)
    return _take_off_map(initiative, proposed, kind)
