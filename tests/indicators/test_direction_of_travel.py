"""Direction of travel: better or worse than an earlier figure, by the measure's polarity."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from headway.indicators.status import Direction, Polarity, direction

D = Decimal
amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
maybe = st.none() | amounts
polarities = st.sampled_from(list(Polarity))


def test_examples() -> None:
    assert direction(D(96), D(94), "higher") == Direction.IMPROVING
    assert direction(D(96), D(94), "lower") == Direction.WORSE
    assert direction(D(18), D(22), "lower") == Direction.IMPROVING
    assert direction(D(18), D(18), "lower") == Direction.NO_CHANGE
    assert direction(D(18), None, "lower") == Direction.NOT_COMPARABLE
    assert direction(None, D(18), "higher") == Direction.NOT_COMPARABLE


@given(now=maybe, before=maybe, polarity=polarities)
def test_without_both_figures_there_is_no_direction(
    now: Decimal | None, before: Decimal | None, polarity: Polarity
) -> None:
    result = direction(now, before, polarity)
    assert (result == Direction.NOT_COMPARABLE) == (now is None or before is None)


@given(now=amounts, before=amounts)
def test_the_two_polarities_read_a_change_the_opposite_way(now: Decimal, before: Decimal) -> None:
    higher, lower = direction(now, before, "higher"), direction(now, before, "lower")
    if now == before:
        assert higher == lower == Direction.NO_CHANGE
    else:
        assert {higher, lower} == {Direction.IMPROVING, Direction.WORSE}


@given(a=amounts, b=amounts, polarity=polarities)
def test_swapping_the_figures_swaps_the_direction(
    a: Decimal, b: Decimal, polarity: Polarity
) -> None:
    swapped = {
        Direction.IMPROVING: Direction.WORSE,
        Direction.WORSE: Direction.IMPROVING,
        Direction.NO_CHANGE: Direction.NO_CHANGE,
    }
    assert direction(b, a, polarity) == swapped[direction(a, b, polarity)]


def test_each_direction_is_shown_in_words_and_a_symbol() -> None:
    for each in Direction:
        assert each.label and each.symbol
