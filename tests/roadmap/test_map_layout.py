"""The priority map puts each initiative on the first line of its row where its columns are
free, and finds that line without looking at every line placed before it."""

from __future__ import annotations

import heapq
import random

import pytest

from headway.roadmap.pictures import _lines

SPANS = [(0,), (1,), (2,), (0, 1)]


def first_free(spans: list[tuple[int, ...]]) -> list[int]:
    """The rule written the obvious (quadratic) way: scan every line for each item."""
    taken: list[set[int]] = []
    placed = []
    for columns in spans:
        for number, used in enumerate(taken):
            if not used & set(columns):
                used.update(columns)
                placed.append(number)
                break
        else:
            taken.append(set(columns))
            placed.append(len(taken) - 1)
    return placed


@pytest.mark.parametrize("seed", range(20))
def test_each_item_goes_on_the_first_line_where_its_columns_are_free(seed: int) -> None:
    chooser = random.Random(seed)
    spans = [chooser.choice(SPANS) for _ in range(chooser.randint(0, 400))]

    assert _lines(spans) == first_free(spans)


def test_a_small_row_is_laid_out_as_expected() -> None:
    assert _lines([(0,), (0, 1), (1,), (2,), (0,), (1,)]) == [0, 1, 0, 0, 2, 2]


def test_the_work_per_item_does_not_grow_with_the_lines_placed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counted in heap operations: one pop (at most) and one push per item, whatever the
    number of lines already on the row."""
    operations = 0
    push, pop = heapq.heappush, heapq.heappop

    def counted_push(heap: list[int], item: int) -> None:
        nonlocal operations
        operations += 1
        push(heap, item)

    def counted_pop(heap: list[int]) -> int:
        nonlocal operations
        operations += 1
        return pop(heap)

    monkeypatch.setattr(heapq, "heappush", counted_push)
    monkeypatch.setattr(heapq, "heappop", counted_pop)
    spans = [SPANS[n % 4] for n in range(20_000)]

    lines = _lines(spans)

    assert max(lines) >= 5_000
    assert operations <= 2 * len(spans)
