"""What a committee report takes from the maps.

``maps_at`` and ``agreed_changes`` read the database once, when a report's snapshot is
taken; ``changes_paragraph`` words the frozen changes for the cover report and reads only
the snapshot's data, as the composer must.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from headway.lib.words import join_words, number_word, plural
from headway.roadmap.agreed import with_consultations
from headway.roadmap.consultation import outcome_summary
from headway.roadmap.describe import agreed_summary, describe, meeting_label
from headway.roadmap.models import ChangeRequest, MapVersion
from headway.roadmap.state import map_state
from headway.strategy.models import Organisation


def maps_at(
    organisation: Organisation, year: int, moment: datetime
) -> tuple[dict[str, Any], int | None]:
    """The maps (a ``MapState`` as a dict, quarters counted in ``year``) and their version
    number as they stood at ``moment``.

    That is the live maps, unless a change was agreed after ``moment`` (a snapshot taken for
    an earlier date, as the demo's history is): then the version current at ``moment`` (the
    baseline, before the first change), frozen when it was recorded, if it counted quarters
    in the same year.
    """
    versions = list(
        MapVersion.objects.filter(organisation=organisation)
        .order_by("-number")
        .only("number", "created_at")[:1]
    )
    latest = versions[0] if versions else None
    if latest is not None and latest.created_at > moment:
        # Before the first agreed change, the maps were the baseline's.
        earlier = MapVersion.objects.filter(organisation=organisation)
        then = (
            earlier.filter(created_at__lte=moment).order_by("-number").first()
            or earlier.order_by("number").first()
        )
        if then is not None and then.state.get("year") == year:
            return then.state, then.number
    return map_state(organisation, year).to_dict(), latest.number if latest else None


def agreed_changes(organisation: Organisation, start: date, end: date) -> list[dict[str, Any]]:
    """The changes agreed from ``start`` to ``end``, oldest first, as a report freezes them:
    what each did in a sentence (``summary``), how the partners answered (``outcome``), why,
    and when."""
    requests = with_consultations(
        ChangeRequest.objects.filter(
            organisation=organisation,
            state=ChangeRequest.State.AGREED,
            decided_on__gte=start,
            decided_on__lte=end,
        ).order_by("decided_on", "pk")
    )
    changes = []
    for request in requests:
        consultations = list(request.consultations.all())
        proposed = request.proposed or {}
        changes.append(
            {
                "summary": agreed_summary(request),
                "outcome": outcome_summary(consultations) or "no partner council consulted",
                "kind": request.kind,
                "kind_label": request.get_kind_display(),
                "target": request.target_label,
                "description": describe(request),
                "rationale": request.rationale,
                "decided_on": request.decided_on.isoformat() if request.decided_on else None,
                "meeting": meeting_label(request.meeting),
                "decision_note": request.decision_note,
                "initiative": request.initiative_id,
                "is_new_project": request.kind == ChangeRequest.Kind.ADD_INITIATIVE
                and proposed.get("kind") == "project",
                "responses": [
                    {"partner": str(c.partner), "response": c.response, "comment": c.comment}
                    for c in consultations
                ],
            }
        )
    return changes


_ANSWERS = (
    ("supports", "supported the change", "supported it"),
    ("supports_with_comments", "supported the change with comments", "supported it with comments"),
    ("objects", "objected to the change", "objected"),
    ("", "did not answer before the consultation closed", "did not answer"),
)


def partner_answers(change: dict[str, Any]) -> str:
    """How the partner councils answered, as a sentence: ``Both councils supported the
    change.``, ``Newham supported the change and Havering did not answer.``"""
    responses = change.get("responses")
    if responses is None:
        outcome = str(change.get("outcome") or "").strip()
        return f"Partner councils' answers: {outcome}." if outcome else ""
    if not responses:
        return "No partner council was consulted."
    groups = [
        (
            sorted(
                (r["partner"] for r in responses if (r["response"] or "") == code), key=str.casefold
            ),
            first,
            later,
        )
        for code, first, later in _ANSWERS
    ]
    groups = [group for group in groups if group[0]]
    if len(groups) == 1 and len(groups[0][0]) > 1:
        names, phrase, _ = groups[0]
        who = "Both councils" if len(names) == 2 else f"All {number_word(len(names))} councils"
        return f"{who} {phrase}."
    clauses = [
        f"{join_words(names)} {phrase if k == 0 else later}"
        for k, (names, phrase, later) in enumerate(groups)
    ]
    return f"{join_words(clauses)}."


def changes_paragraph(changes: list[dict[str, Any]]) -> str | None:
    """The cover report's paragraph on the quarter's agreed changes and new projects: each
    with how the partner councils answered and why it was made; None when there were none."""
    if not changes:
        return None
    verb = "was" if len(changes) == 1 else "were"
    sentences = [
        f"In consultation with the partner councils, {plural(len(changes), 'change')} to the "
        f"priority map and road map {verb} agreed this quarter."
    ]
    for change in changes:
        sentences.append(f"{change['summary']}.")
        answers = partner_answers(change)
        if answers:
            sentences.append(answers)
        reason = " ".join(str(change.get("rationale") or "").split())
        if reason:
            sentences.append(reason if reason.endswith((".", "!", "?")) else f"{reason}.")
    new = [c["target"] for c in changes if c.get("is_new_project")]
    if new:
        projects = "new project" if len(new) == 1 else "new projects"
        sentences.append(
            f"The {projects} {join_words(new)} {'is' if len(new) == 1 else 'are'} reported "
            "through this strategy update from now on."
        )
    return " ".join(sentences)
