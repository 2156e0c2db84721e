"""Renderers: each takes the document model and returns bytes (or text); none touches the database.

``render_pack`` draws the charts once and hands them to all four renderers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from headway.committee.document import Document
    from headway.committee.render.branding import Branding
    from headway.committee.render.charts import Chart, ChartImages

Progress = Callable[[int, str], None]

# A pack whose deck has at least this many slides writes its Word and PowerPoint files in a
# process of its own, beside the PDF. A smaller one writes them here: the forked process costs
# processor time (every page of memory it or this process writes is copied) that a small pack
# does not win back by the clock. Measured on 2 cores: at the demo's 30 slides forking saved
# about 0.1 s of the clock and cost 0.13 s of processor time (0.55 s against 0.42 s); at 529
# slides it saved a second and a half and cost 0.6 s.
FORK_FROM_SLIDES = 200


def render_pack(
    document: Document,
    template: bytes | None = None,
    progress: Progress | None = None,
    branding: Branding | None = None,
) -> dict[str, bytes]:
    """The committee pack: report.docx, appendix.pptx (if there is a deck), report.html and .pdf.

    ``template`` is the committee's own Word template, if it has one; ``progress`` hears of
    each step, with the percentage done; ``branding`` is the organisation's look (Headway's
    plain one if not given).
    """
    # Imported here: the document model imports the chart specs from this package.
    from headway.committee.render import docx, pptx
    from headway.committee.render.branding import PLAIN
    from headway.committee.render.html import render_html
    from headway.committee.render.pdf import render_pdf
    from headway.committee.render.processes import Forked

    step = progress or (lambda percent, text: None)
    step(15, "Drawing the charts")
    charts = draw_charts(document)
    look = branding or PLAIN

    def office() -> dict[str, bytes]:
        files = {"report.docx": docx.render_docx(document, template, charts, look)}
        if document.appendix is not None:
            files["appendix.pptx"] = pptx.render_pptx(document, charts, look)
        return files

    # A large pack's Word report and PowerPoint appendix in a process of their own, while this
    # one writes the web page and typesets the PDF: on two processors the pack takes about the
    # time of the longer half.
    step(35, "Writing the Word report and the PowerPoint appendix")
    slides = len(document.appendix.slides) if document.appendix is not None else 0
    writing = Forked(office) if slides >= FORK_FROM_SLIDES else None
    written = office() if writing is None else {}
    step(45, "Writing the web page")
    html = render_html(document, charts)
    step(60, "Writing the PDF")
    pdf = render_pdf(document, charts)
    pack = writing.result() if writing is not None else written
    pack["report.html"] = html.encode()
    pack["report.pdf"] = pdf
    return pack


def draw_charts(document: Document) -> dict[Chart, ChartImages]:
    """Every chart of the document drawn (its SVG), and painted (its PNG) where the Office files
    show it as a picture.

    They are painted here, before the files are written: the process that writes the Office
    files beside this one cannot run Typst. Only those: the deck's bar and line charts are
    native charts, and the web page and the PDF show every chart as its SVG.
    """
    from headway.committee.render import docx, pptx
    from headway.committee.render.charts import paint_charts, render_charts

    charts = render_charts(document)
    pictured = {*docx.pictured_charts(document), *pptx.pictured_charts(document)}
    paint_charts(images for chart, images in charts.items() if chart in pictured)
    return charts


def warm_up() -> None:
    """Load what a pack needs before the first one is asked for: the renderers, the charts'
    font measures and the fonts Typst paints the charts and the PDF with. The first pack in a
    new process took about twice as long as the next without it."""
    from headway.committee.render import docx, html, pptx  # noqa: F401  (loaded for later)
    from headway.committee.render.charts import BarChart, Series, draw_chart
    from headway.committee.render.fonts import drawable, typst_fonts

    typst_fonts()
    drawable()
    # A chart drawn and painted, past the cache, reads the fonts' measures into Typst's caches.
    chart = BarChart("Warming up", ("Headway",), (Series("Ready", "#00703c", (1.0,)),))
    _painted = draw_chart.__wrapped__(chart).png
