"""Render a report's appendix deck as PowerPoint: a title slide, then one slide per ``Slide``.

Bar and line charts become native, editable charts; the road map is a picture with alt text and
its data table on the slide after it. Every slide has a real title. Same document, same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC
from typing import Any, TypeGuard

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from headway.committee import slide_fit
from headway.committee.document import (
    Document,
    Figure,
    Slide,
    SlideBlock,
    Table,
    long_date,
)
from headway.committee.render.branding import PLAIN, Branding, deck_layouts, open_template
from headway.committee.render.charts import (
    BarChart,
    Chart,
    ChartImages,
    LineChart,
    render_charts,
)
from headway.committee.render.ooxml import drop_thumbnail, save_fixed
from headway.committee.render.pptx_package import LinearDeck
from headway.committee.render.pptx_shapes import (
    add_footer,
    add_logo,
    add_native_chart,
    add_picture,
    add_rule,
    add_table,
    add_text,
    estimate_height,
    set_direction,
    set_title,
    style_run,
)

WIDE, HIGH = Inches(slide_fit.SLIDE_WIDTH), Inches(slide_fit.SLIDE_HEIGHT)
MARGIN = Inches(slide_fit.MARGIN)
CONTENT_TOP = Inches(slide_fit.CONTENT_TOP)
CONTENT_BOTTOM = Inches(slide_fit.CONTENT_BOTTOM)
GAP = Inches(slide_fit.BLOCK_GAP)
# Rows of a figure's data table on one slide, at most (fewer when they are long).
ROWS_PER_SLIDE = slide_fit.DATA_ROWS_PER_SLIDE


def render_pptx(
    document: Document,
    charts: Mapping[Chart, ChartImages] | None = None,
    branding: Branding = PLAIN,
) -> bytes:
    """The appendix deck (``document.appendix``) as .pptx, in the organisation's look."""
    deck = document.appendix
    if deck is None:
        raise ValueError(f"{document.title!r} has no appendix deck to render.")
    charts = charts if charts is not None else render_charts(document)
    if branding.deck_template:
        presentation = open_template(branding.deck_template)
    else:
        presentation = Presentation()
    LinearDeck(presentation)  # slides added in time proportional to their number
    presentation.slide_width, presentation.slide_height = WIDE, HIGH
    layouts = deck_layouts(presentation)
    # Every slide but the title slide carries the report's title and date, and its number.
    footer = f"{deck.title}, {long_date(document.meeting_date)}"
    _title_slide(presentation, layouts[0], deck.title, deck.subtitle, deck.coverage, branding)
    for slide in deck.slides:
        for page in _pages(slide):
            added = _slide(presentation, layouts[1], page, charts, branding)
            # The document model's number for the slide, where it gives one (a slide's data
            # slides after it have none): else its place in the deck.
            number = getattr(page, "number", None) or len(presentation.slides)
            _footer(added, footer, number, branding)
    _properties(presentation, document)
    drop_thumbnail(presentation.part.package)
    return save_fixed(presentation.part.package, document.generated_at)


def _pages(slide: Slide) -> list[Slide]:
    """The slide, then a slide for each picture's data table (see ``slide_fit.deck_pages``)."""
    return slide_fit.deck_pages(slide)


def _title_slide(
    presentation: Any,
    layout: Any,
    title: str,
    subtitle: str,
    coverage: str,
    branding: Branding,
) -> None:
    slide = presentation.slides.add_slide(layout)
    heading = slide.shapes.title
    subtitles = [shape for shape in slide.placeholders if shape.placeholder_format.idx == 1]
    # Boxes the layout has but the deck does not fill would show "Click to add text".
    for shape in slide.placeholders:
        if shape.placeholder_format.idx not in (0, 1):
            shape._element.getparent().remove(shape._element)
    sub = subtitles[0] if subtitles else slide.shapes.add_textbox(0, 0, 1, 1)
    heading.left, heading.top, heading.width, heading.height = (
        MARGIN,
        Inches(2.2),
        WIDE - 2 * MARGIN,
        Inches(1.6),
    )
    sub.left, sub.top, sub.width, sub.height = MARGIN, Inches(4.1), WIDE - 2 * MARGIN, Inches(1)
    _text(heading, title, Pt(40), bold=True, colour=branding.colour)
    _text(sub, subtitle, Pt(24))
    # Flush left, with the rule and the logo, whatever the layout's alignment.
    for shape in (heading, sub):
        shape.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    add_rule(slide, (MARGIN, Inches(3.9), Inches(3), Inches(0.08)), branding.accent)
    if branding.logo:
        add_logo(slide, branding.logo, (MARGIN, Inches(0.5), Inches(4), Inches(1.2)))
    if coverage:
        # What the figures cover, when the quarter was open or returns were missing.
        box = slide.shapes.add_textbox(MARGIN, Inches(5.2), WIDE - 2 * MARGIN, Inches(1))
        box.text_frame.word_wrap = True
        _text(box, coverage, Pt(18))


def _text(shape: Any, text: str, size: Any, bold: bool = False, colour: str = "#0b0c0c") -> None:
    paragraph = shape.text_frame.paragraphs[0]
    set_direction(paragraph, text)
    run = paragraph.add_run()
    run.text = text
    style_run(run, size, bold=bold, colour=RGBColor.from_string(colour[1:].upper()))


def _footer(slide: Any, text: str, number: int, branding: Branding) -> None:
    """The report's title and date along the foot of the slide, its number at the right."""
    top, height = Inches(slide_fit.CONTENT_BOTTOM + 0.05), Inches(0.3)
    boxes = (
        (MARGIN, top, WIDE - 2 * MARGIN, Emu(9525)),
        (MARGIN, top, WIDE - 2 * MARGIN - Inches(1.2), height),
        (WIDE - MARGIN - Inches(1.2), top, Inches(1.2), height),
    )
    add_footer(slide, text, number, branding.accent, boxes)


def _slide(
    presentation: Any,
    layout: Any,
    spec: Slide,
    charts: Mapping[Chart, ChartImages],
    branding: Branding,
) -> Any:
    slide = presentation.slides.add_slide(layout)
    # Each new shape's id from a counter, not from searching the slide for the highest: every
    # shape from here on is added through python-pptx's ``_next_shape_id``, so they are the same.
    slide.shapes.turbo_add_enabled = True
    set_title(
        slide.shapes.title,
        (MARGIN, Inches(0.35), WIDE - 2 * MARGIN, Inches(1)),
        spec.title,
        Pt(slide_fit.title_points(spec.title)),
        bold=True,
        ink=branding.colour[1:].upper(),
        align="l",
    )
    width = WIDE - 2 * MARGIN
    top = int(CONTENT_TOP)
    bottom = CONTENT_BOTTOM
    for block in spec.blocks:
        height = estimate_height(block, width)
        if isinstance(block, Figure):
            height = max(Inches(2), bottom - top)
        _block(slide, block, (MARGIN, top, width, height), charts, branding)
        top += height + GAP
    if spec.notes:
        slide.notes_slide.notes_text_frame.text = spec.notes
    return slide


def _block(
    slide: Any,
    block: SlideBlock,
    box: tuple[int, ...],
    charts: Mapping[Chart, ChartImages],
    branding: Branding,
) -> None:
    if isinstance(block, Table):
        add_table(slide, block, box, heading_fill=branding.colour)
    elif isinstance(block, Figure):
        # PowerPoint cannot hold a chart without categories (a quarter with no returns yet):
        # such a chart goes in as its picture.
        if is_native(block.chart):
            add_native_chart(slide, block.chart, block.alt, box)
        else:
            images = charts.get(block.chart) or render_charts([block.chart])[block.chart]
            add_picture(slide, images, block.alt, box)
    else:
        add_text(slide, block, box)


def is_native(chart: Chart) -> TypeGuard[BarChart | LineChart]:
    """Whether the deck shows the chart as a native chart; otherwise it shows its picture."""
    return isinstance(chart, BarChart | LineChart) and bool(chart.categories)


def pictured_charts(document: Document) -> Iterator[Chart]:
    """The charts the deck shows as pictures (their PNGs): the road maps, and any chart without
    categories."""
    for slide in document.appendix.slides if document.appendix is not None else ():
        for block in slide.blocks:
            if isinstance(block, Figure) and not is_native(block.chart):
                yield block.chart


def _properties(presentation: Any, document: Document) -> None:
    properties = presentation.core_properties
    when = document.generated_at.astimezone(UTC).replace(tzinfo=None)
    deck = document.appendix
    assert deck is not None
    properties.title = deck.title
    properties.subject = f"{document.committee}, {long_date(document.meeting_date)}"
    properties.author = document.author
    properties.last_modified_by = "Headway"
    properties.language = document.language
    properties.keywords = document.organisation
    properties.comments = ""
    properties.category = "Committee report appendix"
    properties.revision = 1
    properties.created = when
    properties.modified = when
    properties.last_printed = when
