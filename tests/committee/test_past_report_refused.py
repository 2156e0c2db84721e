"""Files that are not a report Headway can read are refused, saying what was found."""

from __future__ import annotations

import io

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader, PdfWriter

from headway.committee.past.parsing import parse_report
from headway.committee.past.reading import ReportFileRefused, read_lines
from tests.committee.past_reports import Q3, as_docx


def refusal(filename: str, data: bytes) -> str:
    with pytest.raises(ReportFileRefused) as refused:
        parse_report(filename, read_lines(filename, data))
    return str(refused.value)


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    """A scanned page: a picture of text, no text."""
    out = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(out, "PDF")
    return out.getvalue()


def letter_docx() -> bytes:
    document = Document()
    document.add_paragraph("Thank you for your letter about the bins.")
    document.add_paragraph("The collection round changes on 4th April 2022.")
    document.add_paragraph("Please call us if you have any questions.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_empty_file_is_refused() -> None:
    assert refusal("report.docx", b"") == "report.docx is empty: it holds no text to import."
    assert "is empty" in refusal("report.txt", b"  \n\n ")


def test_an_encrypted_pdf_is_refused() -> None:
    data = encrypted_pdf()
    assert PdfReader(io.BytesIO(data)).is_encrypted
    assert refusal("report.pdf", data) == (
        "report.pdf is an encrypted (password-protected) PDF: save an unprotected copy, or "
        "the Word original, and import that."
    )


def test_an_image_only_pdf_is_refused() -> None:
    assert refusal("scan.pdf", image_only_pdf()) == (
        "scan.pdf has 1 page but no text: it looks like scanned images. Import the Word "
        "original, or a PDF saved from it."
    )


def test_a_word_document_that_is_not_a_report_is_refused() -> None:
    assert refusal("letter.docx", letter_docx()) == (
        "letter.docx has 3 paragraphs of text but no SUMMARY or RECOMMENDATIONS heading and "
        "no numbered paragraphs (1.1, 1.2 …): it does not look like a committee report."
    )


def test_a_report_without_numbered_paragraphs_is_refused() -> None:
    text = b"SUMMARY\n\nA summary.\n\nRECOMMENDATIONS\n\n1. To note it.\n"
    assert "but no numbered paragraphs (1.1, 1.2 …)" in refusal("report.txt", text)


def test_a_damaged_word_document_is_refused() -> None:
    data = as_docx(Q3)[:2000]
    message = refusal("report.docx", data)
    assert message.startswith("report.docx is not a Word document that can be opened")


def test_a_file_of_another_kind_is_refused() -> None:
    assert refusal("report.xlsx", b"PK\x03\x04") == (
        "report.xlsx is not a Word document (.docx), a PDF (.pdf) or a text file (.txt)."
    )
    assert "holds a PDF or Word document" in refusal("report.txt", encrypted_pdf())


def test_a_pdf_that_is_not_one_is_refused() -> None:
    assert refusal("report.pdf", b"%PDF-1.7 this is not really a PDF").startswith(
        "report.pdf is not a PDF that can be read"
    )
