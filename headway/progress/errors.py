"""The ways a change to the update cycle can be refused, for pages and the API to explain.

Bad input is Django's ``ValidationError`` with messages keyed by field; who may not act gets
``PermissionDenied``. The two errors here carry more than a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from headway.accounts.models import User


def milestone_field(milestone_id: int, name: str) -> str:
    """The key a message about a milestone's date is filed under: ``milestone_12_forecast``."""
    return f"milestone_{milestone_id}_{name}"


class PeriodClosed(Exception):
    """A change to a closed reporting period, or to one of its returns.

    Raised by the models themselves, so no page, form, command or task can get round it.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        super().__init__(
            f"{label} is closed, so it and its returns cannot be changed. "
            "Reopen the period, with a reason, to change them."
        )


def returns_kept_message(periods: list[str]) -> str:
    """Why an initiative with returns in closed periods stays, and what to do instead."""
    return (
        f"An initiative with returns in a closed period ({', '.join(periods)}) cannot be "
        "deleted: those returns are the record the committee's reports were made from. "
        "To take it off the maps, propose closing or deprioritising it in a change request."
    )


@dataclass(frozen=True)
class FieldChange:
    """One field someone else changed, written for people: labels, not ids."""

    field: str
    label: str
    before: str
    after: str


@dataclass(eq=False)
class EditConflict(Exception):
    """Someone else saved the return after this person opened it.

    Nothing was saved. ``changes`` lists what the other person changed since the version
    this person started from, so the page can show it beside their own text (``yours``),
    which is kept, and let them save again against ``current_version``.
    """

    changed_by: User | None
    changed_at: datetime | None
    changes: list[FieldChange]
    current_version: int
    yours: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        who = str(self.changed_by) if self.changed_by else "Someone else"
        when = ""
        if self.changed_at:
            when = f" at {timezone.localtime(self.changed_at):%H:%M on %-d %B %Y}"
        what = ", ".join(change.label for change in self.changes) or "the return"
        return (
            f"{who} changed this return{when} while you were editing it ({what}). "
            "Your text has been kept: check their changes, then save again."
        )
