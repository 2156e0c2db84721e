"""The PDF prints in a second process beside the Office files, and here when it must."""

from __future__ import annotations

import io
import struct
import sys

import pytest

from headway.committee.render import printer, warm_up
from headway.committee.render.pdf import render_pdf

PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>A page</title></head>'
    "<body><h1>A page</h1><p>Printed for the test.</p></body></html>"
)


@pytest.fixture
def two_processors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printer, "_processors", lambda: 2)


def test_the_printing_process_prints_the_same_bytes_as_this_one(two_processors: None) -> None:
    waiting = printer.render_pdf_aside(PAGE)
    assert printer._printer.process is not None
    assert waiting() == render_pdf(PAGE)


def test_the_printing_process_is_kept_for_the_next_pdf(two_processors: None) -> None:
    printer.render_pdf_aside(PAGE)()
    first = printer._printer.process
    printer.render_pdf_aside(PAGE)()
    assert printer._printer.process is first


def test_a_printing_process_that_died_is_replaced(two_processors: None) -> None:
    printer.render_pdf_aside(PAGE)()
    dead = printer._printer.process
    assert dead is not None
    dead.kill()
    dead.wait()
    assert printer.render_pdf_aside(PAGE)() == render_pdf(PAGE)
    assert printer._printer.process is not dead


def test_a_printing_process_killed_while_printing_leaves_the_pdf_printed_here(
    two_processors: None,
) -> None:
    waiting = printer.render_pdf_aside(PAGE)
    process = printer._printer.process
    assert process is not None
    process.kill()
    assert waiting() == render_pdf(PAGE)
    assert not printer._printer.lock.locked()


def test_with_one_processor_the_pdf_prints_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printer, "_processors", lambda: 1)
    monkeypatch.setattr(printer._printer, "start", lambda html: pytest.fail("sent to print"))
    assert printer.render_pdf_aside(PAGE)() == render_pdf(PAGE)


def test_while_another_pack_is_printing_the_pdf_prints_here(two_processors: None) -> None:
    with printer._printer.lock:
        assert printer._printer.start(PAGE) is None
        assert printer.render_pdf_aside(PAGE)() == render_pdf(PAGE)


def _request(data: bytes) -> bytes:
    return struct.pack(">Q", len(data)) + data


def test_the_printing_process_answers_each_page_with_its_pdf_or_what_went_wrong(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = io.BytesIO(_request(PAGE.encode()) + _request(b"\xff not a page"))
    pdfs = io.BytesIO()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(pages))
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(pdfs))
    printer.main()
    answers = io.BytesIO(pdfs.getvalue())
    first = printer._receive(answers, with_status=True)
    second = printer._receive(answers, with_status=True)
    assert first == (b"0", render_pdf(PAGE))
    assert second is not None
    assert second[0] == b"1"
    assert b"UnicodeDecodeError" in second[1]
    assert printer._receive(answers, with_status=True) is None


def test_warming_up_loads_the_renderers_and_starts_the_printer(two_processors: None) -> None:
    printer._printer.stop()
    warm_up()
    process = printer._printer.process
    assert process is not None and process.poll() is None
    assert "headway.committee.render.pptx" in sys.modules
    # The warm printer prints the next page as it would have.
    assert printer.render_pdf_aside(PAGE)() == render_pdf(PAGE)
    assert printer._printer.process is process
