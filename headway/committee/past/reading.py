"""Turn a past report's file (.docx, .pdf or plain text) into lines of text.

Word paragraphs become one line each, with a blank line between; a PDF gives its lines page
by page, with the running headers, footers and page numbers left out. What cannot be read is
refused with a message saying what was found, so the officer knows which file to try instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator

MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = (".docx", ".pdf", ".txt", ".md")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$|^\s*-\s*\d{1,3}\s*-\s*$", re.I
)


class ReportFileRefused(Exception):
    """The file cannot be read as a report; the message says what was found."""


def read_lines(filename: str, data: bytes) -> list[str]:
    """The file's text, one line per line (or per Word paragraph), blank lines kept."""
    name = filename.casefold()
    if not data.strip():
        raise ReportFileRefused(f"{filename} is empty: it holds no text to import.")
    if len(data) > MAX_BYTES:
        raise ReportFileRefused(
            f"{filename} is {len(data) // (1024 * 1024)} MB: a report must be under "
            f"{MAX_BYTES // (1024 * 1024)} MB."
        )
    if name.endswith(".docx"):
        lines = _docx_lines(filename, data)
    elif name.endswith(".pdf"):
        lines = _pdf_lines(filename, data)
    elif name.endswith((".txt", ".md")):
        lines = _text_lines(filename, data)
    else:
        raise ReportFileRefused(
            f"{filename} is not a Word document (.docx), a PDF (.pdf) or a text file (.txt)."
        )
    if not any(line.strip() for line in lines):
        raise ReportFileRefused(f"{filename} holds no text to import.")
    return lines


def _text_lines(filename: str, data: bytes) -> list[str]:
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04"):
        raise ReportFileRefused(
            f"{filename} is named as a text file but holds a PDF or Word document: "
            "rename it with the right extension."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise ReportFileRefused(f"{filename} is not text that Headway can read.")
    if "\x00" in text:
        raise ReportFileRefused(f"{filename} holds binary data, not text.")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")


# Word ------------------------------------------------------------------------------------


def _docx_lines(filename: str, data: bytes) -> list[str]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReportFileRefused(
            f"{filename} is not a Word document that can be opened ({error.__class__.__name__}): "
            "save it again from Word as a .docx."
        ) from None
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            lines.extend([_paragraph_text(block), ""])
        elif block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = [
                    " ".join(_paragraph_text(p) for p in cell.iter(f"{_W}p")).strip()
                    for cell in row.iter(f"{_W}tc")
                ]
                lines.extend(["\t".join(c for c in cells if c), ""])
    return lines


def _paragraph_text(paragraph: object) -> str:
    """A paragraph's text; a superscript run ("th" of "7th") joins its number."""
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):  # type: ignore[attr-defined]
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        else:
            # A page or line break inside a paragraph is part of the same paragraph.
            parts.append(" ")
    return "".join(parts)


# PDF -------------------------------------------------------------------------------------


def _pdf_lines(filename: str, data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReportFileRefused(
                f"{filename} is an encrypted (password-protected) PDF: save an unprotected "
                "copy, or the Word original, and import that."
            )
        # Layout mode keeps the blank line between paragraphs and a table's row on one line.
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except ReportFileRefused:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise ReportFileRefused(
            f"{filename} is not a PDF that can be read ({error}): import the Word original."
        ) from None
    if not any(page.strip() for page in pages):
        count = len(pages)
        raise ReportFileRefused(
            f"{filename} has {count} page{'s' if count != 1 else ''} but no text: it looks like "
            "scanned images. Import the Word original, or a PDF saved from it."
        )
    return list(_without_running_lines([page.split("\n") for page in pages]))


def _without_running_lines(pages: list[list[str]]) -> Iterator[str]:
    """The pages' lines without page numbers and the lines repeated at the top or bottom
    of several pages (running headers and footers)."""
    edges: Counter[str] = Counter()
    for lines in pages:
        kept = [line.strip() for line in lines if line.strip()]
        edges.update({*kept[:2], *kept[-2:]})
    running = {line for line, count in edges.items() if count >= 2 and len(pages) >= 2}
    for lines in pages:
        for line in lines:
            text = line.strip()
            if text in running or _PAGE_NUMBER.match(text):
                continue
            yield line
        # A page break is a blank line: the parser joins a sentence that runs over it.
        yield ""
