"""The pack's indicators section, composed from snapshot data alone: the cover report's
paragraph, the summary tables, the exception reports and their trend charts."""

from __future__ import annotations

from datetime import date

from headway.committee.compose import indicators
from headway.committee.compose.appendix import compose_appendix
from headway.committee.compose.cover import draft_cover
from headway.committee.render.svg_charts import range_ticks, svg_for
from tests.committee.snapshot_data import indicators_data, snapshot_data


def _titles(data: dict) -> list[str]:
    deck = compose_appendix(data, "Joint Committee", date(2022, 3, 11))
    return [slide.title for slide in deck.slides]


def test_without_measures_there_is_no_section_and_no_paragraph() -> None:
    data = snapshot_data()
    assert not any("indicator" in title.lower() for title in _titles(data))
    assert indicators.cover_paragraph(data, "Q3 2021-22") is None
    keys = [p.key for s in draft_cover(data, "Joint Committee", []) for p in s.paragraphs]
    assert "indicators" not in keys


def test_the_cover_counts_measures_by_their_worst_row_and_names_those_off_target() -> None:
    text = indicators.cover_paragraph(indicators_data(), "Q3 2021-22")
    assert text is not None
    assert text.startswith(
        "Of the 3 performance indicators reported for Q3 2021-22, two are off target and "
        "one on target."
    )
    assert (
        "REV-PI-02 Average days to process a new claim (off target for Newham and the "
        "whole service)"
    ) in text
    assert "FIN-PI-01 Invoices paid within 30 days (off target for Havering)" in text
    assert "DEBT-PI-01" not in text


def test_the_appendix_has_a_summary_per_priority_then_an_exception_report_per_measure() -> None:
    titles = [t for t in _titles(indicators_data()) if "indicator" in t or "Exception" in t]
    assert titles == [
        "Performance indicators",
        "Performance indicators: priority 1, Priority 1",
        "Performance indicators: priority 2, Priority 2",
        "Performance indicators: other measures",
        "Exception report: REV-PI-02 Average days to process a new claim (1 of 2)",
        "Exception report: REV-PI-02 Average days to process a new claim (2 of 2)",
        "Exception report: FIN-PI-01 Invoices paid within 30 days (1 of 2)",
        "Exception report: FIN-PI-01 Invoices paid within 30 days (2 of 2)",
    ]


def test_statuses_and_directions_are_words_with_a_symbol() -> None:
    assert indicators.status_text("off_target") == "\u2717 Off target"
    assert indicators.direction_text("worse") == "\u25bc Getting worse"
    assert indicators.status_cell("on_target").label == "\u2713 On target"


def test_a_shared_target_is_one_dashed_line_and_differing_ones_a_line_each() -> None:
    measures = {m["reference"]: m for m in indicators.measures(indicators_data())}
    shared = indicators.trend_chart(measures["FIN-PI-01"])
    assert [(s.name, s.dashed) for s in shared.series] == [
        ("Havering", False),
        ("Newham", False),
        ("Whole service", False),
        ("Target", True),
    ]
    assert not shared.from_zero
    # A quarter without a figure is a gap, in the chart and its data table.
    assert shared.series[1].values == (97.5, None, 96.0)
    assert shared.data_table()[1][1] == ("2021-22 Q2", "94.0", "\u2013", "\u2013", "95.0")
    differing = indicators.trend_chart(measures["REV-PI-02"])
    assert [s.name for s in differing.series if s.dashed] == [
        "Target for Havering",
        "Target for Newham",
        "Target for Whole service",
    ]


def test_the_line_chart_draws_gaps_and_dashed_targets_on_an_axis_around_the_values() -> None:
    measure = {m["reference"]: m for m in indicators.measures(indicators_data())}["FIN-PI-01"]
    drawn = svg_for(indicators.trend_chart(measure)).svg
    assert 'stroke-dasharray="6 3"' in drawn
    assert ">92<" in drawn and ">0<" not in drawn
    assert range_ticks(84.2, 92) == (84.0, 92.0, [84.0 + n for n in range(9)])
    assert range_ticks(0, 0)[0] == 0.0
