"""Redrafting from newer figures keeps what officers did to the draft."""

from __future__ import annotations

import pytest

from headway.committee.compose.cover import DraftParagraph
from headway.committee.drafting import (
    add_paragraph,
    draft_report,
    edit_paragraph,
    move_paragraph,
    remove_paragraph,
)
from headway.committee.models import Report
from headway.committee.redraft import Kept, keyed, merge
from headway.strategy.models import Organisation
from tests.factories import (
    CommitteeFactory,
    InitiativeFactory,
    MeetingFactory,
    ReportFactory,
    StrategyEventFactory,
    StrategyFactory,
    UpdateFactory,
)

A, B, C = (DraftParagraph(f"{k} new.", key=k) for k in "abc")


def kept(key: str, text: str | None = None, drafted: str | None = None) -> Kept:
    drafted = f"{key} old." if drafted is None else drafted
    return Kept(text or drafted, "", drafted, key)


def texts(paragraphs: list[Kept]) -> list[str]:
    return [p.text for p in paragraphs]


def test_paragraphs_nobody_edited_take_the_new_words() -> None:
    merged = merge([A, B], [kept("a"), kept("b")], ["a", "b"])
    assert texts(merged) == ["a new.", "b new."]
    assert not any(p.is_edited for p in merged)


def test_edited_paragraphs_keep_the_officers_words_and_place() -> None:
    merged = merge([A, B], [kept("b", "Ours."), kept("a")], ["a", "b"])
    assert texts(merged) == ["Ours.", "a new."]
    assert merged[0].drafted_text == "b new."  # So the page can still say it was edited.


def test_added_paragraphs_stay_where_they_were_put() -> None:
    merged = merge([A, B], [kept("a"), Kept("Added."), kept("b")], ["a", "b"])
    assert texts(merged) == ["a new.", "Added.", "b new."]


def test_removed_paragraphs_stay_removed() -> None:
    assert texts(merge([A, B, C], [kept("a"), kept("c")], ["a", "b", "c"])) == [
        "a new.",
        "c new.",
    ]


def test_a_paragraph_drafted_for_the_first_time_follows_the_one_before_it() -> None:
    merged = merge([A, B, C], [kept("c"), kept("a")], ["a", "c"])
    assert texts(merged) == ["c new.", "a new.", "b new."]
    assert texts(merge([A, B], [kept("b")], ["b"])) == ["a new.", "b new."]


def test_a_paragraph_no_longer_drafted_goes_unless_it_was_edited() -> None:
    merged = merge([A], [kept("a"), kept("b"), kept("c", "Ours.")], ["a", "b", "c"])
    assert texts(merged) == ["a new.", "Ours."]
    assert merged[1].key == ""  # Now the officer's own.


def test_every_drafted_paragraph_gets_a_key_of_its_own() -> None:
    paragraphs = keyed(
        [DraftParagraph("x"), DraftParagraph("y", key="k"), DraftParagraph("z", key="k")]
    )
    assert [p.key for p in paragraphs] == ["paragraph-1", "k", "k-3"]


@pytest.fixture
def report(org: Organisation) -> Report:
    strategy = StrategyFactory.create(organisation=org)
    StrategyEventFactory.create(strategy=strategy, text="Presented to the Committee.")
    meeting = MeetingFactory.create(committee=CommitteeFactory.create(organisation=org))
    return draft_report(ReportFactory.create(meeting=meeting))


def progress(report: Report) -> list[str]:
    """The progress section's paragraphs, but for the coverage check's, which a redraft
    rewrites with the check's findings of the day."""
    section = report.sections.get(key="progress")
    paragraphs = section.paragraphs.exclude(draft_key="coverage-check")
    return [p.text for p in paragraphs.order_by("position")]


def test_a_redraft_keeps_edits_additions_moves_and_removals(report: Report, org) -> None:
    section = report.sections.get(key="progress")
    first, second, *rest = section.paragraphs.order_by("position")
    edit_paragraph(first, "Our opening.")
    add_paragraph(section, "Our own point.", after=first)
    move_paragraph(second, +1)  # Key projects, now after "Going forward".
    remove_paragraph(rest[-1])  # "Progress ... is now attached at Appendix 1."
    before = progress(report)
    assert before[0:2] == ["Our opening.", "Our own point."]
    assert before[2].startswith("Going forward") and before[3].startswith("This progress report")

    UpdateFactory.create(
        initiative=InitiativeFactory.create(organisation=org), period=report.period
    )
    after = progress(draft_report(report))

    # The new figures paragraph follows key projects, the paragraph drafted before it.
    assert after[:4] == before
    assert after[4].startswith("The one initiative whose return was approved is")
    assert len(after) == 5
