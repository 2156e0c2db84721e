"""How big an imported file may be. Larger files are refused with a message saying so."""

from __future__ import annotations

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# An .xlsx is a zip of XML: these stop a small file that unpacks into gigabytes (a zip bomb).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 2_000


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


IN_BACKGROUND_OVER_ROWS = 200
"""Rows above which a confirmed import is written by the task worker: a file of returns is
submitted one return at a time, which for thousands of rows takes longer than a request should."""
