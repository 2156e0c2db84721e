"""An organisation's look in its committee pack: colours, logo and slide template.

A plain value the renderers take beside the document, read from the organisation by
``headway.strategy.branding``; renderers never read it from the database. ``PLAIN`` is
Headway's default, in the style of the committee's own printed reports: black headings on
white, no logo, and python-pptx's built-in slide layouts.

``check_deck_template`` says what makes an uploaded .pptx unusable, in words for the
administrator who uploaded it; ``deck_layouts`` picks the layouts the deck is built from.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

# The deck's geometry (slide_fit): 16:9, 13.333 by 7.5 inches, in EMU.
WIDE, HIGH = 12192000, 6858000
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


@dataclass(frozen=True, slots=True)
class Branding:
    colour: str = "#0b0c0c"  # slide titles, table headings
    accent: str = "#1d70b8"  # the title slide's rule, the footer's rule
    logo: bytes | None = None  # PNG or JPEG
    deck_template: bytes | None = None  # a .pptx whose masters and layouts the deck uses


PLAIN = Branding()


class TemplateProblem(ValueError):
    """Why a .pptx cannot be the deck's template, and what to do instead."""


def _has_title(layout: Any) -> bool:
    return any(shape.placeholder_format.type in _TITLES for shape in layout.placeholders)


def deck_layouts(presentation: Any) -> tuple[Any, Any]:
    """The layouts for the title slide and for the other slides: those named "Title Slide" and
    "Title Only" if the template has them, else its first layout with a title and the one with
    a title and the fewest other boxes."""
    layouts = [layout for layout in presentation.slide_layouts if _has_title(layout)]
    if not layouts:
        raise TemplateProblem(
            "None of the template's slide layouts has a title box. Use a template whose "
            "layouts include “Title Slide” and “Title Only”."
        )
    named = {layout.name: layout for layout in layouts}
    title = named.get("Title Slide", layouts[0])
    plain = named.get("Title Only") or min(layouts, key=lambda layout: len(layout.placeholders))
    return title, plain


def open_template(template: bytes) -> Any:
    """The template as a presentation with no slides of its own, ready to add the deck's."""
    presentation = Presentation(io.BytesIO(template))
    slides = presentation.slides._sldIdLst
    for slide in list(slides):
        presentation.part.drop_rel(slide.rId)
        slides.remove(slide)
    return presentation


def check_deck_template(template: bytes) -> None:
    """Raise ``TemplateProblem`` if the file is no .pptx Headway can build the deck on."""
    if not zipfile.is_zipfile(io.BytesIO(template)):
        raise TemplateProblem("The file is not a PowerPoint presentation. Upload a .pptx file.")
    try:
        presentation = Presentation(io.BytesIO(template))
    except Exception:
        raise TemplateProblem(
            "The file could not be opened as a PowerPoint presentation. Save it again from "
            "PowerPoint as a .pptx file (not .ppt or .potx) and upload that."
        ) from None
    width, height = presentation.slide_width, presentation.slide_height
    if not width or not height or abs(width / height - WIDE / HIGH) > 0.01:
        raise TemplateProblem(
            "The template's slides are not widescreen (16:9). In PowerPoint choose Design, "
            "Slide Size, Widescreen, save it and upload it again."
        )
    deck_layouts(presentation)
