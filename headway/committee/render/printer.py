"""Print a pack's PDF in a second process while this one writes the Office files.

The PDF takes longest of the pack's files, and WeasyPrint is pure Python, so on a machine with
a second processor it prints in a process of its own: ``python -m
headway.committee.render.printer``, started on first use and kept for the next pack, so
WeasyPrint is imported once. It imports no Django and touches no database; it reads pages from
its standard input and writes PDFs to its standard output, and it stops when this process
closes the pipe (or dies). If it cannot be started, or fails, the PDF is printed here instead,
so a pack never depends on it.
"""

from __future__ import annotations

import atexit
import os
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

from headway.committee.render.pdf import render_pdf

_LENGTH = struct.Struct(">Q")
_OK, _FAILED = b"0", b"1"


def _send(pipe: IO[bytes], data: bytes, status: bytes = b"") -> None:
    pipe.write(status + _LENGTH.pack(len(data)) + data)
    pipe.flush()


def _receive(pipe: IO[bytes], with_status: bool = False) -> tuple[bytes, bytes] | None:
    status = pipe.read(1) if with_status else b""
    header = pipe.read(_LENGTH.size)
    if len(header) < _LENGTH.size or (with_status and not status):
        return None
    (length,) = _LENGTH.unpack(header)
    data = pipe.read(length)
    return (status, data) if len(data) == length else None


class _Printer:
    """The printing process, one page at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None

    def _running(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", __name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        return self.process

    def start(self, html: str) -> Callable[[], bytes] | None:
        """Send the page; the call returned waits for the PDF (None: print it yourself)."""
        if not self.lock.acquire(blocking=False):
            return None  # another thread's pack is printing: don't queue behind it
        try:
            process = self._running()
            assert process.stdin is not None
            _send(process.stdin, html.encode())
        except OSError:
            self.stop()
            self.lock.release()
            return None

        def wait() -> bytes:
            try:
                assert process.stdout is not None
                answer = _receive(process.stdout, with_status=True)
            except OSError:
                answer = None
            finally:
                self.lock.release()
            if answer is None or answer[0] != _OK:
                # It died or failed: print here, which raises the real error if there is one.
                self.stop()
                return render_pdf(html)
            return answer[1]

        return wait

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def close(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.stdin is not None:
            process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


_printer = _Printer()
atexit.register(_printer.close)


def _processors() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def render_pdf_aside(html: str) -> Callable[[], bytes]:
    """Start printing the page's PDF and return a call that waits for its bytes: in the
    printing process when there is a second processor, else here and now."""
    waiting = _printer.start(html) if _processors() > 1 else None
    if waiting is None:
        pdf = render_pdf(html)
        return lambda: pdf
    return waiting


def warm_printer() -> None:
    """Start the printing process and have it print a line, so that WeasyPrint and the fonts
    are loaded before the first pack needs them (a task worker calls this as it starts)."""
    render_pdf_aside(_WARM_UP_PAGE)()


_WARM_UP_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>Headway</title>'
    '<style>body { font-family: Arial, "Liberation Sans", sans-serif }</style></head>'
    "<body><p>Headway is ready to print.</p></body></html>"
)


def printer_seconds() -> float:
    """Processor seconds the printing process has used so far (0 if none is running); for
    the benchmark, which counts them with this process's own. Reads Linux's /proc."""
    process = _printer.process
    if process is None or process.poll() is not None:
        return 0.0
    try:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime, the 14th and 15th fields, in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    """The printing process: a page in, its PDF out, until the pipe closes."""
    pages, pdfs = sys.stdin.buffer, sys.stdout.buffer
    while (request := _receive(pages)) is not None:
        try:
            pdf, status = render_pdf(request[1].decode()), _OK
        except Exception as error:
            pdf, status = f"{type(error).__name__}: {error}".encode(), _FAILED
        _send(pdfs, pdf, status)


if __name__ == "__main__":
    main()
