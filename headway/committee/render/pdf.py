"""Print the report's HTML page to a tagged PDF/UA-1 file with WeasyPrint.

The PDF is made from the same page the committee reads in a browser, using its print styles, so
the two cannot disagree. WeasyPrint tags the structure (headings, lists, tables with their
header cells, figures with the SVG's title as alternative text) and takes the language from
``<html lang>`` and the dates from the page's ``dcterms`` meta tags.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import pydyf
import weasyprint
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

# Inline SVG styles reach WeasyPrint's HTML CSS parser too, which warns that it does not know
# SVG's own properties, once per chart element; the SVG renderer itself uses them. The page's
# phone-sized styles are for screens, and WeasyPrint rightly skips them.
_SVG_PROPERTY = re.compile(
    r"^(Ignored `(fill|stroke|stroke-[a-z]+|text-anchor|clip-path)\b"
    r"|Expected a media type|Invalid media type)"
)


class _QuietSvgStyles(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not _SVG_PROPERTY.match(record.getMessage())


logging.getLogger("weasyprint").addFilter(_QuietSvgStyles())


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    """pydyf's ``PDF.page_references``, worked out once per page count instead of per call.

    WeasyPrint asks for it for every tagged element, and pydyf builds the whole tuple each
    time, so tagging a long report took time in proportion to elements times pages. Pages
    are only ever appended, so the count says when the tuple is out of date.
    """
    kids = pdf.pages["Kids"]
    known = pdf.__dict__.get("_headway_page_references")
    if known is None or known[0] != len(kids):
        known = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_headway_page_references"] = known
    return known[1]


pydyf.PDF.page_references = property(_page_references)


# How hard pydyf squeezes the PDF's streams. It asks zlib for its slowest level, 9, which took
# a tenth of the time it took to print a long report; the default level, 6, takes a third of
# that for a file about 3% larger.
FLATE_LEVEL = 6


class _FlateAtLevel:
    """zlib as pydyf calls it, at ``FLATE_LEVEL`` whatever level pydyf asks for."""

    @staticmethod
    def compress(data: bytes, level: int = -1) -> bytes:
        return zlib.compress(data, FLATE_LEVEL)

    @staticmethod
    def compressobj(level: int = -1) -> Any:
        return zlib.compressobj(FLATE_LEVEL)


pydyf.zlib = _FlateAtLevel()


# Rules of WeasyPrint's default style sheet that match every element through a pseudo-element:
# footnotes and notes, which a report page never makes, and list markers, which only list
# items and summaries draw. WeasyPrint computes a style for each match, six for every element
# of the page, which was a fifth of the time it took to print a long report.
_EVERY_ELEMENTS_NOTES = re.compile(r"^::(footnote|note)-[a-z]+ \{[^}]*\}\n", re.M)
_EVERY_ELEMENTS_MARKER = "\n::marker {"


@cache
def report_user_agent_styles() -> CSS:
    """WeasyPrint's own HTML style sheet, with those rules narrowed to the elements they serve.

    Read from the installed WeasyPrint, so its other defaults stay its own; if a new version
    words the rules differently, this says so rather than quietly printing slower.
    """
    source = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text()
    lean, notes = _EVERY_ELEMENTS_NOTES.subn("", source)
    if notes == 0 or _EVERY_ELEMENTS_MARKER not in lean:
        raise RuntimeError(
            "WeasyPrint's html5_ua.css no longer has the ::marker, ::footnote-* and ::note-* "
            "rules headway.committee.render.pdf narrows: look at the new sheet and update it."
        )
    lean = lean.replace(_EVERY_ELEMENTS_MARKER, "\nli::marker, summary::marker {")
    return CSS(string=lean)


class _ReportPage(HTML):
    """A report page, printed with the narrowed default styles (WeasyPrint's hook for them)."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        # WeasyPrint's own sheet comes first; any it adds (for forms) are kept as they are.
        return [report_user_agent_styles(), *super()._ua_stylesheets(forms)[1:]]


def render_pdf(html: str) -> bytes:
    """A tagged, accessible PDF of a standalone report page; the same page gives the same bytes."""
    # The page holds everything it shows, so fetch nothing: no network, no files.
    fetcher = URLFetcher(allowed_protocols=["data"])
    document = _ReportPage(string=html, url_fetcher=fetcher, media_type="print")
    # A stable identifier instead of a random one, so a reprint of the same page is identical.
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    pdf = document.write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=identifier, uncompressed_pdf=False
    )
    assert isinstance(pdf, bytes)
    return pdf
