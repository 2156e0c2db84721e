"""The quarter's agreed map changes reach the cover report and the slides, and the map slides
show the maps frozen in the snapshot."""

from __future__ import annotations

from typing import Any

from headway.committee.compose.appendix import changes_since_last_quarter
from headway.committee.compose.cover import draft_cover
from headway.committee.compose.maps import priority_map_rows, road_map_chart
from tests.committee.snapshot_data import snapshot_data, update

IMPLICATIONS = ["Legal implications and risks"]

ADDED = {
    "summary": "Digital mailroom added as a new project under priority 3",
    "outcome": "Havering supports with comments; Newham supports",
    "responses": [
        {"partner": "Newham", "response": "supports", "comment": ""},
        {"partner": "Havering", "response": "supports_with_comments", "comment": "Soon."},
    ],
    "kind": "add_initiative",
    "target": "Digital mailroom",
    "rationale": "Post is still scanned by hand.",
    "decided_on": "2021-11-10",
    "is_new_project": True,
}
DROPPED = {
    "summary": "Shared print and post hub deprioritised, leaving the maps",
    "outcome": "Havering supports; Newham supports",
    "responses": [
        {"partner": "Newham", "response": "supports", "comment": ""},
        {"partner": "Havering", "response": "supports", "comment": ""},
    ],
    "kind": "deprioritise",
    "target": "Shared print and post hub",
    "rationale": "Demand has fallen.",
    "decided_on": "2021-12-01",
    "is_new_project": False,
}


def progress(**overrides: Any) -> list[str]:
    sections = draft_cover(snapshot_data(**overrides), "Joint Committee", IMPLICATIONS)
    return [p.text for s in sections if s.key == "progress" for p in s.paragraphs]


def test_section_two_lists_the_agreed_changes_and_new_projects_with_the_partners_answers() -> None:
    paragraphs = progress(map_changes=[ADDED, DROPPED])
    [paragraph] = [p for p in paragraphs if "priority map and road map" in p]
    assert paragraph == (
        "In consultation with the partner councils, two changes to the priority map and road "
        "map were agreed this quarter. Digital mailroom added as a new project under priority 3. "
        "Newham supported the change and Havering supported it with comments. Post is still "
        "scanned by hand. Shared print and post hub deprioritised, leaving the maps. Both "
        "councils supported the change. Demand has fallen. The new project Digital mailroom is "
        "reported through this strategy update from now on."
    )


def test_section_two_says_nothing_of_changes_when_there_were_none() -> None:
    assert not any("priority map and road map" in p for p in progress(map_changes=[]))
    assert not any("priority map and road map" in p for p in progress())


def test_the_changes_slide_lists_each_change_with_its_outcome() -> None:
    groups = changes_since_last_quarter(snapshot_data(map_changes=[DROPPED]))
    assert groups[0] == (
        "Agreed changes to the maps:",
        [
            "Shared print and post hub deprioritised, leaving the maps. "
            "Both councils supported the change."
        ],
    )


def frozen_maps() -> dict[str, Any]:
    """A map state as the snapshot freezes it: one initiative left on the maps."""
    return {
        "organisation": "one source",
        "strategy_id": 1,
        "strategy": "One Source Strategy 2020-2023",
        "year": 2021,
        "year_label": "2021-22",
        "priorities": [
            {
                "id": n,
                "number": n,
                "title": f"Priority {n}",
                "active_from": None,
                "active_to": None,
                "initiatives": [2] if n == 1 else [],
            }
            for n in range(1, 6)
        ],
        "initiatives": [
            {
                "id": 2,
                "title": "Debt recovery",
                "reference": "REF-2",
                "kind": "project",
                "service": "Finance",
                "status": "in_progress",
                "is_key_project": False,
                "horizon": "now",
                "position": 0,
                "planned_start": "2021-07-01",
                "planned_end": "2022-09-30",
                "priorities": [1],
                "partners": ["Newham"],
                "quarters": [2, 3, 4],
                "milestones": [
                    {
                        "title": "Letters sent",
                        "due": "2021-11-30",
                        "expected": "2021-11-30",
                        "completed_on": None,
                        "has_slipped": False,
                        "quarter": 3,
                    }
                ],
            }
        ],
    }


def test_the_road_map_slide_shows_the_frozen_maps() -> None:
    chart = road_map_chart(snapshot_data(maps=frozen_maps()))
    assert [(r.group, r.label, r.status) for r in chart.rows] == [
        ("1. Priority 1", "Debt recovery", "Green")
    ]
    [row] = chart.rows
    assert (row.start.isoformat(), row.end.isoformat()) == ("2021-07-01", "2022-03-31")
    assert [m.label for m in row.milestones] == ["Letters sent"]


def test_the_priority_map_slide_shows_the_frozen_maps() -> None:
    header, rows = priority_map_rows(snapshot_data(maps=frozen_maps()))
    assert header == ("Priority", "2021-22 (now)", "2022-23 (next)", "Later")
    assert rows[0] == ("1. Priority 1", (("Debt recovery",), ("Debt recovery",), ()))
    assert rows[1] == ("2. Priority 2", ((), (), ()))


def test_without_frozen_maps_the_slides_are_drawn_from_the_initiatives() -> None:
    chart = road_map_chart(snapshot_data())
    assert sorted(r.label for r in chart.rows) == [
        "Cloud migration",
        "Debt recovery",
        "Replace payroll",
    ]


def test_the_road_maps_key_names_the_grey_of_an_initiative_with_no_update() -> None:
    with_all = road_map_chart(snapshot_data())
    assert "No update" not in [status for status, _ in with_all.legend()]

    data = snapshot_data()
    data["updates"]["current"] = [update(1, "amber"), update(2, "green")]
    chart = road_map_chart(data)
    grey = next(row for row in chart.rows if row.label == "Cloud migration")
    assert (grey.status, grey.colour) in chart.legend()
    assert chart.legend()[-1] == ("No update", grey.colour)
