"""The demo's 2021-22 Q3 deck, printed by LibreOffice, keeps every slide's words above its
footer and never draws one word over another. A slide of several lists (changes since the last
quarter: a lead-in, its bullets, another lead-in ...) once ran its last bullet into the footer,
because the composer paged the lists by their bullets alone while the renderer also gave each
lead-in and each list a box and a gap of its own."""

from __future__ import annotations

from typing import Any

import pytest

from headway.committee import slide_fit
from headway.committee.compose.document import compose_document, report_content
from headway.committee.models import Report
from headway.committee.render.pptx import render_pptx
from tests.committee.test_hostile_text_layout import (
    SLACK,
    Printed,
    _libreoffice,
    _overlapping,
    _read,
)

pytestmark = pytest.mark.django_db

POINTS_PER_INCH = 72


@pytest.fixture(scope="module")
def slides(demo: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    with django_db_blocker.unblock():
        report = Report.objects.get(period__year=2021, period__quarter=3)
        document = compose_document(report_content(report))
    source = tmp_path_factory.mktemp("demo-deck") / "appendix.pptx"
    source.write_bytes(render_pptx(document))
    return _read(_libreoffice(source))


def test_every_word_of_a_slide_s_content_stays_above_its_footer(slides: Printed) -> None:
    footer_top = slide_fit.CONTENT_BOTTOM * POINTS_PER_INCH
    strays = []
    for word in slides.words:
        _, height = slides.sizes[word.page - 1]
        scale = height / (slide_fit.SLIDE_HEIGHT * POINTS_PER_INCH)
        # A word wholly below the rule is the footer's; one that starts above it and reaches
        # past it is content running into the footer.
        if word.top < footer_top * scale and word.bottom > footer_top * scale + SLACK:
            strays.append((word.page, word.text))
    assert strays == []


def test_no_word_of_the_demo_s_deck_is_drawn_over_another(slides: Printed) -> None:
    assert _overlapping(slides) == []
