"""Renderers: each takes the document model and returns bytes (or text); none touches the database.

``render_pack`` draws the charts once and hands them to all four renderers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from headway.committee.document import Document


def render_pack(document: Document, template: bytes | None = None) -> dict[str, bytes]:
    """The committee pack: report.docx, appendix.pptx (if there is a deck), report.html and .pdf.

    ``template`` is the committee's own Word template, if it has one.
    """
    # Imported here: the document model imports the chart specs from this package.
    from headway.committee.render.charts import render_charts
    from headway.committee.render.docx import render_docx
    from headway.committee.render.html import render_html
    from headway.committee.render.pdf import render_pdf
    from headway.committee.render.pptx import render_pptx

    charts = render_charts(document)
    html = render_html(document, charts)
    pack = {"report.docx": render_docx(document, template, charts)}
    if document.appendix is not None:
        pack["appendix.pptx"] = render_pptx(document, charts)
    pack["report.html"] = html.encode()
    pack["report.pdf"] = render_pdf(html)
    return pack
