"""A long deck costs in proportion to its slides, and comes out as python-pptx would write it."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from headway.committee.document import Document
from headway.committee.render.charts import Chart, ChartImages
from headway.committee.render.pptx_package import LinearDeck


def _deck(charts: dict[Chart, ChartImages], add_slide: Any, presentation: Any) -> bytes:
    _fill(charts, add_slide, presentation)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _fill(charts: dict[Chart, ChartImages], add_slide: Any, presentation: Any) -> None:
    pictures = [images.png for images in charts.values()][:2]
    for number in range(12):
        slide = add_slide(presentation.slide_layouts[5])
        slide.shapes.title.text = f"Slide {number}"
        # The same picture twice is stored once; a second picture gets a name of its own.
        slide.shapes.add_picture(io.BytesIO(pictures[number % 2]), Inches(1), Inches(1))
        data = CategoryChartData()
        data.categories = ("Green", "Amber")
        data.add_series("Initiatives", (number, 2))
        box = (Inches(1), Inches(3), Inches(4), Inches(3))
        slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *box, data)
        slide.notes_slide.notes_text_frame.text = f"Notes {number}"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        return {name: deck.read(name) for name in deck.namelist()}


def test_the_linear_deck_names_every_part_as_python_pptx_does(
    sample: Document, charts: dict[Chart, ChartImages]
) -> None:
    plain = Presentation()
    expected = _parts(_deck(charts, plain.slides.add_slide, plain))
    fast = Presentation()
    LinearDeck(fast)
    written = _parts(_deck(charts, fast.slides.add_slide, fast))
    assert sorted(written) == sorted(expected)
    assert sum(name.startswith("ppt/media/image") for name in written) == 2
    for name in ("ppt/presentation.xml", "ppt/_rels/presentation.xml.rels", "[Content_Types].xml"):
        assert written[name] == expected[name], name


def test_adding_slides_never_walks_the_whole_deck(
    charts: dict[Chart, ChartImages], monkeypatch: Any
) -> None:
    """What made each slide cost more than the last: a walk over every part already there."""
    presentation = Presentation()
    LinearDeck(presentation)
    package = presentation.part.package

    def walk() -> Any:
        raise AssertionError("the deck's parts were walked")

    monkeypatch.setattr(package, "iter_parts", walk)
    monkeypatch.setattr(package, "iter_rels", walk)
    _fill(charts, presentation.slides.add_slide, presentation)  # pictures, charts, notes
