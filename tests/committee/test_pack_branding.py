"""The pack in the organisation's look: logo on the title slide, a footer and a number on
every other slide, the template's layouts, axis titles, and the Word header's name."""

from __future__ import annotations

import io

import docx
from pptx import Presentation
from pptx.util import Inches

from headway.committee.document import Document, long_date
from headway.committee.render.branding import PLAIN, Branding
from headway.committee.render.charts import Chart, ChartImages
from headway.committee.render.docx import render_docx
from headway.committee.render.pptx import render_pptx
from tests.strategy.test_branding_page import picture

LOOK = Branding(colour="#005a9c", accent="#00703c", logo=picture())


def _template() -> bytes:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(13.333), Inches(7.5)
    for layout in presentation.slide_layouts:
        if layout.name == "Title Only":
            layout.name = "Council heading"
    presentation.slides.add_slide(presentation.slide_layouts[1]).shapes.title.text = "Sample"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def test_the_title_slide_has_the_logo_and_every_other_slide_a_footer_and_number(
    sample: Document, charts: dict[Chart, ChartImages]
) -> None:
    deck = Presentation(io.BytesIO(render_pptx(sample, charts, LOOK)))
    slides = list(deck.slides)
    assert [shape.name for shape in slides[0].shapes if shape.name == "Logo"] == ["Logo"]
    assert sample.appendix is not None
    footer = f"{sample.appendix.title}, {long_date(sample.meeting_date)}"
    for number, slide in enumerate(slides[1:], start=2):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert footer in texts
        assert f"Slide {number}" in texts
        title = slide.shapes.title.text_frame.paragraphs[0].runs[0]
        assert str(title.font.color.rgb) == "005A9C"


def test_the_deck_is_built_on_the_template_without_its_slides(
    sample: Document, charts: dict[Chart, ChartImages]
) -> None:
    deck = Presentation(
        io.BytesIO(render_pptx(sample, charts, Branding(deck_template=_template())))
    )
    assert "Sample" not in [s.shapes.title.text for s in deck.slides if s.shapes.title]
    assert deck.slides[0].slide_layout.name == "Title Slide"
    # No "Title Only" layout: the one with a title and the fewest other boxes.
    assert deck.slides[1].slide_layout.name == "Council heading"


def test_charts_name_their_axes(sample: Document, charts: dict[Chart, ChartImages]) -> None:
    deck = Presentation(io.BytesIO(render_pptx(sample, charts, PLAIN)))
    native = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert native
    for chart in native:
        titles = {chart.category_axis.axis_title.text_frame.text}
        titles.add(chart.value_axis.axis_title.text_frame.text)
        assert "Initiatives" in titles


def test_the_word_report_names_the_organisation_at_the_head_of_each_page(
    sample: Document, charts: dict[Chart, ChartImages]
) -> None:
    word = docx.Document(io.BytesIO(render_docx(sample, charts=charts, branding=LOOK)))
    header = word.sections[0].header
    assert sample.organisation in header.paragraphs[0].text
    assert header._element.xpath(".//pic:pic")
