"""What someone else changed in a return while another person was editing it.

Read from the return's history (django-simple-history), so the page can show the second
person, field by field, what the first one did before they save again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from headway.progress.errors import EditConflict, FieldChange, milestone_field
from headway.progress.models import StatusValue, Update
from headway.strategy.models import Milestone

# The fields a person sees, in the order the form shows them.
LABELS = {
    "status": "Status",
    "narrative": "Progress this quarter",
    "achievements": "Achievements this quarter",
    "next_steps": "Next steps for the coming quarter",
    "risks": "Risks and issues",
    "percent_complete": "Percentage complete",
    "completed_on": "Date completed",
    "state": "Review stage",
    "review_comment": "Reviewer's comment",
}


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return str(value)


def edit_conflict(update: Update, expected_version: int, yours: Any = None) -> EditConflict:
    """The conflict between the stored return and an edit begun at ``expected_version``."""
    records = list(
        Update.history.filter(id=update.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    current = records[0] if records else None
    base = next((r for r in records if r.version == expected_version), None)
    changes: list[FieldChange] = []
    if current is not None and base is not None and base is not current:
        changes = _field_changes(base, current) + _milestone_changes(update, base.history_date)
    return EditConflict(
        changed_by=(current.history_user if current else None) or update.last_edited_by,
        changed_at=current.history_date if current else update.updated_at,
        changes=changes,
        current_version=update.version,
        yours=yours,
    )


def _field_changes(base: Any, current: Any) -> list[FieldChange]:
    delta = current.diff_against(base, included_fields=list(LABELS))
    by_field = {change.field: change for change in delta.changes}
    status = by_field.get("status")
    status_ids = {v for v in (status.old, status.new) if v is not None} if status else set()
    statuses = StatusValue.objects.in_bulk(status_ids) if status_ids else {}
    state_labels = dict(Update.State.choices)
    result = []
    for name, label in LABELS.items():
        change = by_field.get(name)
        if change is None:
            continue
        old, new = change.old, change.new
        if name == "status":
            old, new = statuses.get(old, old), statuses.get(new, new)
        elif name == "state":
            old, new = state_labels.get(old, old), state_labels.get(new, new)
        result.append(FieldChange(name, label, _show(old), _show(new)))
    return result


def _milestone_changes(update: Update, since: Any) -> list[FieldChange]:
    """Milestone dates changed (through the return or elsewhere) since the edit began."""
    records = list(
        Milestone.history.filter(initiative_id=update.initiative_id).order_by(
            "history_date", "history_id"
        )
    )
    before: dict[int, Any] = {}
    after: dict[int, Any] = {}
    for record in records:
        # As it stood when the edit began, or as first recorded if added since.
        if record.history_date <= since or record.id not in before:
            before[record.id] = record
        after[record.id] = record
    result = []
    for milestone_id, last in after.items():
        first = before.get(milestone_id)
        if first is None or last is first:
            continue
        for name, what in (("forecast", "forecast date"), ("completed_on", "completion date")):
            old, new = getattr(first, name), getattr(last, name)
            if old != new:
                result.append(
                    FieldChange(
                        milestone_field(milestone_id, name),
                        f"“{last.title}” {what}",
                        _show(old),
                        _show(new),
                    )
                )
    return result
