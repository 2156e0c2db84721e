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
