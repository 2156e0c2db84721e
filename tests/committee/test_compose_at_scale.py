"""A long portfolio gives more slides, each of which still fits: road map bars, table rows,
priority map cells and bullets are capped, and nothing is left out or named twice."""

from __future__ import annotations

from datetime import date
from typing import Any

from headway.committee.compose.appendix import (
    NAMES_PER_BULLET,
    ROAD_MAP_ROWS,
    ROWS_PER_SLIDE,
    TITLES_PER_CELL,
    changes_since_last_quarter,
    compose_appendix,
)
from headway.committee.compose.maps import road_map_chart
from headway.committee.document import BulletList, Figure, Slide, SlideDeck, Table
from headway.committee.render.charts import GanttChart
from headway.committee.slide_fit import ROOM, bullet_inches, table_inches
from tests.committee.snapshot_data import initiative, snapshot_data, update


def portfolio(n: int) -> dict[str, Any]:
    """``n`` initiatives over the five priorities, each with an update this quarter, the
    first fifth completed this quarter and every tenth reported for the first time."""
    initiatives = [
        initiative(
            k,
            f"Initiative {k:04}",
            priorities=[k % 5 + 1],
            planned_start="2021-04-01" if k % 2 else "2021-10-01",
            planned_end="2023-03-31" if k % 3 else "2022-03-31",
        )
        for k in range(1, n + 1)
    ]
    current = [update(k, "blue" if k <= n // 5 else "green") for k in range(1, n + 1)]
    for row in current:
        row["achievements"] = f"Step {row['initiative']} done."
    previous = [update(k, "green") for k in range(1, n + 1) if k % 10]
    return snapshot_data(
        initiatives=initiatives, updates={"current": current, "previous": previous}
    )


def deck(data: dict[str, Any]) -> SlideDeck:
    return compose_appendix(data, "Joint Committee", date(2022, 3, 11))


def slides_titled(deck: SlideDeck, start: str) -> list[Slide]:
    return [slide for slide in deck.slides if slide.title.startswith(start)]


def table_rows(deck: SlideDeck, start: str) -> list[tuple[Any, ...]]:
    """The rows of the tables on the slides whose titles begin with ``start``, in order."""
    return [
        row
        for slide in slides_titled(deck, start)
        for block in slide.blocks
        if isinstance(block, Table)
        for row in block.rows
    ]


def road_maps(deck: SlideDeck) -> list[GanttChart]:
    return [
        block.chart
        for slide in slides_titled(deck, "Road map")
        for block in slide.blocks
        if isinstance(block, Figure) and isinstance(block.chart, GanttChart)
    ]


def test_the_road_map_is_paged_with_every_bar_once_and_in_order() -> None:
    data = portfolio(95)
    pages = road_maps(deck(data))
    assert len(pages) == 10
    assert all(len(page.rows) <= ROAD_MAP_ROWS for page in pages)
    assert [row for page in pages for row in page.rows] == list(road_map_chart(data).rows)
    assert [page.title for page in pages][:2] == [
        "Road map 2021-22 (1 of 10)",
        "Road map 2021-22 (2 of 10)",
    ]


def test_each_road_map_page_says_what_it_covers() -> None:
    slides = slides_titled(deck(portfolio(25)), "Road map")
    alts = [block.alt for slide in slides for block in slide.blocks if isinstance(block, Figure)]
    assert alts[1].startswith("Road map of initiatives 11 to 20 of the 25 across the four quarters")
    assert "grouped by priority (3. Priority 3 and 4. Priority 4)" in alts[1]


def test_a_short_road_map_is_one_slide_without_a_page_number() -> None:
    [page] = road_maps(deck(snapshot_data()))
    assert page.title == "Road map 2021-22"


def test_tables_and_bullets_are_capped_per_slide() -> None:
    appendix = deck(portfolio(200))
    for slide in appendix.slides:
        for block in slide.blocks:
            if isinstance(block, Table):
                assert len(block.rows) <= ROWS_PER_SLIDE, slide.title
                assert table_inches(block.header, block.rows) <= ROOM, slide.title
            if isinstance(block, BulletList):
                assert len(block.items) <= ROWS_PER_SLIDE, slide.title
                assert sum(bullet_inches(item.text) for item in block.items) <= ROOM


def test_long_cells_give_a_table_more_slides() -> None:
    data = portfolio(40)
    for row in data["updates"]["current"]:
        row["achievements"] = "Done. " * 60
    rows = table_rows(deck(data), "Key activities from services")
    slides = slides_titled(deck(data), "Key activities from services")
    assert len(rows) == 40
    assert len(slides) > -(-40 // ROWS_PER_SLIDE)


def test_the_priority_map_names_a_few_initiatives_a_cell_and_continues_the_priority() -> None:
    rows = table_rows(deck(portfolio(100)), "Priority map")
    named = [title for row in rows for title in str(row[1]).split("; ") if title]
    assert sorted(named) == [f"Initiative {k:04}" for k in range(1, 101)]
    assert all(len(str(cell).split("; ")) <= TITLES_PER_CELL for row in rows for cell in row[1:])
    # A priority running on is named once a slide: "(continued)" on the slides after its first.
    slides = [s for s in deck(portfolio(100)).slides if s.title.startswith("Priority map")]
    for slide in slides:
        labels = [str(r[0]) for b in slide.blocks if isinstance(b, Table) for r in b.rows]
        named = [label for label in labels if label]
        assert len(named) == len(set(named)), slide.title
    first = [str(row[0]) for row in rows if str(row[0]).startswith("1. Priority 1")]
    assert first[0] == "1. Priority 1"
    assert set(first[1:]) <= {"1. Priority 1 (continued)"}


def test_key_activities_have_a_row_per_initiative() -> None:
    rows = table_rows(deck(portfolio(30)), "Key activities")
    assert len(rows) == 30
    assert rows[0] == ("Finance", "Initiative 0001", "Step 1 done.")


def test_changes_name_every_initiative_a_few_to_a_bullet() -> None:
    groups = dict(changes_since_last_quarter(portfolio(100)))
    completed = groups["Completed:"]
    assert completed[0].startswith("Initiative 0001, Initiative 0002")
    assert completed[1].startswith("Initiative 0007")
    assert len(completed) == -(-20 // NAMES_PER_BULLET)
    first_time = groups["Reported for the first time:"]
    assert sum(line.count("Initiative") for line in first_time) == 10


def test_slides_grow_with_the_portfolio_not_faster() -> None:
    small, large = len(deck(portfolio(100)).slides), len(deck(portfolio(1000)).slides)
    assert 8 < large / small <= 10.5
