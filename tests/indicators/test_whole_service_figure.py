"""The whole service's figure from the partners': sum, weighted average, or its own return."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from headway.indicators.status import Aggregation, PartnerFigure, whole_service

D = Decimal
values = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
weights = st.decimals(min_value=1, max_value=10**5, places=0, allow_nan=False)
figures = st.lists(st.builds(PartnerFigure, values, weights), min_size=1, max_size=6)


def test_examples() -> None:
    newham, havering = PartnerFigure(D(90), D(3000)), PartnerFigure(D(96), D(1000))
    assert whole_service("sum", [newham, havering]) == D(186)
    assert whole_service("weighted", [newham, havering]) == D("91.50")
    assert whole_service("own", [newham, havering]) is None


def test_a_missing_partner_figure_leaves_no_whole_service_figure() -> None:
    assert whole_service("sum", [PartnerFigure(D(4)), None]) is None
    assert whole_service("weighted", [PartnerFigure(D(4), D(1)), None]) is None


def test_a_weighted_average_needs_every_weight() -> None:
    assert whole_service("weighted", [PartnerFigure(D(4), D(1)), PartnerFigure(D(5))]) is None
    assert whole_service("weighted", [PartnerFigure(D(4), D(0)), PartnerFigure(D(5), D(0))]) is None


def test_no_partners_make_no_figure() -> None:
    assert whole_service("sum", []) is None


@given(figures)
def test_a_sum_is_the_sum(rows: list[PartnerFigure]) -> None:
    assert whole_service(Aggregation.SUM, rows) == sum(r.value for r in rows)


@given(figures)
def test_a_weighted_average_lies_between_the_partners_figures(rows: list[PartnerFigure]) -> None:
    average = whole_service(Aggregation.WEIGHTED, rows)
    assert average is not None
    assert min(r.value for r in rows) <= average <= max(r.value for r in rows)


@given(values, st.lists(weights, min_size=1, max_size=6))
def test_equal_figures_average_to_themselves(value: Decimal, ws: list[Decimal]) -> None:
    assert whole_service("weighted", [PartnerFigure(value, w) for w in ws]) == value


@given(figures)
def test_an_own_return_is_never_computed(rows: list[PartnerFigure]) -> None:
    assert whole_service(Aggregation.OWN, rows) is None


def test_values_are_written_in_their_unit_to_its_places() -> None:
    from headway.indicators.units import format_value

    assert format_value(D("96.50"), "percentage") == "96.5%"
    assert format_value(D("95"), "percentage") == "95.0%"
    assert format_value(D("86.62"), "percentage") == "86.6%"
    assert format_value(D("86.65"), "percentage") == "86.7%"  # half up
    assert format_value(D("12340.00"), "money") == "£12,340"
    assert format_value(D("-5.25"), "money") == "-£5"
    assert format_value(D("-0.25"), "money") == "£0"
    assert format_value(D("22.40"), "days") == "22.4 days"
    assert format_value(D("1"), "days") == "1.0 days"
    assert format_value(D("1204"), "number") == "1,204"
    assert format_value(None, "number") == "\u2013"


def test_a_weighted_average_is_kept_to_the_places_its_unit_is_shown_to() -> None:
    newham, havering = PartnerFigure(D("84.2"), D(96400)), PartnerFigure(D("90.4"), D(61800))
    assert whole_service("weighted", [newham, havering]) == D("86.62")
    assert whole_service("weighted", [newham, havering], places=1) == D("86.6")
    assert whole_service("weighted", [newham, havering], places=0) == D("87")
    # Never finer than figures are kept.
    assert whole_service("weighted", [newham, havering], places=4) == D("86.62")


@given(figures)
def test_a_weighted_average_to_a_tenth_is_the_two_place_one_rounded(
    rows: list[PartnerFigure],
) -> None:
    fine = whole_service(Aggregation.WEIGHTED, rows)
    tenth = whole_service(Aggregation.WEIGHTED, rows, places=1)
    assert (fine is None) == (tenth is None)
    if fine is not None and tenth is not None:
        assert abs(fine - tenth) <= D("0.05")
