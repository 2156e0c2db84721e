"""Plan a portfolio import: what each row of the file would add or change, and its problems.

The rule for existing initiatives: the fields the maps are drawn from (priorities, planned
dates, status, and a milestone's agreed due date) change only through an agreed change
request (see ``headway.roadmap``). A file that would change them is refused row by row,
unless an administrator imports it as a correction, which is recorded in each initiative's
history with the file's name.

Loading a portfolio is how an organisation starts: until its maps have a recorded version,
new initiatives are created with every field, and titles change freely. Once they have one,
the maps change only through change requests: a new initiative that would go on them is
proposed (a draft "add an initiative" change request, checked and written by
``headway.roadmap``'s own functions) instead of created, and renaming one of the maps'
initiatives is refused like any other map field, unless imported as a correction. New
initiatives with no current priority are not on the maps and are created as before.
Nothing is ever deleted by an import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from headway.dataio.cells import key
from headway.dataio.columns import INITIATIVE_COLUMNS, MILESTONE_COLUMNS, match_columns
from headway.dataio.initiative_rows import column, model_problems, read_initiative
from headway.dataio.lookups import PortfolioLookups, load_lookups
from headway.dataio.milestone_rows import MilestonePlan, plan_milestones
from headway.dataio.preview import Action, Change, Preview, RowOutcome, show
from headway.dataio.problems import FileRefused, Problem
from headway.dataio.reading import Book
from headway.roadmap.models import ChangeRequest
from headway.roadmap.proposals import clean_proposal
from headway.roadmap.versions import current_version
from headway.strategy.models import Initiative, Organisation

KIND = "portfolio"
MAP_FIELDS = ("priorities", "planned_start", "planned_end", "status")
FIELD_ORDER = [c.field for c in INITIATIVE_COLUMNS]
SCALAR_FIELDS = (
    "title",
    "kind",
    "service",
    "planned_start",
    "planned_end",
    "status",
    "is_key_project",
    "description",
)


@dataclass
class NewInitiative:
    instance: Initiative
    priorities: frozenset[int]
    partners: frozenset[int]


@dataclass
class ProposedInitiative:
    """A new initiative the maps would show: proposed by a change request, not created."""

    row: int
    reference: str
    proposed: dict[str, Any]


@dataclass
class RequestedChange:
    """A change to an existing initiative's map fields, asked for by a change request."""

    row: int
    instance: Initiative
    kind: str
    proposed: dict[str, Any]


@dataclass
class ChangedInitiative:
    instance: Initiative
    fields: list[str]
    headers: list[str]
    priorities: frozenset[int] | None = None
    partners: frozenset[int] | None = None
    # A correction changed what the maps draw: proposals made before it are then stale.
    changes_map: bool = False


@dataclass
class PortfolioPlan:
    preview: Preview
    lookups: PortfolioLookups
    # Whether the maps have a recorded version, after which only change requests change them.
    maps_kept: bool = False
    # Open "add an initiative" change requests by reference, so a file is not proposed twice.
    open_proposals: dict[str, ChangeRequest] = field(default_factory=dict)
    creates: list[NewInitiative] = field(default_factory=list)
    proposals: list[ProposedInitiative] = field(default_factory=list)
    requests: list[RequestedChange] = field(default_factory=list)
    changes: list[ChangedInitiative] = field(default_factory=list)
    milestones: MilestonePlan = field(default_factory=MilestonePlan)


def plan_portfolio(
    organisation: Organisation, book: Book, *, correction: bool = False
) -> PortfolioPlan:
    """Check every row of the file against the organisation's data; write nothing.

    Raises ``FileRefused`` if the file's columns are wrong; row problems go in the preview.
    """
    where = "The file" if book.format == "csv" else f"The sheet “{book.main.name}”"
    positions = match_columns(book.main, INITIATIVE_COLUMNS, where)
    milestone_sheet = book.sheet("Milestones")
    milestone_positions = None
    if milestone_sheet is not None:
        milestone_positions = match_columns(
            milestone_sheet, MILESTONE_COLUMNS, "The Milestones sheet", second_sheet=True
        )

    lookups = load_lookups(organisation)
    plan = PortfolioPlan(
        Preview(KIND, book.filename),
        lookups,
        maps_kept=current_version(organisation) is not None,
        open_proposals=_open_proposals(organisation),
    )
    planned: dict[str, Initiative] = {}
    failed: set[str] = set()
    seen: dict[str, int] = {}
    for number, values in book.main.rows:
        given, problems = read_initiative(number, values, positions, lookups)
        reference = given.get("reference")
        if reference is not None:
            ref_key = key(reference)
            if ref_key in seen:
                problems.append(
                    Problem(
                        f"{reference} is also on row {seen[ref_key]}. Give each initiative "
                        "one row.",
                        number,
                        column("reference"),
                    )
                )
                ref_key = ""
            else:
                seen[ref_key] = number
        if not problems and reference is not None:
            problems = _plan_row(plan, number, given, correction, planned)
        if problems:
            plan.preview.problems.extend(problems)
            if reference is not None:
                failed.add(key(reference))

    if milestone_sheet is not None and milestone_positions is not None:
        plan.milestones = plan_milestones(
            milestone_sheet,
            milestone_positions,
            lookups,
            planned,
            failed,
            correction,
            proposed={key(p.reference) for p in plan.proposals},
        )
        plan.preview.rows.extend(plan.milestones.outcomes)
        plan.preview.problems.extend(plan.milestones.problems)
    return plan


def _plan_row(
    plan: PortfolioPlan,
    number: int,
    given: dict[str, Any],
    correction: bool,
    planned: dict[str, Initiative],
) -> list[Problem]:
    lookups = plan.lookups
    reference = given["reference"]
    matches = lookups.initiatives.get(key(reference), [])
    if len(matches) > 1:
        return [
            Problem(
                f"Headway has {len(matches)} initiatives whose references differ from "
                f"{reference} only in capital letters. Correct them in the admin first.",
                number,
                column("reference"),
            )
        ]
    if matches:
        return _plan_change(plan, number, matches[0], given, correction, planned)
    return _plan_new(plan, number, given, planned, correction)


def _open_proposals(organisation: Organisation) -> dict[str, ChangeRequest]:
    requests = ChangeRequest.objects.filter(
        organisation=organisation,
        kind=ChangeRequest.Kind.ADD_INITIATIVE,
        state__in=ChangeRequest.OPEN_STATES,
        initiative__isnull=True,
    ).only("pk", "proposed", "state")
    return {
        key(str(r.proposed.get("external_reference") or "")): r
        for r in requests
        if r.proposed.get("external_reference")
    }


def _goes_on_the_maps(instance: Initiative, priorities: frozenset[int]) -> bool:
    return bool(priorities) and instance.status not in Initiative.OFF_MAP_STATUSES


def _plan_proposal(
    plan: PortfolioPlan, number: int, instance: Initiative, given: dict[str, Any]
) -> list[Problem]:
    """The row as an "add an initiative" change request, checked by the roadmap's own rule."""
    reference = given["reference"]
    already = plan.open_proposals.get(key(reference))
    if already is not None:
        plan.preview.rows.append(
            RowOutcome(
                number,
                reference,
                instance.title,
                Action.UNCHANGED,
                [Change("change request", f"{already.get_state_display()} (#{already.pk})", "")],
            )
        )
        return []
    values = {
        "title": instance.title,
        "kind": instance.kind,
        "description": instance.description,
        "service": instance.service.pk,
        "priorities": sorted(given.get("priorities", frozenset())),
        "partners": sorted(given.get("partners", frozenset())),
        "planned_start": instance.planned_start,
        "planned_end": instance.planned_end,
        "is_key_project": instance.is_key_project,
        "external_reference": reference,
    }
    try:
        clean = clean_proposal(plan.lookups.organisation, ChangeRequest.Kind.ADD_INITIATIVE, values)
    except ValidationError as error:
        return [
            Problem(message, number, column(name) if name in FIELD_ORDER else None)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    plan.proposals.append(ProposedInitiative(number, reference, clean.proposed))
    plan.preview.rows.append(
        RowOutcome(
            number,
            reference,
            instance.title,
            Action.PROPOSE,
            [
                Change(
                    "maps",
                    "not on them",
                    "a draft change request to add it, which an administrator or reviewer "
                    "consults the partner councils on; the initiative is created when it "
                    "is agreed",
                )
            ],
            requests=1,
        )
    )
    return []


def _plan_new(
    plan: PortfolioPlan,
    number: int,
    given: dict[str, Any],
    planned: dict[str, Initiative],
    correction: bool = False,
) -> list[Problem]:
    instance = Initiative(
        organisation=plan.lookups.organisation,
        external_reference=given["reference"],
        title=given["title"],
        kind=given["kind"],
        service=given["service"],
        description=given.get("description", ""),
        planned_start=given.get("planned_start"),
        planned_end=given.get("planned_end"),
        status=given.get("status") or Initiative.Status.PLANNED,
        is_key_project=given.get("is_key_project", False),
    )
    problems = model_problems(instance, number, column)
    if problems:
        return problems
    priorities = given.get("priorities", frozenset())
    if plan.maps_kept and not correction and _goes_on_the_maps(instance, priorities):
        return _plan_proposal(plan, number, instance, given)
    plan.creates.append(
        NewInitiative(
            instance, given.get("priorities", frozenset()), given.get("partners", frozenset())
        )
    )
    planned[key(given["reference"])] = instance
    plan.preview.rows.append(RowOutcome(number, given["reference"], instance.title, Action.CREATE))
    return []


def _same_text(old: str, new: str) -> bool:
    return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()


def _plan_change(
    plan: PortfolioPlan,
    number: int,
    instance: Initiative,
    given: dict[str, Any],
    correction: bool,
    planned: dict[str, Initiative],
) -> list[Problem]:
    lookups = plan.lookups
    names = _Names(lookups)
    changed: dict[str, tuple[Any, Any]] = {}
    for name in SCALAR_FIELDS:
        if name not in given or (name == "status" and given[name] is None):
            continue
        old, new = getattr(instance, name), given[name]
        same = _same_text(old, new) if name in ("title", "description") else old == new
        if not same:
            changed[name] = (old, new)
    priorities = partners = None
    old_priorities = frozenset(lookups.priority_links.get(instance.pk, set()))
    if "priorities" in given and given["priorities"] != old_priorities:
        priorities = given["priorities"]
        changed["priorities"] = (old_priorities, priorities)
    old_partners = frozenset(lookups.partner_links.get(instance.pk, set()))
    if "partners" in given and given["partners"] != old_partners:
        partners = given["partners"]
        changed["partners"] = (old_partners, partners)

    # In the file's column order, as the preview lists them.
    changed = {name: changed[name] for name in FIELD_ORDER if name in changed}
    reference = instance.external_reference
    problems = []
    on_the_maps = _goes_on_the_maps(instance, old_priorities)
    if not correction and plan.maps_kept and on_the_maps and "title" in changed:
        old, new = changed["title"]
        problems.append(
            Problem(
                f"{reference} is called “{old}” on the maps; the file calls it “{new}”. "
                "Renaming an initiative on the maps changes them, which only an agreed change "
                "request does: put back the title Headway has, or, if Headway has it wrong, "
                "import the file as a correction (recorded in the initiative's history).",
                number,
                column("title"),
            )
        )
    requested: list[Change] = []
    if not correction and plan.maps_kept and on_the_maps:
        # Kept maps change by change requests: the row raises them, and the initiative keeps
        # its map fields until they are agreed.
        requested, more = _plan_map_requests(plan, number, instance, changed)
        if more:
            return [*problems, *more]
        for name in MAP_FIELDS:
            changed.pop(name, None)
        priorities = None
    if not correction:
        for name in MAP_FIELDS:
            if name in changed:
                old, new = changed[name]
                problems.append(
                    Problem(
                        f"{reference} has {names.text(name, old)} in Headway; the file says "
                        f"{names.text(name, new)}. Only an agreed change request changes an "
                        "existing initiative's priorities, planned dates or status: propose "
                        "one, or put back the value Headway has. If Headway is wrong, import "
                        "the file as a correction.",
                        number,
                        column(name),
                    )
                )
    if problems:
        return problems
    for name, (_, new) in changed.items():
        if name in SCALAR_FIELDS:
            setattr(instance, name, new)
    problems = model_problems(instance, number, column)
    if problems:
        return problems
    planned[key(reference)] = instance
    changes = [
        Change(column(name), names.text(name, old), names.text(name, new))
        for name, (old, new) in changed.items()
    ]
    if changes:
        scalar = [name for name in changed if name in SCALAR_FIELDS]
        plan.changes.append(
            ChangedInitiative(
                instance,
                scalar,
                [c.column for c in changes],
                priorities,
                partners,
                changes_map=on_the_maps and any(n in changed for n in (*MAP_FIELDS, "title")),
            )
        )
    if changes:
        action = Action.UPDATE
    elif requested:
        action = Action.PROPOSE
    else:
        action = Action.UNCHANGED
    raised = sum(1 for r in plan.requests if r.row == number)
    plan.preview.rows.append(
        RowOutcome(number, reference, instance.title, action, changes + requested, requests=raised)
    )
    return []


# How a change to each map field is asked for, by kind of change request.
REQUEST_KINDS = {
    "planned_start": ChangeRequest.Kind.RESCHEDULE,
    "planned_end": ChangeRequest.Kind.RESCHEDULE,
    "priorities": ChangeRequest.Kind.REPRIORITISE,
}


def _plan_map_requests(
    plan: PortfolioPlan,
    number: int,
    instance: Initiative,
    changed: dict[str, tuple[Any, Any]],
) -> tuple[list[Change], list[Problem]]:
    """The change requests a row's changes to an initiative's map fields raise, checked by
    the roadmap's own rule; a change no kind of request makes is a problem, as before."""
    names = _Names(plan.lookups)
    wanted: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for name in MAP_FIELDS:
        if name not in changed:
            continue
        old, new = changed[name]
        if name in ("planned_start", "planned_end"):
            wanted.setdefault(ChangeRequest.Kind.RESCHEDULE, {})[name] = new
        elif name == "priorities":
            wanted[ChangeRequest.Kind.REPRIORITISE] = {"priorities": sorted(new)}
        elif new == Initiative.Status.DEPRIORITISED:
            wanted[ChangeRequest.Kind.DEPRIORITISE] = {}
        elif new in (Initiative.Status.COMPLETED, Initiative.Status.CANCELLED):
            wanted[ChangeRequest.Kind.CLOSE] = {"status": str(new)}
        else:
            problems.append(
                Problem(
                    f"{instance.external_reference} has {names.text(name, old)} in Headway; "
                    f"the file says {names.text(name, new)}. The maps show its status, and no "
                    "change request makes this change: put back the value Headway has, or, "
                    "if Headway is wrong, import the file as a correction.",
                    number,
                    column(name),
                )
            )
    requested: list[Change] = []
    for kind, values in wanted.items():
        try:
            clean = clean_proposal(plan.lookups.organisation, kind, values, instance)
        except ValidationError as error:
            problems.extend(
                Problem(message, number, column(name) if name in FIELD_ORDER else None)
                for name, messages in error.message_dict.items()
                for message in messages
            )
            continue
        label = ChangeRequest.Kind(kind).label
        if _already_requested(instance, kind, clean.proposed):
            requested.append(Change("change request", f"{label}: already proposed", ""))
            continue
        plan.requests.append(RequestedChange(number, instance, kind, clean.proposed))
        fields = [n for n in MAP_FIELDS if n in changed and _kind_of(n, changed[n][1]) == kind]
        for name in fields:
            old, new = changed[name]
            requested.append(
                Change(
                    f"{column(name)} (by a change request: {label.lower()})",
                    names.text(name, old),
                    names.text(name, new),
                )
            )
    return requested, problems


def _kind_of(name: str, new: Any) -> str:
    if name in REQUEST_KINDS:
        return REQUEST_KINDS[name]
    if new == Initiative.Status.DEPRIORITISED:
        return ChangeRequest.Kind.DEPRIORITISE
    return ChangeRequest.Kind.CLOSE


def _already_requested(instance: Initiative, kind: str, proposed: dict[str, Any]) -> bool:
    return ChangeRequest.objects.filter(
        initiative=instance,
        kind=kind,
        state__in=ChangeRequest.OPEN_STATES,
        proposed=proposed,
    ).exists()


class _Names:
    """Values as the preview and messages show them: labels and names, not codes and ids."""

    def __init__(self, lookups: PortfolioLookups) -> None:
        self.priorities = lookups.priority_by_id
        self.partners = {p.pk: p.name for p in lookups.partners.values()}

    def text(self, name: str, value: Any) -> str:
        if name == "priorities":
            numbered = sorted(
                (self.priorities[i] for i in value if i in self.priorities), key=lambda p: p.number
            )
            return "; ".join(str(p) for p in numbered) if numbered else "no priorities"
        if name == "partners":
            return "; ".join(sorted(self.partners.get(i, f"#{i}") for i in value)) or "(none)"
        if name == "kind":
            return str(Initiative.Kind(value).label)
        if name == "status":
            return str(Initiative.Status(value).label)
        if name == "service":
            return str(value)
        return show(value)


def refuse_if_problems(plan: PortfolioPlan) -> None:
    if plan.preview.problems:
        raise FileRefused(plan.preview.problems)
