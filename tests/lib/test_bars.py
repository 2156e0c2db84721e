"""The dashboard's bar charts: one bar per row, split into its parts, with a key."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from headway.lib.bars import LABEL_CHARACTERS, WIDTH, Bar, Series, stacked_bars

SERIES = [Series("approved", "Approved", "#00703c"), Series("submitted", "Submitted", "#003078")]
NS = {"svg": "http://www.w3.org/2000/svg"}


def _svg(markup: str) -> etree._Element:
    return etree.fromstring(markup.encode())


def _bar_widths(svg: etree._Element) -> list[float]:
    return [float(r.get("width")) for r in svg.xpath("//svg:rect[svg:title]", namespaces=NS)]


def test_it_names_the_chart_for_screen_readers() -> None:
    svg = _svg(stacked_bars("Returns by service", [Bar("Finance", {"approved": 2})], SERIES))
    assert svg.get("role") == "img"
    assert svg.find("svg:title", NS).text == "Returns by service"


def test_it_draws_a_part_per_count_and_a_key() -> None:
    svg = _svg(
        stacked_bars("t", [Bar("Finance", {"approved": 3, "submitted": 1}), Bar("ICT", {})], SERIES)
    )
    texts = svg.xpath("//svg:text/text()", namespaces=NS)
    assert texts[:2] == ["Approved", "Submitted"]
    assert "Finance" in texts and "ICT" in texts
    titles = svg.xpath("//svg:rect/svg:title/text()", namespaces=NS)
    assert titles == ["Approved: 3", "Submitted: 1"]


def test_it_escapes_labels() -> None:
    markup = stacked_bars("<b>", [Bar("R&D <x>", {"approved": 1})], SERIES)
    assert "R&amp;D &lt;x&gt;" in markup
    _svg(markup)


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=12))
def test_the_longest_bar_fits_and_parts_are_in_proportion(counts: list[tuple[int, int]]) -> None:
    bars = [Bar(f"S{i}", {"approved": a, "submitted": s}) for i, (a, s) in enumerate(counts)]
    svg = _svg(stacked_bars("t", bars, SERIES))
    widths = _bar_widths(svg)
    assert sum(widths) <= WIDTH * len(bars)
    longest = max(a + s for a, s in counts)
    if longest:
        unit = max(widths) / max(max(a, s) for a, s in counts)
        assert all(abs(w - round(w / unit) * unit) < 1 for w in widths)


def test_a_label_too_long_for_the_chart_is_cut_with_an_ellipsis() -> None:
    long = "Procurementtransformationprogrammeforallsharedbackofficeteams 🚀"
    svg = _svg(stacked_bars("t", [Bar(long, {"approved": 1}), Bar("ICT", {})], SERIES))
    texts = svg.xpath("//svg:text/text()", namespaces=NS)
    cut = next(text for text in texts if text.startswith("Procurement"))
    assert cut.endswith("…") and len(cut) <= LABEL_CHARACTERS
    assert "ICT" in texts
