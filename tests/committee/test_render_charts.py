"""Charts are drawn once per pack, the same bytes every time, in the data's colours."""

from __future__ import annotations

import copy
from datetime import date
from functools import cache

import pytest
from lxml import etree
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.font_manager import FontProperties

from headway.committee.document import Document
from headway.committee.render import drawing
from headway.committee.render.charts import (
    BarChart,
    Chart,
    GanttChart,
    GanttRow,
    LineChart,
    Milestone,
    Period,
    Series,
    draw_chart,
    render_charts,
)
from headway.committee.render.drawing import draw, figure_for, slim_svg, styled

BAR = BarChart(
    "Initiatives by status",
    ("Great place to work", "Best value"),
    (Series("Green", "#123456", (3.0, 1.0)), Series("Red", "#d4351c", (0.0, 2.0))),
)
ROAD_MAP = GanttChart(
    "Road map",
    (
        Period("Q1", date(2021, 4, 1), date(2021, 6, 30)),
        Period("Q2", date(2021, 7, 1), date(2021, 9, 30)),
    ),
    (
        GanttRow(
            "Best value",
            "Insurance tender",
            date(2021, 4, 15),
            date(2021, 8, 31),
            "Amber",
            "#f47738",
            (Milestone("Tender issued", date(2021, 5, 3)),),
        ),
    ),
)


def test_it_draws_svg_for_pages_and_png_for_office() -> None:
    images = draw(BAR)
    assert images.svg.lstrip().startswith("<?xml")
    assert "<svg" in images.svg
    assert images.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert images.width_inches > 0 and images.height_inches > 0


def test_it_draws_the_same_bytes_every_time() -> None:
    for chart in (
        BAR,
        ROAD_MAP,
        LineChart("Trend", ("Q1", "Q2"), (Series("Green", "#00703c", (1, 2)),)),
    ):
        first, second = draw(chart), draw(chart)
        assert first.svg == second.svg
        assert first.png == second.png


def test_it_keeps_no_date_or_version_in_the_files() -> None:
    images = draw(BAR)
    assert "<dc:date>" not in images.svg
    assert b"Software" not in images.png[:200]


def test_it_takes_its_colours_from_the_data() -> None:
    assert "#123456" in draw(BAR).svg
    assert "#f47738" in draw(ROAD_MAP).svg


def test_it_keeps_text_as_text_for_screen_readers_and_search() -> None:
    assert "Great place to work" in draw(BAR).svg
    assert "Insurance tender" in draw(ROAD_MAP).svg


def test_it_leaves_out_the_groups_that_only_name_an_element() -> None:
    svg = draw(ROAD_MAP).svg
    root = etree.fromstring(svg.encode())
    groups = root.iter("{http://www.w3.org/2000/svg}g")
    assert all(set(group.attrib) - {"id"} for group in groups)
    # What the groups held is all still there.
    assert svg.count("<text") >= 6 and "clip-path=" in svg


def test_slimming_keeps_groups_that_style_or_are_pointed_at() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<g id="named"><path d="M 0 0"/></g>'
        '<g id="styled" style="fill: red"><path d="M 1 1"/></g>'
        '<g id="used"><path d="M 2 2"/></g><use xlink:href="#used"/>'
        '<g id="empty"/></svg>'
    )
    slim = slim_svg(svg)
    assert 'id="named"' not in slim and 'id="empty"' not in slim
    assert 'id="styled"' in slim and 'id="used"' in slim
    assert slim.count("<path") == 3


def test_it_draws_each_chart_of_a_pack_once(sample: Document) -> None:
    draw_chart.cache_clear()
    charts = render_charts(sample)
    # The status chart appears in the report and in the appendix, but is drawn once.
    assert len(charts) == 3 == draw_chart.cache_info().misses
    for chart in sample.charts():
        render_charts([chart])
    assert draw_chart.cache_info().misses == 3


def test_each_chart_gives_its_data_table() -> None:
    header, rows = BAR.data_table()
    assert header == ("Priority", "Green", "Red", "Total")
    assert rows == (("Great place to work", "3", "0", "3"), ("Best value", "1", "2", "3"))
    header, rows = ROAD_MAP.data_table()
    assert header[:2] == ("Initiative", "Priority")  # the initiative names the row
    assert rows[0][4:] == ("Amber", "Tender issued (3 May 2021)")


def test_it_refuses_a_series_that_does_not_fit_the_categories() -> None:
    with pytest.raises(ValueError, match="give one value per category"):
        BarChart("Broken", ("A", "B"), (Series("Green", "#00703c", (1.0,)),))


def test_it_refuses_a_road_map_row_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        GanttRow("P", "Backwards", date(2021, 6, 1), date(2021, 5, 1), "Green", "#00703c")


WIDE = "WOMBAT MAW MEMO WOW " * 3  # wide capitals, wrapped over several lines


@pytest.mark.parametrize(
    "chart",
    [
        BarChart("Bars", (WIDE, "Best value"), (Series("Green", "#00703c", (3.0, 1.0)),)),
        BarChart(
            "Many statuses",
            ("1. Customer-focused services", "2. Efficiency and value for money"),
            tuple(Series(f"Status {n}", "#1d70b8", (n, 1.0)) for n in range(5)),
        ),
        LineChart("Lines", ("Q1", "Q2"), (Series("Green", "#00703c", (1.0, 12345.0)),)),
        LineChart("A tick past", ("Q1", "Q2"), (Series("Green", "#00703c", (1.0, 9.0)),)),
        GanttChart(
            "Road map",
            ROAD_MAP.periods,
            (
                GanttRow(WIDE, WIDE, date(2021, 4, 1), date(2021, 9, 30), "Red", "#d4351c"),
                GanttRow(
                    "Best value",
                    "Insurance tender",
                    date(2021, 4, 1),
                    date(2021, 5, 1),
                    "Red",
                    "#d4351c",
                ),
            ),
        ),
    ],
    ids=["long labels", "wide key", "large numbers", "a tick past the highest", "road map"],
)
def test_every_label_and_key_falls_inside_the_picture(chart: Chart) -> None:
    # The frame is worked out from the labels, not by matplotlib: nothing may be cut off.
    with styled():
        figure = figure_for(chart)
        renderer = FigureCanvasAgg(figure).get_renderer()
        inked = figure.get_tightbbox(renderer)
    width, height = figure.get_size_inches()
    assert inked.x0 >= 0 and inked.y0 >= 0, inked
    assert inked.x1 <= width and inked.y1 <= height, inked


def test_it_finds_the_report_s_font_even_if_installed_after_matplotlib_listed_the_fonts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not any(entry.name == "Liberation Sans" for entry in font_manager.fontManager.ttflist):
        pytest.skip("Liberation Sans is not installed here (CI installs it)")
    # A font list made before Liberation Sans was installed, as matplotlib keeps between runs.
    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [e for e in stale.ttflist if e.name != "Liberation Sans"]
    monkeypatch.setattr(font_manager, "fontManager", stale)
    monkeypatch.setattr(font_manager, "findfont", stale.findfont)
    monkeypatch.setattr(drawing, "_fonts_known", cache(drawing._fonts_known.__wrapped__))
    with styled():
        found = font_manager.findfont(FontProperties(family=["sans-serif"]))
    assert "LiberationSans" in found
