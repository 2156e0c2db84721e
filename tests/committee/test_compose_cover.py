"""The composer drafts the cover report in the structure of the reference reports."""

from __future__ import annotations

from headway.committee.compose.cover import draft_cover
from tests.committee.snapshot_data import snapshot_data

IMPLICATIONS = [
    "Legal implications and risks",
    "Financial Implications and risks",
    "HR Implications and risks",
]


def draft(**overrides: object) -> dict[str, list[str]]:
    sections = draft_cover(snapshot_data(**overrides), "Joint Committee", IMPLICATIONS)
    return {s.key: [p.text for p in s.paragraphs] for s in sections}


def test_it_follows_the_reference_structure() -> None:
    sections = draft_cover(snapshot_data(), "Joint Committee", IMPLICATIONS)
    assert [(s.key, s.numbered) for s in sections] == [
        ("summary", False),
        ("recommendations", False),
        ("background", True),
        ("progress", True),
        ("implications", False),
        ("appendices", False),
    ]
    assert sections[3].title == "one source strategy 2021-22 progress update for Q3"


def test_the_recommendation_is_to_note_the_quarters_update() -> None:
    assert draft()["recommendations"] == [
        "To note the one source strategy 2021-22 progress update for Q3 (October - December) "
        "presented in Appendix 1."
    ]


def test_background_is_written_from_the_strategys_events_up_to_the_quarter() -> None:
    background = draft()["background"]
    assert background == [
        "Presented on 7th February 2020. Launched to staff.",
        "The pandemic put it on hold.",
        "An update was agreed.",
    ]


def test_the_quarters_organisational_changes_are_reported() -> None:
    progress = draft()["progress"]
    assert "The Executive Director left; an interim structure is in place." in progress
    assert "changes that have taken place in one source" in draft()["summary"][1]


def test_it_puts_the_quarters_figures_in_words() -> None:
    figures = next(p for p in draft()["progress"] if p.startswith("Of the"))
    assert figures == (
        "Of the 3 initiatives reported in Q3 2021-22, one is complete (Blue), one on track "
        "(Green) and one at risk (Amber). Since Q2 2021-22, one initiative improved, "
        "one initiative moved to a worse status and one initiative reported for the first time."
    )


def test_it_names_the_key_projects_and_the_milestones_due_next() -> None:
    progress = draft()["progress"]
    assert any("The key projects reported this quarter are Replace payroll." in p for p in progress)
    assert any(p.endswith("One milestone falls due in the coming quarter.") for p in progress)


def test_it_drafts_each_implication_the_template_asks_for() -> None:
    sections = draft_cover(snapshot_data(), "Joint Committee", IMPLICATIONS[:1])
    implications = next(s for s in sections if s.key == "implications")
    assert [(p.label, p.text) for p in implications.paragraphs] == [
        ("Legal implications and risks", "Not applicable")
    ]


def test_the_appendix_is_named_as_the_reports_name_it() -> None:
    assert draft()["appendices"] == ["One Source Strategy 2021-22 progress \N{EN DASH} Q3"]
