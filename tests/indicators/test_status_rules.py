"""Status against target and tolerance, for both polarities and both kinds of tolerance."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from hypothesis import given
from hypothesis import strategies as st

from headway.indicators.status import Goal, Polarity, Status, ToleranceKind, status

D = Decimal
amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
positive = st.decimals(min_value=0, max_value=10**4, places=2, allow_nan=False)
polarities = st.sampled_from(list(Polarity))
kinds = st.sampled_from(list(ToleranceKind))


def sign(polarity: Polarity) -> int:
    """+1 where higher is better: a figure "target + sign * x" is x better than the target."""
    return 1 if polarity == Polarity.HIGHER else -1


def test_a_missing_figure_is_no_data_with_or_without_a_target() -> None:
    assert status(None, Goal(D(95)), Polarity.HIGHER) == Status.NO_DATA
    assert status(None, None, Polarity.LOWER) == Status.NO_DATA


def test_a_figure_without_a_target_is_no_target() -> None:
    assert status(D(12), None, Polarity.HIGHER) == Status.NO_TARGET


def test_examples_where_higher_is_better() -> None:
    goal = Goal(D(95), ToleranceKind.ABSOLUTE, D(2))
    assert status(D("96.5"), goal, "higher") == Status.ON_TARGET
    assert status(D(95), goal, "higher") == Status.ON_TARGET
    assert status(D(93), goal, "higher") == Status.WITHIN_TOLERANCE
    assert status(D("92.99"), goal, "higher") == Status.OFF_TARGET


def test_examples_where_lower_is_better_with_a_percentage_tolerance() -> None:
    goal = Goal(D(20), ToleranceKind.PERCENTAGE, D(10))  # amber up to 22 days
    assert status(D(18), goal, "lower") == Status.ON_TARGET
    assert status(D(22), goal, "lower") == Status.WITHIN_TOLERANCE
    assert status(D("22.01"), goal, "lower") == Status.OFF_TARGET


def test_a_percentage_tolerance_of_a_negative_target_is_of_its_size() -> None:
    goal = Goal(D(-50), ToleranceKind.PERCENTAGE, D(10))
    assert goal.band == D(5)
    assert status(D(-55), goal, "higher") == Status.WITHIN_TOLERANCE


@given(target=amounts, better_by=positive, tolerance=positive, kind=kinds, polarity=polarities)
def test_meeting_or_beating_the_target_is_on_target(
    target: Decimal, better_by: Decimal, tolerance: Decimal, kind: ToleranceKind, polarity: Polarity
) -> None:
    value = target + sign(polarity) * better_by
    assert status(value, Goal(target, kind, tolerance), polarity) == Status.ON_TARGET


@given(target=amounts, share=st.floats(0.01, 1), tolerance=positive, kind=kinds, p=polarities)
def test_falling_short_by_no_more_than_the_band_is_within_tolerance(
    target: Decimal, share: float, tolerance: Decimal, kind: ToleranceKind, p: Polarity
) -> None:
    goal = Goal(target, kind, tolerance)
    short_by = (goal.band * D(str(share))).quantize(D("0.0001"), rounding=ROUND_DOWN)
    if short_by == 0:
        return
    assert status(target - sign(p) * short_by, goal, p) == Status.WITHIN_TOLERANCE


@given(target=amounts, beyond=positive, tolerance=positive, kind=kinds, polarity=polarities)
def test_falling_short_by_more_than_the_band_is_off_target(
    target: Decimal, beyond: Decimal, tolerance: Decimal, kind: ToleranceKind, polarity: Polarity
) -> None:
    goal = Goal(target, kind, tolerance)
    value = target - sign(polarity) * (goal.band + beyond + D("0.01"))
    assert status(value, goal, polarity) == Status.OFF_TARGET


@given(value=amounts, target=amounts, tolerance=positive, kind=kinds)
def test_the_two_polarities_agree_only_on_the_target_itself(
    value: Decimal, target: Decimal, tolerance: Decimal, kind: ToleranceKind
) -> None:
    goal = Goal(target, kind, tolerance)
    higher, lower = status(value, goal, "higher"), status(value, goal, "lower")
    if value == target:
        assert higher == lower == Status.ON_TARGET
    else:
        assert Status.ON_TARGET in (higher, lower)
        assert higher != lower


@given(value=amounts, target=amounts, polarity=polarities, kind=kinds)
def test_without_tolerance_there_is_no_amber(
    value: Decimal, target: Decimal, polarity: Polarity, kind: ToleranceKind
) -> None:
    assert status(value, Goal(target, kind, D(0)), polarity) in (
        Status.ON_TARGET,
        Status.OFF_TARGET,
    )


@given(value=amounts, target=amounts, small=positive, extra=positive, p=polarities, k=kinds)
def test_a_wider_tolerance_never_makes_a_status_worse(
    value: Decimal, target: Decimal, small: Decimal, extra: Decimal, p: Polarity, k: ToleranceKind
) -> None:
    order = [Status.OFF_TARGET, Status.WITHIN_TOLERANCE, Status.ON_TARGET]
    narrow = status(value, Goal(target, k, small), p)
    wide = status(value, Goal(target, k, small + extra), p)
    assert order.index(wide) >= order.index(narrow)
