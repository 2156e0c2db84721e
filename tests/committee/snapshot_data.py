"""Hand-made snapshot data for testing the composer without a database."""

from __future__ import annotations

from typing import Any

BRAG = [
    {
        "code": "blue",
        "label": "Blue",
        "meaning": "Complete",
        "colour": "#1d70b8",
        "tag": "blue",
        "means_complete": True,
        "needs_mitigation": False,
    },
    {
        "code": "green",
        "label": "Green",
        "meaning": "On track",
        "colour": "#00703c",
        "tag": "green",
        "means_complete": False,
        "needs_mitigation": False,
    },
    {
        "code": "amber",
        "label": "Amber",
        "meaning": "At risk, recoverable",
        "colour": "#f47738",
        "tag": "orange",
        "means_complete": False,
        "needs_mitigation": True,
    },
    {
        "code": "red",
        "label": "Red",
        "meaning": "Off track, needs escalation",
        "colour": "#d4351c",
        "tag": "red",
        "means_complete": False,
        "needs_mitigation": True,
    },
]


def initiative(id: int, title: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": id,
        "reference": f"REF-{id}",
        "title": title,
        "description": "",
        "kind": "project",
        "service": 1,
        "priorities": [1],
        "partners": [1],
        "status": "in_progress",
        "is_key_project": False,
        "planned_start": "2021-04-01",
        "planned_end": "2022-03-31",
        "milestones": [],
        **extra,
    }


def update(initiative: int, status: str) -> dict[str, Any]:
    return {
        "initiative": initiative,
        "status": status,
        "narrative": "",
        "achievements": "",
        "next_steps": "",
        "risks": "",
        "percent_complete": None,
    }


def snapshot_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": 1,
        "taken_at": "2022-01-20T09:00:00+00:00",
        "organisation": {"name": "oneSource", "short_name": "one source"},
        "partners": [{"id": 1, "name": "London Borough of Newham", "short_name": "Newham"}],
        "strategy": {
            "title": "One Source Strategy 2020-2023",
            "first_year": 2020,
            "last_year": 2022,
            "years_label": "2020-23",
            "vision": "",
            "framework": "",
        },
        "priorities": [
            {
                "id": n,
                "number": n,
                "title": f"Priority {n}",
                "description": "",
                "active_from": None,
                "active_to": None,
            }
            for n in range(1, 6)
        ],
        "events": [
            {"date": "2020-02-07", "kind": "presented", "text": "Presented on 7th February 2020."},
            {"date": "2020-02-24", "kind": "launched", "text": "Launched to staff."},
            {"date": "2020-03-23", "kind": "paused", "text": "The pandemic put it on hold."},
            {"date": "2021-04-30", "kind": "agreed", "text": "An update was agreed."},
            {
                "date": "2021-11-15",
                "kind": "organisational_change",
                "text": "The Executive Director left; an interim structure is in place.",
            },
            {"date": "2022-02-01", "kind": "reviewed", "text": "A later review."},
        ],
        "services": [{"id": 1, "name": "Finance", "head_of_service": "Head of Finance (demo)"}],
        "status_scale": BRAG,
        "period": {
            "label": "2021-22 Q3",
            "slug": "2021-22-Q3",
            "year": 2021,
            "quarter": 3,
            "financial_year": "2021-22",
            "start": "2021-10-01",
            "end": "2021-12-31",
            "months": "October - December",
            "deadline": "2022-01-14",
            "state": "closed",
        },
        "previous_period": {
            "label": "2021-22 Q2",
            "slug": "2021-22-Q2",
            "year": 2021,
            "quarter": 2,
            "financial_year": "2021-22",
            "start": "2021-07-01",
            "end": "2021-09-30",
            "months": "July - September",
            "deadline": None,
            "state": "closed",
        },
        "initiatives": [
            initiative(
                1,
                "Replace payroll",
                is_key_project=True,
                milestones=[
                    {
                        "title": "Go live",
                        "due": "2022-02-28",
                        "forecast": None,
                        "completed_on": None,
                    }
                ],
            ),
            initiative(2, "Debt recovery"),
            initiative(3, "Cloud migration"),
        ],
        "updates": {
            "current": [update(1, "amber"), update(2, "green"), update(3, "blue")],
            "previous": [update(1, "green"), update(2, "red")],
        },
    }
    data.update(overrides)
    return data


def reading(
    partner: int | None,
    council: str,
    value: float | None,
    target: float | None,
    status: str,
    short_term: str = "not_comparable",
    long_term: str = "not_comparable",
    exception: dict[str, str] | None = None,
    computed: bool = False,
) -> dict[str, Any]:
    """A measure's row in the snapshot: a council's (or the whole service's) figure."""
    return {
        "partner": partner,
        "council": council,
        "value": value,
        "target": target,
        "tolerance": 1.0 if target is not None else None,
        "status": status,
        "previous": None,
        "last_year": None,
        "short_term": short_term,
        "long_term": long_term,
        "computed": computed,
        "exception": exception,
    }


def measure(
    id: int,
    reference: str,
    name: str,
    rows: list[dict[str, Any]],
    trend: list[dict[str, Any]],
    **extra: Any,
) -> dict[str, Any]:
    order = ("off_target", "within_tolerance", "on_target", "no_target", "no_data")
    worst = min((row["status"] for row in rows), key=order.index)
    return {
        "id": id,
        "reference": reference,
        "name": name,
        "definition": "",
        "unit": "percentage",
        "polarity": "higher",
        "frequency": "quarterly",
        "whole_service": "sum",
        "service": 1,
        "priority": 1,
        "status": worst,
        "rows": rows,
        "trend": trend,
        **extra,
    }


def note(why: str, action: str = "Extra staff.", recovery: str = "By Q1 2022-23") -> dict[str, str]:
    return {"why": why, "action": action, "recovery": recovery}


def indicators_data(**overrides: Any) -> dict[str, Any]:
    """A snapshot with three measures for two councils and the whole service: off target
    (with notes, and a computed whole service without one), within tolerance, no data, and
    one measure under no priority."""
    invoices = measure(
        1,
        "FIN-PI-01",
        "Invoices paid within 30 days",
        [
            reading(2, "Havering", 92.4, 95.0, "off_target", "worse", exception=note("Staff.")),
            reading(1, "Newham", 96.0, 95.0, "on_target", "improving"),
            reading(None, "Whole service", 94.2, 95.0, "within_tolerance", computed=True),
        ],
        [
            {"quarter": "2021-22 Q1", "values": [96.0, 97.5, 96.75], "targets": [95.0] * 3},
            {"quarter": "2021-22 Q2", "values": [94.0, None, None], "targets": [95.0] * 3},
            {"quarter": "2021-22 Q3", "values": [92.4, 96.0, 94.2], "targets": [95.0] * 3},
        ],
    )
    claims = measure(
        2,
        "REV-PI-02",
        "Average days to process a new claim",
        [
            reading(2, "Havering", None, 20.0, "no_data"),
            reading(1, "Newham", 26.9, 20.0, "off_target", "worse", exception=note("Demand.")),
            reading(None, "Whole service", 24.5, 22.0, "off_target", computed=True),
        ],
        [
            {"quarter": "2021-22 Q2", "values": [21.0, 22.5, 21.75], "targets": [20, 20, 22]},
            {"quarter": "2021-22 Q3", "values": [None, 26.9, 24.5], "targets": [20, 20, 22]},
        ],
        unit="days",
        polarity="lower",
        priority=2,
    )
    debt = measure(
        3,
        "DEBT-PI-01",
        "Sundry debt over 90 days",
        [
            reading(2, "Havering", 2940000.0, 3000000.0, "on_target", "improving", "worse"),
            reading(1, "Newham", 1250000.5, None, "no_target"),
            reading(None, "Whole service", 4190000.5, None, "no_target", computed=True),
        ],
        [
            {
                "quarter": "2021-22 Q3",
                "values": [2940000.0, 1250000.5, 4190000.5],
                "targets": [3000000.0, None, None],
            }
        ],
        unit="money",
        polarity="lower",
        priority=None,
    )
    data = snapshot_data(
        partners=[
            {"id": 1, "name": "London Borough of Newham", "short_name": "Newham"},
            {"id": 2, "name": "London Borough of Havering", "short_name": "Havering"},
        ],
        indicators={
            "quarter": "2021-22 Q3",
            "counting_rule": "Each measure is counted once, under the worst status of its "
            "councils' and the whole service's figures.",
            "measures": [claims, debt, invoices],
        },
    )
    data.update(overrides)
    return data
