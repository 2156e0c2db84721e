"""What an import will do, row by row, before anything is written: the preview."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from headway.dataio.problems import Problem


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    SUBMIT = "submit"
    PROPOSE = "propose"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return {
            "create": "Add",
            "update": "Change",
            "submit": "Submit",
            "propose": "Propose for the maps",
            "unchanged": "No change",
        }[self.value]


@dataclass(frozen=True)
class Change:
    column: str
    old: str
    new: str


@dataclass
class RowOutcome:
    row: int
    reference: str
    title: str
    action: Action
    changes: list[Change] = field(default_factory=list)
    sheet: str | None = None
    # How many change requests importing the row raises (to change kept maps).
    requests: int = 0


@dataclass
class Preview:
    kind: str
    filename: str
    rows: list[RowOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The file as a whole could not be read (not a workbook, wrong columns, too big).
    refused_whole: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: Action, sheet: str | None = None) -> int:
        return sum(1 for r in self.rows if r.action == action and r.sheet == sheet)

    @property
    def change_requests(self) -> int:
        """How many change requests importing the file raises."""
        return sum(r.requests for r in self.rows)

    @property
    def changes_anything(self) -> bool:
        return any(r.action != Action.UNCHANGED for r in self.rows)

    def summary(self) -> dict[str, Any]:
        """Counts for the record kept of each import."""
        return {
            "rows": len([r for r in self.rows if r.sheet is None]),
            **{action.value: self.count(action) for action in Action},
            "milestones": {
                action.value: self.count(action, "Milestones")
                for action in (Action.CREATE, Action.UPDATE)
            },
            "problems": len(self.problems),
            "change_requests": self.change_requests,
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def show(value: Any) -> str:
    """A value as the preview shows it."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"
