"""A measure's trend chart leaves a gap where a quarter has no figure, and its value axis is
drawn around its values and target (from zero only for values close to it), the same every
time it is drawn."""

from __future__ import annotations

import base64
import math
import re
from decimal import Decimal

from headway.accounts.models import User
from headway.committee.compose import indicators
from headway.committee.render.charts import LineChart, Series
from headway.committee.render.svg_charts import range_ticks, svg_for
from headway.indicators.models import Measure
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner
from tests.committee.snapshot_data import indicators_data
from tests.conftest import signed_in
from tests.factories import ReportingPeriodFactory
from tests.indicators.factories import FigureFactory
from tests.pages import Page

D = Decimal


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


def _value_ticks(svg: str) -> list[str]:
    """The value axis's numbers: the texts drawn at its end (right-aligned), top to bottom."""
    return re.findall(r'text-anchor="end"[^>]*>([^<]+)<', svg)


def test_the_measure_page_s_chart_is_drawn_around_its_values_and_target(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, reviewer: User
) -> None:
    org = invoices.organisation
    for number, value in ((1, "85.5"), (2, "90.2")):
        period = ReportingPeriodFactory.create(
            organisation=org, year=2021, quarter=number, state="upcoming"
        )
        FigureFactory.create(measure=invoices, period=period, partner=partner, value=D(value))
    FigureFactory.create(measure=invoices, period=q3, partner=partner, value=D("94.8"))
    page = Page.of(signed_in(reviewer).get(f"/measures/{invoices.pk}/"))
    [image, *_] = page.tree.xpath("//img[starts-with(@src, 'data:image/svg+xml')]/@src")
    svg = base64.b64decode(image.partition(",")[2]).decode()
    # 85.5% to 94.8% against 95%: even ticks from 84 to 96, not from 0.
    assert [float(tick) for tick in _value_ticks(svg)] == [84, 86, 88, 90, 92, 94, 96]
    # The target is dashed, as in the pack.
    assert 'stroke-dasharray="6 3"' in svg
    # Its table gives each value to the unit's tenth.
    assert "85.5%" in page.text() and "95.0%" in page.text()


def test_values_close_to_zero_keep_it_and_whole_numbers_get_whole_ticks() -> None:
    # A percentage between 84 and 92 shows its movement.
    assert range_ticks(84.2, 92) == (84.0, 92.0, [84.0 + n for n in range(9)])
    # Counts from 2 to 5, and a cumulative measure from 17% to 70%, start from 0.
    assert range_ticks(2, 5, whole=True) == (0.0, 5.0, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
    assert range_ticks(17, 70)[0] == 0.0
    # Counts get no tick between two whole numbers, even on a flat line.
    assert range_ticks(0, 3, whole=True)[2] == [0.0, 1.0, 2.0, 3.0]
    assert range_ticks(5, 5, whole=True)[2] == [4.0, 5.0, 6.0]
    assert range_ticks(0, 3)[2][1] == 0.5


def test_the_pack_s_trend_charts_are_the_same_bytes_every_time() -> None:
    for measure in indicators.measures(indicators_data()):
        chart = indicators.trend_chart(measure)
        first = svg_for(chart).svg
        again = svg_for(indicators.trend_chart(measure)).svg
        assert first == again, measure["reference"]


def test_eight_quarters_names_take_two_lines_rather_than_being_cut_short() -> None:
    quarters = tuple(f"{year}-{year % 100 + 1} Q{n}" for year in (2020, 2021) for n in (1, 2, 3, 4))
    values = tuple(90.0 + n for n in range(8))
    wide = LineChart(
        title="Calls answered",
        categories=quarters,
        series=(Series("Newham", "#1d70b8", values),),
        from_zero=False,
        decimals=1,
    )
    svg = svg_for(wide).svg
    assert "…" not in svg
    assert svg.count(">2020-21<") == 4 and svg.count(">Q4<") == 2
    # Three quarters fit on one line each.
    narrow = svg_for(chart((88.5, 86.0, 84.2))).svg
    assert ">2021-22 Q1<" in narrow
