"""Lists on the appendix's slides: a lead-in above its bullets, never one of them; no list
leaves its last item alone on a slide when the slide before could hold it; a list carried on
says "(continued)" once on each slide it carries on to."""

from __future__ import annotations

from datetime import date

from headway.committee.compose.appendix import ROWS_PER_SLIDE, _lists_slides, compose_appendix
from headway.committee.document import BulletList, Paragraph, Slide
from headway.committee.slide_fit import without_lone_last
from tests.committee.snapshot_data import initiative, snapshot_data, update


def _texts(slide: Slide) -> list[str]:
    return [
        block.text if isinstance(block, Paragraph) else f"* {len(block.items)}"
        for block in slide.blocks
        if isinstance(block, Paragraph | BulletList)
    ]


def _items(n: int) -> list[str]:
    return [f"Initiative {k}: Go live (31 March 2022)" for k in range(1, n + 1)]


def test_the_lead_in_is_a_paragraph_above_its_bullets() -> None:
    [slide] = _lists_slides("Focus", [("Milestones due in Q4 2021-22:", _items(3))])
    assert _texts(slide) == ["Milestones due in Q4 2021-22:", "* 3"]
    bullets = slide.blocks[1]
    assert isinstance(bullets, BulletList)
    assert all("Milestones due" not in item.text for item in bullets.items)


def test_a_last_item_stays_with_the_others_when_the_slide_has_room() -> None:
    slides = _lists_slides("Focus", [("Due:", _items(ROWS_PER_SLIDE + 1))])
    assert len(slides) == 1


def test_a_long_list_carries_on_under_its_lead_in_marked_continued_once() -> None:
    slides = _lists_slides("Focus", [("Due:", _items(ROWS_PER_SLIDE + 3))])
    assert [s.title for s in slides] == ["Focus (1 of 2)", "Focus (2 of 2)"]
    assert _texts(slides[0]) == ["Due:", f"* {ROWS_PER_SLIDE}"]
    assert _texts(slides[1]) == ["Due (continued):", "* 3"]


def test_a_list_that_starts_at_a_slide_s_foot_moves_whole_without_continued() -> None:
    groups = [("First:", _items(ROWS_PER_SLIDE)), ("Second:", _items(2))]
    slides = _lists_slides("Changes", groups)
    assert _texts(slides[1]) == ["Second:", "* 2"]
    for slide in slides:
        leads = [t for t in _texts(slide) if t.endswith("(continued):")]
        assert len(leads) == len(set(leads))


def test_focus_for_the_coming_months_leaves_out_what_finished_or_stopped() -> None:
    due = [{"title": "Go live", "due": "2022-02-28", "forecast": None, "completed_on": None}]
    data = snapshot_data(
        initiatives=[
            initiative(1, "Still going", milestones=due),
            initiative(2, "Dropped", status="deprioritised", milestones=due),
            initiative(3, "Done", status="completed", milestones=due),
            initiative(4, "Reported complete", milestones=due),
            initiative(5, "Closed by decision", milestones=due),
        ],
        updates={"current": [update(1, "green"), update(4, "blue")], "previous": []},
        map_changes=[{"summary": "Closed by decision closed", "kind": "close", "initiative": 5}],
    )
    deck = compose_appendix(data, "Joint Committee", date(2022, 3, 11))
    focus = [
        item.text
        for slide in deck.slides
        if slide.title.startswith("Focus")
        for block in slide.blocks
        if isinstance(block, BulletList)
        for item in block.items
    ]
    assert focus == ["Still going: Go live (28 February 2022)"]


def test_a_table_never_leaves_one_row_alone_when_the_slide_before_has_room() -> None:
    header = ("Initiative", "Status")
    rows = [(f"Initiative {k}", "Green") for k in range(1, 10)]
    assert without_lone_last(header, [rows[:8], rows[8:]]) == [rows]
    assert without_lone_last(header, [rows[:7], rows[7:]]) == [rows[:7], rows[7:]]
    tall = [("Done. " * 400, "Green")]
    assert without_lone_last(header, [tall, rows[:1]]) == [tall, rows[:1]]
