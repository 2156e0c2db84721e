"""Every saved version of returns, with who saved it, when, and what they changed.

Read from django-simple-history in one query for any number of returns, for the
initiative page's history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from headway.progress.conflicts import LABELS
from headway.progress.models import Update

# What moving to each review stage is called in the history.
STATE_WORDS = {
    Update.State.DRAFT: "Taken back to draft",
    Update.State.SUBMITTED: "Submitted",
    Update.State.RETURNED: "Returned to the service",
    Update.State.APPROVED: "Approved",
}
# Compared between versions: the stored column of each field people see.
COLUMNS = {name: ("status_id" if name == "status" else name) for name in LABELS if name != "state"}


@dataclass(frozen=True)
class UpdateVersion:
    number: int
    at: datetime
    by: str
    what: str


def _describe(record: Any, before: Any | None) -> str:
    if before is None:
        return record.history_change_reason or "Created"
    changed = [
        LABELS[name]
        for name, column in COLUMNS.items()
        if getattr(record, column) != getattr(before, column)
    ]
    words = []
    if record.state != before.state:
        words.append(STATE_WORDS.get(record.state, record.get_state_display()))
    if changed:
        words.append("Changed " + ", ".join(label[0].lower() + label[1:] for label in changed))
    return "; ".join(words) or record.history_change_reason or "Saved with no change"


def versions_of(update_ids: Iterable[int]) -> dict[int, list[UpdateVersion]]:
    """Each return's versions, newest first, keyed by the return's id."""
    records = (
        Update.history.filter(id__in=list(update_ids))
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    by_update: dict[int, list[Any]] = defaultdict(list)
    for record in records:
        by_update[record.id].append(record)
    result: dict[int, list[UpdateVersion]] = {}
    for update_id, history in by_update.items():
        versions = [
            UpdateVersion(
                number=index,
                at=record.history_date,
                by=str(record.history_user) if record.history_user else "Headway",
                what=_describe(record, history[index - 2] if index > 1 else None),
            )
            for index, record in enumerate(history, start=1)
        ]
        result[update_id] = versions[::-1]
    return result
