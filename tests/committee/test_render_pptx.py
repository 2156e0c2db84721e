"""The appendix deck: a titled slide each, native charts, alt text on every picture."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from headway.committee.document import Document, Figure, Slide
from headway.committee.render.charts import GanttChart, Milestone
from headway.committee.render.pptx import render_pptx
from headway.committee.slide_fit import ROOM, table_inches


def _open(data: bytes):
    return Presentation(io.BytesIO(data))


def _descr(shape) -> str | None:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")


def test_it_opens_with_a_title_slide_then_a_slide_per_slide(
    pptx_bytes: bytes, sample: Document
) -> None:
    assert sample.appendix is not None
    titles = [slide.shapes.title.text for slide in _open(pptx_bytes).slides]
    assert titles[0] == sample.appendix.title
    expected = [slide.title for slide in sample.appendix.slides]
    # The road map's data follows it on slides of its own.
    assert [t for t in titles[1:] if ": the data" not in t] == expected
    assert "Road map 2021-22: the data (1 of 2)" in titles


def test_the_status_chart_is_a_native_editable_chart(pptx_bytes: bytes) -> None:
    frames = [
        shape for slide in _open(pptx_bytes).slides for shape in slide.shapes if shape.has_chart
    ]
    kinds = {frame.chart.chart_type for frame in frames}
    assert XL_CHART_TYPE.BAR_STACKED in kinds
    assert XL_CHART_TYPE.LINE_MARKERS in kinds
    bar = next(f for f in frames if f.chart.chart_type == XL_CHART_TYPE.BAR_STACKED)
    assert bar._element.tag.endswith("graphicFrame")
    assert bar.chart.part.partname.startswith("/ppt/charts/chart")
    assert [s.name for s in bar.chart.plots[0].series] == ["Blue", "Green", "Amber", "Red"]
    assert all(_descr(frame) for frame in frames)


def test_every_picture_has_alt_text(pptx_bytes: bytes) -> None:
    pictures = [
        shape
        for slide in _open(pptx_bytes).slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert pictures, "the road map should be a picture"
    for picture in pictures:
        assert (_descr(picture) or "").startswith("Road map of")


def test_tables_keep_their_status_names(pptx_bytes: bytes) -> None:
    slide = next(
        s for s in _open(pptx_bytes).slides if s.shapes.title.text.startswith("Priority 1:")
    )
    table = next(shape for shape in slide.shapes if shape.has_table).table
    assert [table.cell(0, c).text for c in range(4)] == [
        "Initiative",
        "Service",
        "Status",
        "Update",
    ]
    assert table.cell(1, 2).text in {"Blue", "Green", "Amber", "Red"}


def test_the_same_document_gives_the_same_bytes(pptx_bytes: bytes, sample: Document) -> None:
    assert render_pptx(sample) == pptx_bytes


def test_it_records_the_snapshot_time(pptx_bytes: bytes, sample: Document) -> None:
    properties = _open(pptx_bytes).core_properties
    assert properties.created == sample.generated_at.replace(tzinfo=None)
    assert properties.language == "en-GB"


def test_it_says_when_there_is_no_deck(sample: Document) -> None:
    with pytest.raises(ValueError, match="has no appendix deck"):
        render_pptx(replace(sample, appendix=None))


def test_a_long_data_table_is_paged_by_the_room_its_rows_take(sample: Document) -> None:
    assert sample.appendix is not None
    road_map = next(
        block.chart
        for slide in sample.appendix.slides
        for block in slide.blocks
        if isinstance(block, Figure) and isinstance(block.chart, GanttChart)
    )
    busy = replace(
        road_map,
        rows=tuple(
            replace(row, milestones=tuple(Milestone(f"Milestone {k}", row.end) for k in range(6)))
            for row in road_map.rows[:10]
        ),
    )
    slide = Slide("Road map", (Figure(busy, alt="The road map."),))
    document = replace(sample, appendix=replace(sample.appendix, slides=(slide,)))
    slides = list(_open(render_pptx(document)).slides)
    tables = [shape.table for s in slides for shape in s.shapes if shape.has_table]
    # Ten rows would make one slide of data; rows this long take more.
    assert len(tables) > 1
    rows = [tuple(cell.text for cell in row.cells) for table in tables for row in table.rows]
    header = rows[0]
    body = [row for row in rows if row != header]
    assert len(body) == 10
    for table in tables:
        cells = [tuple(cell.text for cell in row.cells) for row in table.rows]
        assert table_inches(cells[0], cells[1:]) <= ROOM
