"""The HTML report: one accessible page that reads on a phone and prints like the report."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from headway.committee.document import Document, Figure, Paragraph, Section, Slide
from headway.committee.render.charts import Chart, ChartImages
from headway.committee.render.html import render_html
from tests.browsers import axe_violations


def _tree(page: str) -> Any:
    return lxml_html.document_fromstring(page)


def test_it_names_its_language_and_has_one_h1(html: str, sample: Document) -> None:
    tree = _tree(html)
    assert tree.get("lang") == "en-GB"
    assert [h.text_content() for h in tree.iter("h1")] == [sample.title]
    assert tree.find(".//title").text_content().startswith(sample.title)


def test_its_headings_go_down_one_level_at_a_time(html: str) -> None:
    levels = [int(el.tag[1]) for el in _tree(html).iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1


def test_the_recommendations_are_a_real_ordered_list(html: str) -> None:
    tree = _tree(html)
    heading = next(h for h in tree.iter("h2") if h.text_content() == "RECOMMENDATIONS")
    items = heading.getparent().findall("ol/li")
    assert [li.text_content()[:11] for li in items] == ["To note the"]


def test_numbered_paragraphs_show_their_numbers(html: str) -> None:
    tree = _tree(html)
    numbers = [p.find("span").text_content() for p in tree.find_class("numbered")]
    assert numbers == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5"]
    assert tree.get_element_by_id("paragraph-2.3") is not None
    headings = [h.text_content() for h in tree.iter("h3") if h.find("span") is not None]
    assert headings[:2] == [
        "1. Background",
        "2. one source strategy 2021-22 progress update for Q3",
    ]


def test_every_table_has_a_caption_and_scoped_headers(html: str) -> None:
    tables = list(_tree(html).iter("table"))
    assert len(tables) > 5
    for table in tables:
        assert table.find("caption") is not None and table.find("caption").text_content()
        assert all(th.get("scope") in {"col", "row"} for th in table.iter("th"))


def test_every_chart_is_named_described_and_followed_by_its_data(html: str) -> None:
    tree = _tree(html)
    figures = list(tree.iter("figure"))
    assert len(figures) == 4  # one in the report, three in the appendix
    for figure in figures:
        svg = next(figure.iter("svg"))
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert tree.get_element_by_id(title_id).tag == "title"
        assert tree.get_element_by_id(desc_id).text_content()
        assert svg.get("width") is None, "charts must scale to the screen"
        # On a phone a chart scrolls sideways in a region keyboards can reach and name.
        region = svg.getparent()
        assert "chart-wrapper" in region.get("class") and region.get("tabindex") == "0"
        assert region.get("role") == "region" and "Chart: " in region.get("aria-label")
        # Named by a caption, or by the heading of the slide whose title it would repeat.
        caption = figure.find("figcaption")
        if caption is None:
            heading = tree.get_element_by_id(figure.get("aria-labelledby"))
            assert heading.tag == "h3" and "slide" in heading.getparent().get("class")
            assert figure.getparent() is heading.getparent()
        else:
            assert caption.text_content()
        assert figure.find(".//table/caption").text_content().startswith("Data for the chart")


def test_scrolling_regions_have_names_of_their_own(html: str) -> None:
    names = [el.get("aria-label") for el in _tree(html).iter() if el.get("role") == "region"]
    assert len(names) > 5 and len(names) == len(set(names))


def test_ids_are_unique_even_when_a_chart_appears_twice(html: str) -> None:
    ids = [el.get("id") for el in _tree(html).iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_the_appendix_is_the_second_part_of_the_page(html: str, sample: Document) -> None:
    assert sample.appendix is not None
    tree = _tree(html)
    appendix = tree.get_element_by_id("appendix-1")
    assert appendix.text_content() == f"Appendix 1: {sample.appendix.title}"
    slides = appendix.getparent().find_class("slide")
    assert len(slides) == len(sample.appendix.slides)


def test_a_slide_that_carries_on_the_one_before_is_printed_on_after_it(
    sample: Document, charts: dict[Chart, ChartImages]
) -> None:
    assert sample.appendix is not None
    slides = list(sample.appendix.slides)
    slides[2] = replace(slides[2], continues=True)
    page = render_html(
        replace(sample, appendix=replace(sample.appendix, slides=tuple(slides))), charts
    )
    printed = _tree(page).get_element_by_id("appendix-1").getparent().find_class("slide")
    assert [" continues" in slide.get("class") for slide in printed] == [
        slide.continues for slide in slides
    ]
    assert ".slide.continues { break-before: auto;" in page


def test_it_has_print_styles_and_phone_styles(html: str) -> None:
    assert "@media print" in html
    assert 'name="viewport"' in html
    assert "Arial" in html


def test_it_escapes_what_officers_type(sample: Document) -> None:
    section = Section("SUMMARY", (Paragraph.of("<script>alert('x')</script> & more"),))
    page = render_html(replace(sample, sections=(section,), appendix=None))
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_the_same_document_gives_the_same_page(html: str, sample: Document) -> None:
    assert render_html(sample) == html


@pytest.mark.browser
def test_axe_finds_no_accessibility_problems_and_it_fits_a_phone(
    html: str, tmp_path: Path, browser: Any, axe_source: str
) -> None:
    page_file = tmp_path / "report.html"
    page_file.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        problems = axe_violations(page, axe_source, extra_tags=("best-practice",))
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    finally:
        context.close()
    assert problems == []
    assert overflow <= 0, "the page scrolls sideways at 320 pixels wide"


def test_a_chart_that_would_repeat_its_slide_title_is_named_by_the_slide(
    sample: Document, charts: dict[Chart, ChartImages]
) -> None:
    assert sample.appendix is not None
    figure = next(
        block
        for slide in sample.appendix.slides
        for block in slide.blocks
        if isinstance(block, Figure)
    )
    titled = Slide(figure.caption, (figure,))  # as the road map's slides are
    other = Slide("Progress", (figure,))
    deck = replace(sample.appendix, slides=(titled, other))
    tree = _tree(render_html(replace(sample, appendix=deck), charts))
    first, second = tree.find_class("slide")
    assert first.find(".//figcaption") is None
    assert first.find(".//figure").get("aria-labelledby") == first.find("h3").get("id")
    assert second.find(".//figcaption").text_content() == figure.caption
