"""The columns of each sheet Headway imports and exports, and matching a file's header row.

Headers are matched ignoring case, spaces and underscores, so "Planned start",
"planned_start" and "PLANNED START" are one column. Columns marked ``export_only`` are
written by exports for people to read and skipped on import, so an export can be imported
back as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from headway.dataio.cells import key
from headway.dataio.problems import FileRefused, Problem
from headway.dataio.reading import Sheet

DATE_HINT = "A date, such as 2022-03-31 or 31/03/2022."


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    hint: str
    required: bool = False
    export_only: bool = False
    width: int = 18


PORTFOLIO_SHEET = "Initiatives"
MILESTONES_SHEET = "Milestones"
UPDATES_SHEET = "Updates"
FIGURES_SHEET = "Figures"

INITIATIVE_COLUMNS = (
    Column(
        "reference",
        "reference",
        "Required. The initiative's reference, such as FIN-014: a row with a reference "
        "Headway knows updates that initiative; a new reference adds one.",
        required=True,
        width=14,
    ),
    Column("title", "title", "Required. What the initiative is called.", required=True, width=40),
    Column(
        "kind",
        "kind",
        "Required. Project, Activity, Service plan action or Business as usual.",
        required=True,
    ),
    Column("service", "service", "Required. The service that delivers it.", required=True),
    Column(
        "priorities",
        "priorities",
        "The current strategy's priorities it delivers: numbers or titles, separated by ; "
        "(for example 1; 3).",
    ),
    Column(
        "partners",
        "partners",
        "The partner councils it serves, separated by ; (blank for none).",
        width=24,
    ),
    Column("planned_start", "planned start", DATE_HINT, width=14),
    Column("planned_end", "planned end", DATE_HINT, width=14),
    Column(
        "status",
        "status",
        "Proposed, Planned, In progress, On hold, Completed, Deprioritised or Cancelled. "
        "Blank means Planned for a new initiative.",
        width=14,
    ),
    Column("is_key_project", "key project", "yes or no.", width=12),
    Column("description", "description", "What it will deliver, in plain English.", width=50),
    Column(
        "latest_rating",
        "latest rating",
        "Written by exports for reading; ignored on import.",
        export_only=True,
        width=16,
    ),
)

MILESTONE_COLUMNS = (
    Column("reference", "reference", "Required. The initiative's reference.", required=True),
    Column(
        "title",
        "milestone title",
        "Required. The milestone; a title the initiative already has updates that milestone.",
        required=True,
        width=40,
    ),
    Column("due", "due", "Required for a new milestone. " + DATE_HINT, width=14),
    Column("forecast", "forecast", "When it is now expected, if not the due date.", width=14),
    Column("completed_on", "completed on", "When it was completed.", width=14),
)

UPDATE_COLUMNS = (
    Column(
        "reference",
        "reference",
        "Required. The initiative's reference, such as FIN-014.",
        required=True,
        width=14,
    ),
    Column(
        "title",
        "title",
        "Written by exports for reading; ignored on import.",
        export_only=True,
        width=40,
    ),
    Column(
        "service",
        "service",
        "Written by exports for reading; ignored on import.",
        export_only=True,
    ),
    Column(
        "status",
        "status",
        "Required. The rating this quarter: Blue, Green, Amber or Red.",
        required=True,
        width=12,
    ),
    Column(
        "narrative",
        "narrative",
        "Required. Progress this quarter, in plain English.",
        required=True,
        width=50,
    ),
    Column("achievements", "achievements", "Achievements this quarter.", width=40),
    Column("next_steps", "next steps", "Next steps for the coming quarter.", width=40),
    Column(
        "risks",
        "risks",
        "Risks and issues, and what is being done about them (needed with Amber or Red).",
        width=40,
    ),
    Column("percent_complete", "percent complete", "A whole number from 0 to 100.", width=12),
    Column(
        "completed_on",
        "completion date",
        "When the initiative was completed; needed with a status that means complete.",
        width=14,
    ),
    Column(
        "review_stage",
        "review stage",
        "Written by exports for reading; ignored on import.",
        export_only=True,
        width=14,
    ),
)


# Performance figures (headway.indicators): one row per measure, period and council.
FIGURE_COLUMNS = (
    Column(
        "reference",
        "reference",
        "Required. The measure's reference, such as EXT-PI-01.",
        required=True,
        width=14,
    ),
    Column(
        "name",
        "measure",
        "Written by exports for reading; ignored on import.",
        export_only=True,
        width=40,
    ),
    Column(
        "period",
        "period",
        "Required. The open reporting period, such as 2021-22 Q3.",
        required=True,
        width=14,
    ),
    Column(
        "partner",
        "council",
        "Required. The partner council's name or short name, or Whole service for a measure "
        "whose whole service makes its own return.",
        required=True,
        width=24,
    ),
    Column(
        "value",
        "value",
        "Required. The figure, as a number: 96.5 for 96.5%.",
        required=True,
        width=12,
    ),
    Column(
        "weight", "weight", "For a weighted whole-service figure: this figure's weight.", width=12
    ),
    Column("exception_why", "why off target", "Needed when the figure is off target.", width=40),
    Column("exception_action", "action", "What is being done, when off target.", width=40),
    Column("exception_recovery", "expected recovery", "When it will be back on target.", width=24),
)


def _norm(header: str) -> str:
    return key(header.replace("_", " "))


def match_columns(
    sheet: Sheet, columns: tuple[Column, ...], where: str, second_sheet: bool = False
) -> dict[str, int]:
    """Where each known column is in the sheet: field name to position.

    ``where`` names the sheet in messages ("The file", "The Milestones sheet"); problems in
    a ``second_sheet`` carry its name.

    Raises ``FileRefused`` naming the missing and unknown columns, with what is expected.
    """
    known = {_norm(c.header): c for c in columns}
    known.update({_norm(c.field): c for c in columns})
    positions: dict[str, int] = {}
    unknown: list[str] = []
    problems: list[Problem] = []
    for position, header in enumerate(sheet.header):
        if not header:
            if any(
                position < len(values) and values[position] not in (None, "")
                for _, values in sheet.rows
            ):
                problems.append(
                    Problem(
                        f"Column {position + 1} has values but no header. Give it one of the "
                        "template's headers, or delete it.",
                        row=1,
                    )
                )
            continue
        column = known.get(_norm(header))
        if column is None:
            unknown.append(header)
        elif column.field in positions:
            problems.append(Problem(f"The column '{header}' appears twice. Keep one.", row=1))
        else:
            positions[column.field] = position
    missing = [c.header for c in columns if c.required and c.field not in positions]
    expected = ", ".join(f"'{c.header}'" for c in columns if not c.export_only)
    if missing:
        problems.insert(
            0,
            Problem(
                f"{where} has no {_names(missing)} column"
                f"{'s' if len(missing) > 1 else ''}. The columns are: {expected}. "
                "Download the template to start from the right headers."
            ),
        )
    if unknown:
        problems.append(
            Problem(
                f"Headway does not know the column{'s' if len(unknown) > 1 else ''} "
                f"{_names(unknown)}. The columns are: {expected}. Rename or delete "
                f"{'them' if len(unknown) > 1 else 'it'}."
            )
        )
    if problems:
        sheet_name = sheet.name if second_sheet else None
        raise FileRefused(Problem(p.message, p.row, p.column, sheet_name) for p in problems)
    return {f: p for f, p in positions.items() if not _column(columns, f).export_only}


def _column(columns: tuple[Column, ...], field: str) -> Column:
    return next(c for c in columns if c.field == field)


def _names(headers: list[str]) -> str:
    quoted = [f"'{h}'" for h in headers]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def header_of(columns: tuple[Column, ...], field: str) -> str:
    return _column(columns, field).header
