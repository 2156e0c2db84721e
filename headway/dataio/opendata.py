"""A published report's figures as open data: CSV files made from its frozen snapshot.

``open_data_files`` is a pure function of the snapshot's data, so the files are the same
every time they are asked for, years later, whatever has changed in the live data since.
The status counts come from the same functions as the report's own charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from headway.committee.compose.figures import status_by_priority, trend
from headway.dataio.writing import write_csv
from headway.lib.fy import FinancialYear
from headway.strategy.models import Initiative

LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class OpenDataFile:
    name: str
    title: str
    description: str


FILES = (
    OpenDataFile(
        "initiatives.csv",
        "Initiatives",
        "Every initiative in the portfolio when the report was written: its kind, service, "
        "priorities, partner councils, planned dates, status and this quarter's rating.",
    ),
    OpenDataFile(
        "updates.csv",
        "Quarterly updates",
        "The quarter's approved updates: each initiative's rating, progress, achievements, "
        "next steps and risks.",
    ),
    OpenDataFile(
        "status-by-priority.csv",
        "Ratings by priority",
        "How many initiatives were rated Blue, Green, Amber or Red under each priority. Each "
        "initiative is counted once, under its lead priority (the first of the strategy's "
        "priorities it serves), so the rows add up to the quarter's total.",
    ),
    OpenDataFile(
        "status-by-quarter.csv",
        "Ratings by quarter",
        "How many updates carried each rating in each quarter of the year so far, and how "
        "many initiatives had no approved return.",
    ),
    OpenDataFile("milestones.csv", "Milestones", "Each initiative's milestones and their dates."),
    OpenDataFile("priorities.csv", "Priorities", "The strategy's priorities, in order."),
)
NAMES = tuple(f.name for f in FILES)


def _label(choices: Any, code: str | None) -> str:
    if not code:
        return ""
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _known(names: dict[int, Any], ids: list[int] | None) -> list[Any]:
    return [names[i] for i in ids or [] if i in names]


def _year(start: int | None) -> str:
    return FinancialYear(start).label if start else ""


def open_data_files(data: dict[str, Any]) -> dict[str, bytes]:
    """The report's open data files by name, from its snapshot's data."""
    scale = data.get("status_scale", [])
    status_labels = {v["code"]: v["label"] for v in scale}
    services = {s["id"]: s["name"] for s in data.get("services", [])}
    partners = {p["id"]: p["name"] for p in data.get("partners", [])}
    numbers = {p["id"]: p["number"] for p in data.get("priorities", [])}
    initiatives = data.get("initiatives", [])
    by_id = {i["id"]: i for i in initiatives}
    current = data.get("updates", {}).get("current", [])
    ratings = {u["initiative"]: status_labels.get(u["status"], u["status"] or "") for u in current}

    files = {
        "initiatives.csv": write_csv(
            [
                "reference",
                "title",
                "kind",
                "service",
                "priorities",
                "partners",
                "status",
                "key project",
                "planned start",
                "planned end",
                "rating this quarter",
                "description",
            ],
            (
                [
                    i.get("reference", ""),
                    i["title"],
                    _label(Initiative.Kind, i.get("kind")),
                    services.get(i.get("service"), ""),
                    "; ".join(str(n) for n in sorted(_known(numbers, i.get("priorities")))),
                    "; ".join(sorted(_known(partners, i.get("partners")))),
                    _label(Initiative.Status, i.get("status")),
                    bool(i.get("is_key_project")),
                    i.get("planned_start"),
                    i.get("planned_end"),
                    ratings.get(i["id"], ""),
                    i.get("description", ""),
                ]
                for i in initiatives
            ),
        ),
        "updates.csv": write_csv(
            [
                "reference",
                "initiative",
                "service",
                "rating",
                "percent complete",
                "progress",
                "achievements",
                "next steps",
                "risks",
            ],
            (
                [
                    by_id.get(u["initiative"], {}).get("reference", ""),
                    by_id.get(u["initiative"], {}).get("title", ""),
                    services.get(by_id.get(u["initiative"], {}).get("service"), ""),
                    ratings.get(u["initiative"], ""),
                    u.get("percent_complete"),
                    u.get("narrative", ""),
                    u.get("achievements", ""),
                    u.get("next_steps", ""),
                    u.get("risks", ""),
                ]
                for u in current
            ),
        ),
        "status-by-priority.csv": write_csv(
            ["priority", "title", *[v["label"] for v in scale], "total"],
            (
                [
                    priority["number"],
                    priority["title"],
                    *[c.count for c in counts],
                    sum(c.count for c in counts),
                ]
                for priority, counts in (
                    (row.priority, row.counts)
                    for row in status_by_priority(
                        {
                            **data,
                            "status_scale": scale,
                            "priorities": data.get("priorities", []),
                            "initiatives": initiatives,
                            "updates": {"current": current},
                        }
                    )
                )
            ),
        ),
        "status-by-quarter.csv": write_csv(
            ["quarter", *[v["label"] for v in scale], "total", "no approved return"],
            (
                [
                    point.label,
                    *[point.counts.get(v["code"], 0) for v in scale],
                    sum(point.counts.values()),
                    point.no_return,
                ]
                for point in trend(data)
            ),
        ),
        "milestones.csv": write_csv(
            ["reference", "initiative", "milestone", "due", "forecast", "completed on"],
            (
                [
                    i.get("reference", ""),
                    i["title"],
                    m["title"],
                    m.get("due"),
                    m.get("forecast"),
                    m.get("completed_on"),
                ]
                for i in initiatives
                for m in i.get("milestones", [])
            ),
        ),
        "priorities.csv": write_csv(
            ["number", "title", "description", "first year", "last year"],
            (
                [
                    p["number"],
                    p["title"],
                    p.get("description", ""),
                    _year(p.get("active_from")),
                    _year(p.get("active_to")),
                ]
                for p in data.get("priorities", [])
            ),
        ),
    }
    return files
