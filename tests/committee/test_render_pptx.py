"""The appendix deck: a titled slide each, native charts, alt text on every picture."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from headway.committee.document import Document
from headway.committee.render.pptx import render_pptx


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
