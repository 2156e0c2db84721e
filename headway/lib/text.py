"""Text as people type it, made safe to store and to lay out.

``clean_text`` is the one rule for what Headway keeps of typed text: it drops the invisible
bidirectional controls (U+202A-202E embeddings and overrides, U+2066-2069 isolates), which
can reverse the words around them in every output, and the control characters that Word,
PowerPoint and XML cannot hold (all below U+0020 but tab and line breaks), and keeps the
words themselves. Forms
(``CleanInputMiddleware``), the API (``headway.api.parsers``), imports (``dataio.cells.text``)
and the snapshot all call it.

``is_right_to_left`` says which way a paragraph reads, as HTML's ``dir="auto"`` decides it:
by its first letter of a strong direction.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """The text without bidirectional or other invisible controls; every other character kept."""
    return _CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    return _CONTROLS.search(text) is not None


def clean_data(value: Any) -> Any:
    """``clean_text`` through JSON-like data: strings in dicts, lists and tuples (which become
    lists, as JSON has them) at any depth, keys too."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_data(item) for item in value]
    return value


@lru_cache(maxsize=4096)
def is_right_to_left(text: str) -> bool:
    """Whether the text's first letter with a strong direction is right-to-left (Arabic,
    Hebrew, ...), which is the direction its paragraph takes."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False
