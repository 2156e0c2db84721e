"""Blank templates to fill in: the right headers, a note on each, and drop-down lists of the
organisation's own kinds, statuses, services, priorities and partners."""

from __future__ import annotations

from headway.dataio.columns import (
    FIGURE_COLUMNS,
    FIGURES_SHEET,
    INITIATIVE_COLUMNS,
    MILESTONE_COLUMNS,
    MILESTONES_SHEET,
    PORTFOLIO_SHEET,
    UPDATE_COLUMNS,
    UPDATES_SHEET,
    Column,
)
from headway.dataio.writing import DropDown, SheetData, write_csv, write_xlsx
from headway.progress.models.status import ensure_status_scale
from headway.strategy.current import current_strategy
from headway.strategy.models import Initiative, Organisation

KINDS = ("portfolio", "updates", "figures")
FORMATS = ("xlsx", "csv")


def importable(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    return tuple(c for c in columns if not c.export_only)


def portfolio_lists(organisation: Organisation) -> dict[str, list[str]]:
    strategy = current_strategy(organisation)
    priorities = list(strategy.priorities.order_by("number")) if strategy else []
    return {
        "kinds": [str(label) for label in Initiative.Kind.labels],
        "statuses": [str(label) for label in Initiative.Status.labels],
        "services": [s.name for s in organisation.services.order_by("name")],
        "priorities": [f"{p.number}. {p.title}" for p in priorities],
        "partners": [p.name for p in organisation.partners.order_by("name")],
        "yes or no": ["yes", "no"],
    }


PORTFOLIO_DROP_DOWNS = [
    DropDown("kind", "kinds"),
    DropDown("service", "services"),
    DropDown("priorities", "priorities", strict=False),
    DropDown("partners", "partners", strict=False),
    DropDown("status", "statuses"),
    DropDown("is_key_project", "yes or no"),
]


def ratings_list(organisation: Organisation) -> dict[str, list[str]]:
    scale = ensure_status_scale(organisation)
    return {"statuses": [v.label for v in scale.values.order_by("position")]}


def blank_template(organisation: Organisation, kind: str, format: str) -> bytes:
    """The empty file to fill in for a ``portfolio``, ``updates`` or ``figures`` import."""
    if kind == "portfolio":
        columns = importable(INITIATIVE_COLUMNS)
        if format == "csv":
            return write_csv([c.header for c in columns], [])
        return write_xlsx(
            [
                SheetData(PORTFOLIO_SHEET, columns, drop_downs=PORTFOLIO_DROP_DOWNS, hints=True),
                SheetData(MILESTONES_SHEET, MILESTONE_COLUMNS, hints=True),
            ],
            portfolio_lists(organisation),
        )
    if kind == "figures":
        columns = importable(FIGURE_COLUMNS)
        if format == "csv":
            return write_csv([c.header for c in columns], [])
        councils = [p.name for p in organisation.partners.order_by("name")] + ["Whole service"]
        return write_xlsx(
            [
                SheetData(
                    FIGURES_SHEET, columns, drop_downs=[DropDown("partner", "councils")], hints=True
                )
            ],
            {"councils": councils},
        )
    columns = importable(UPDATE_COLUMNS)
    if format == "csv":
        return write_csv([c.header for c in columns], [])
    return write_xlsx(
        [
            SheetData(
                UPDATES_SHEET, columns, drop_downs=[DropDown("status", "statuses")], hints=True
            )
        ],
        ratings_list(organisation),
    )
