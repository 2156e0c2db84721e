"""Charts are drawn once per pack, the same bytes every time, in the data's colours."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from lxml import etree

from headway.committee.document import Document
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
from headway.committee.render.svg_charts import (
    FONT_SIZE,
    draw,
    drawable_text,
    escape,
    fitted,
    integer_ticks,
    paint_pngs,
    shortened,
    svg_for,
    text_width,
)

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
    assert "<metadata" not in images.svg and "date" not in images.svg.lower()
    assert b"Software" not in images.png[:200]


def test_it_takes_its_colours_from_the_data() -> None:
    assert "#123456" in draw(BAR).svg
    assert "#f47738" in draw(ROAD_MAP).svg


def test_it_keeps_text_as_text_for_screen_readers_and_search() -> None:
    assert "Great place to work" in draw(BAR).svg
    assert "Insurance tender" in draw(ROAD_MAP).svg


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


SVG = "{http://www.w3.org/2000/svg}"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _tree(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode(), PARSER)


def _texts(svg: str) -> list[str]:
    return [element.text or "" for element in _tree(svg).iter(f"{SVG}text")]


def test_the_png_is_the_svg_painted_at_150_ppi() -> None:
    images = draw(BAR)
    png = images.png
    width, height = (int.from_bytes(png[at : at + 4], "big") for at in (16, 20))
    assert width == round(images.width_inches * 150)
    assert height == round(images.height_inches * 150)


def test_several_charts_paint_in_one_run_as_they_paint_alone() -> None:
    drawn = [svg_for(BAR), svg_for(ROAD_MAP)]
    assert paint_pngs(drawn) == [draw(BAR).png, draw(ROAD_MAP).png]


def test_the_svg_names_its_size_and_view_for_the_page_and_the_pdf() -> None:
    root = _tree(draw(BAR).svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "504pt" and root.get("viewBox", "").startswith("0 0 504 ")
    # No ids to clash when a page inlines a chart twice, no scripts, no links.
    assert not [e for e in root.iter() if e.get("id")]
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}a"))


def test_its_text_is_in_the_report_s_font() -> None:
    root = _tree(draw(BAR).svg)
    family = next(root.iter(f"{SVG}g")).get("font-family", "")
    assert family.startswith("'Liberation Sans', Arial, 'DejaVu Sans'")


@pytest.mark.parametrize("special", ["&", "<", ">", '"', "'", "]]>", "&amp;", "<script>x</script>"])
def test_it_escapes_every_xml_special_character_in_every_label(special: str) -> None:
    label = f"A {special} B"
    charts: list[Chart] = [
        BarChart(
            label,
            (label,),
            (Series(label, "#123456", (1.0,)),),
            category_label=label,
            value_label=label,
        ),
        LineChart(label, (label, "Q2"), (Series(label, "#123456", (1.0, 2.0)),), label, label),
        GanttChart(
            label,
            (Period(label, date(2021, 4, 1), date(2021, 6, 30)),),
            (GanttRow(label, label, date(2021, 4, 1), date(2021, 5, 1), label, "#123456"),),
        ),
    ]
    for chart in charts:
        svg = draw(chart).svg
        texts = _texts(svg)  # parses: a special character left bare would not
        assert any(special in text for text in texts), (special, texts)
        assert "<script" not in svg


def test_escaping_leaves_out_what_xml_cannot_hold() -> None:
    assert escape("a\x00b\x1bc\ufffe<") == "abc&lt;"
    assert escape("\"'&") == "&quot;&#39;&amp;"


def test_it_names_characters_no_chart_font_has_and_keeps_right_to_left_text() -> None:
    assert drawable_text("Launch \U0001f680") == "Launch (rocket)"
    assert drawable_text("\U0001f469\u200d\U0001f4bb") == "(woman)(personal computer)"
    arabic = "\u0627\u0644\u0645\u062c\u0644\u0633"
    assert drawable_text(arabic) == arabic  # DejaVu Sans has Arabic
    chart = BarChart("Bars", (f"{arabic} \U0001f680",), (Series("Green", "#00703c", (1.0,)),))
    assert f"{arabic} (rocket)" in _texts(draw(chart).svg)


def test_it_cuts_a_label_too_wide_for_its_room_with_an_ellipsis() -> None:
    assert fitted("Short", 100) == "Short"
    cut = fitted("A very long initiative name that goes on and on", 100)
    assert cut.endswith("…") and "A very" in cut
    assert text_width(cut) <= 100 < text_width("A very long initiative name that goes on and on")
    assert text_width(fitted("W" * 500, 60, bold=True), bold=True) <= 60


def test_a_road_map_label_is_cut_at_a_space_or_inside_a_long_word() -> None:
    assert shortened("Replace the telephony and contact centre platform now", 50) == (
        "Replace the telephony and contact centre platform…"
    )
    assert shortened("Support both councils' medium-term financial strategies", 50) == (
        "Support both councils' medium-term financial…"
    )
    assert shortened(LONG_WORD, 50) == LONG_WORD[:49] + "…"
    assert shortened("Two\nlines", 50) == "Two lines"


def test_it_measures_with_the_font_s_own_widths() -> None:
    # Liberation Sans: "W" is 0.944 of an em, "i" 0.222; bold letters are wider.
    assert text_width("W") > 4 * text_width("i")
    assert text_width("W") == pytest.approx(0.944 * FONT_SIZE, rel=0.03)
    assert text_width("Best value", bold=True) > text_width("Best value")


@pytest.mark.parametrize(
    ("highest", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (21, [0, 3, 6, 9, 12, 15, 18, 21]),
        (44, [0, 5, 10, 15, 20, 25, 30, 35, 40, 45]),
        (12345, [0, 2000, 4000, 6000, 8000, 10000, 12000]),
    ],
)
def test_axis_ticks_are_whole_numbers_from_nought(highest: float, ticks: list[int]) -> None:
    end, found = integer_ticks(highest)
    assert found == ticks
    assert end > highest and found[-1] <= end


def test_the_value_axis_shows_whole_numbers_only() -> None:
    few = BarChart("Few", ("One",), (Series("Green", "#00703c", (1.0,)),))
    assert "0.5" not in _texts(draw(few).svg)


@pytest.mark.parametrize(
    "chart",
    [
        BarChart("No bars", (), ()),
        BarChart("No series", ("A",), ()),
        LineChart("No quarters", (), (Series("Green", "#00703c", ()),)),
        LineChart("One quarter", ("Q1",), (Series("Green", "#00703c", (0.0,)),)),
        GanttChart("Empty road map", ROAD_MAP.periods, ()),
    ],
    ids=["no categories", "no series", "no quarters", "one quarter of zeros", "empty road map"],
)
def test_it_draws_an_empty_chart(chart: Chart) -> None:
    images = draw(chart)
    assert _tree(images.svg) is not None
    assert images.height_inches > 0
    assert images.png.startswith(b"\x89PNG")


def test_a_road_map_of_a_thousand_rows_has_every_row() -> None:
    start = date(2021, 4, 1)
    rows = tuple(
        GanttRow(
            f"Priority {n % 5}",
            f"Initiative {n}",
            start + timedelta(days=n % 150),
            start + timedelta(days=n % 150 + 30),
            "Green",
            "#00703c",
            (Milestone(f"Milestone {n}", start + timedelta(days=n % 150 + 10)),),
        )
        for n in range(1000)
    )
    chart = GanttChart("Big road map", ROAD_MAP.periods, rows)
    svg = draw(chart).svg
    texts = _texts(svg)
    assert all(f"Initiative {n}" in texts for n in range(1000))
    assert svg.count("<rect") == 1 + 1000 + 1  # the background, the bars, the key's Green
    assert svg.count("<path") == 1000 + 1  # the milestones and the key's diamond


WIDE = "WOMBAT MAW MEMO WOW " * 3  # wide capitals, wrapped over several lines
LONG_WORD = "Supercalifragilistic" * 10


@pytest.mark.parametrize(
    "chart",
    [
        BarChart("Bars", (WIDE, "Best value"), (Series("Green", "#00703c", (3.0, 1.0)),)),
        BarChart("A long word", (LONG_WORD,), (Series(LONG_WORD, "#00703c", (3.0,)),)),
        BarChart(
            "Many statuses",
            ("1. Customer-focused services", "2. Efficiency and value for money"),
            tuple(Series(f"Status number {n}", "#1d70b8", (n, 1.0)) for n in range(9)),
        ),
        LineChart("Lines", ("Q1", "Q2"), (Series("Green", "#00703c", (1.0, 12345.0)),)),
        LineChart("A tick past", ("Q1", "Q2"), (Series("Green", "#00703c", (1.0, 9.0)),)),
        LineChart(
            "Long quarters",
            tuple(f"{WIDE} {n}" for n in range(8)),
            (Series("Green", "#00703c", tuple(range(8))),),
        ),
        GanttChart(
            "Road map",
            ROAD_MAP.periods,
            (
                GanttRow(WIDE, WIDE, date(2021, 4, 1), date(2021, 9, 30), "Red", "#d4351c"),
                GanttRow(LONG_WORD, LONG_WORD, date(2021, 4, 1), date(2021, 5, 1), "R", "#d4351c"),
            ),
            key=tuple((f"Status number {n}", "#1d70b8") for n in range(12)),
        ),
    ],
    ids=[
        "long labels",
        "a long word",
        "wide key",
        "large numbers",
        "a tick past the highest",
        "long quarters",
        "road map",
    ],
)
def test_every_label_and_key_falls_inside_the_picture(chart: Chart) -> None:
    # The frame is worked out from the labels' measured widths: nothing may be cut off.
    svg = draw(chart).svg
    root = _tree(svg)
    width, height = (float(n) for n in root.get("viewBox", "").split()[2:])
    for element in root.iter(f"{SVG}text"):
        text = element.text or ""
        bold = element.get("font-weight") == "bold"
        x, y = float(element.get("x", "0")), float(element.get("y", "0"))
        if element.get("transform") == "rotate(-90)":
            x, y = y, -x  # the value axis's title, read bottom to top
            assert x - FONT_SIZE >= 0 and x <= width, text
            assert y - text_width(text) / 2 >= 0 and y + text_width(text) / 2 <= height, text
            continue
        span = text_width(text, bold)
        anchor = element.get("text-anchor", "start")
        left = {"start": x, "middle": x - span / 2, "end": x - span}[anchor]
        assert left >= 0 and left + span <= width, (text, left, span, width)
        assert y - FONT_SIZE >= 0 and y <= height, text


def test_labels_of_the_same_axis_do_not_overlap() -> None:
    chart = LineChart(
        "Long quarters",
        tuple(f"{WIDE} {n}" for n in range(8)),
        (Series("Green", "#00703c", tuple(range(8))),),
    )
    root = _tree(draw(chart).svg)
    names = [e for e in root.iter(f"{SVG}text") if (e.text or "").startswith("WOM")]
    assert len(names) == 8
    spans = sorted(
        (float(e.get("x", "0")) - text_width(e.text or "") / 2, text_width(e.text or ""))
        for e in names
    )
    for (left, span), (next_left, _) in itertools.pairwise(spans):
        assert left + span <= next_left
