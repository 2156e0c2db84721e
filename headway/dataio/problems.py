"""What is wrong with an imported file: where (sheet, row, column) and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    message: str
    row: int | None = None
    column: str | None = None
    # Only for a second sheet (Milestones); the main sheet goes unnamed.
    sheet: str | None = None

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"Sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}" if where else f"Row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class FileRefused(Exception):
    """The file cannot be imported; nothing was changed."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        self.problems = [Problem(problems)] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(str(p) for p in self.problems[:5]))
