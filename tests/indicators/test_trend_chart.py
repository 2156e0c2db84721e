"""A measure's trend chart leaves a gap where a quarter has no figure."""

from __future__ import annotations

import math

from headway.committee.render.charts import LineChart, Series
from headway.committee.render.svg_charts import svg_for


def chart(values: tuple[float, ...]) -> LineChart:
    return LineChart(
        title="Calls answered: Newham",
        categories=("2021-22 Q1", "2021-22 Q2", "2021-22 Q3"),
        series=(Series("Newham", "#1d70b8", values), Series("Target", "#505a5f", (90, 90, 90))),
        value_label="Percentage",
    )


def test_a_missing_figure_is_a_gap_in_the_line_and_a_blank_in_the_table() -> None:
    gapped = svg_for(chart((88.5, math.nan, 84.2))).svg
    whole = svg_for(chart((88.5, 86.0, 84.2))).svg
    assert "nan" not in gapped.lower()
    # Two lines (the target's and the whole one) become one: the gapped line is points only.
    assert whole.count("<polyline") == 2
    assert gapped.count("<polyline") == 1
    _, rows = chart((88.5, math.nan, 84.2)).data_table()
    assert rows[1] == ("2021-22 Q2", "", "90")
