"""The PDF's fonts, taken from the machine's Debian font packages, and the text they can draw.

Typst embeds the fonts it is given and, in PDF/UA-1 mode, refuses a character that none of them
can draw (an emoji with only Liberation Sans is a compile error), so the report lists a fallback
for each script its words may be in: Liberation Sans (metric-compatible with the committee's
Arial), DejaVu Sans for the scripts Liberation lacks (Arabic, Hebrew, Greek and many more
symbols), Noto Color Emoji for emoji. Text is made printable against exactly those fonts before
it reaches Typst: a character none of them has is shown as a replacement mark rather than
failing the whole pack.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import typst
from fontTools.ttLib import TTFont

FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


@dataclass(frozen=True)
class FontFamily:
    name: str
    package: str
    files: tuple[str, ...]


PDF_FONTS = (
    FontFamily(
        "Liberation Sans",
        "fonts-liberation",
        (
            "LiberationSans-Regular.ttf",
            "LiberationSans-Bold.ttf",
            "LiberationSans-Italic.ttf",
            "LiberationSans-BoldItalic.ttf",
        ),
    ),
    FontFamily(
        "DejaVu Sans",
        "fonts-dejavu-core",
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    ),
    FontFamily("Noto Color Emoji", "fonts-noto-color-emoji", ("NotoColorEmoji.ttf",)),
)
FAMILY_NAMES = tuple(family.name for family in PDF_FONTS)


class MissingFont(RuntimeError):
    """A font the PDF needs is not installed."""


def _find(name: str, folders: tuple[Path, ...]) -> Path | None:
    for folder in folders:
        found = next(iter(sorted(folder.rglob(name))), None) if folder.is_dir() else None
        if found is not None:
            return found
    return None


def locate_fonts(folders: tuple[Path, ...] = FONT_FOLDERS) -> tuple[Path, ...]:
    """Every file of the PDF's fonts, or an error naming the Debian packages to install."""
    found: list[Path] = []
    missing: list[str] = []
    for family in PDF_FONTS:
        paths = [_find(name, folders) for name in family.files]
        absent = [name for name, path in zip(family.files, paths, strict=True) if path is None]
        if absent:
            missing.append(f"{family.name} ({', '.join(absent)}: install {family.package})")
        found.extend(path for path in paths if path is not None)
    if missing:
        raise MissingFont(
            "The PDF needs fonts this machine does not have: "
            + "; ".join(missing)
            + ". Install them with apt-get install fonts-liberation fonts-dejavu-core "
            "fonts-noto-color-emoji."
        )
    return tuple(found)


@cache
def _font_folder() -> Path:
    """A folder holding only the PDF's font files (as links), so Typst loads those and no
    others: the same fonts, and so the same bytes, on every machine that has the packages."""
    files = locate_fonts()
    folder = Path(tempfile.mkdtemp(prefix="headway-pdf-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for path in files:
        (folder / path.name).symlink_to(path)
    return folder


# Typst's compiler keeps caches between runs; one document (or picture) compiles at a time.
typst_lock = threading.Lock()


@cache
def typst_fonts() -> typst.Fonts:
    """The PDF's fonts, read once per process."""
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(_font_folder())],
    )


@cache
def drawable() -> frozenset[int]:
    """Every character some font of the PDF has a glyph for."""
    characters: set[int] = set()
    for path in locate_fonts():
        font = TTFont(path, lazy=True, fontNumber=0)
        try:
            characters.update(font.getBestCmap() or {})
        finally:
            font.close()
    return frozenset(characters)


REPLACEMENT = "\ufffd"
# Characters that break a line or a paragraph on a web page are spaces there, and here.
_SPACES = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
# Marks that are never drawn (joiners, direction marks and isolates, variation selectors):
# Typst passes them to its shaper and needs no glyph for them.
_INVISIBLE = frozenset(("Cf",))


def printable(text: str) -> str:
    """``text`` with every character the PDF's fonts can draw, or a replacement mark.

    Line and paragraph separators become spaces, as they do on the web page; other control
    characters, which draw nothing, are left out.
    """
    if text.isascii() and text.isprintable():
        return text
    covered = drawable()
    out: list[str] = []
    for character in text:
        if character in _SPACES:
            out.append(" ")
            continue
        category = unicodedata.category(character)
        if category == "Cc":
            continue
        if category in _INVISIBLE or ord(character) in covered:
            out.append(character)
        elif category == "Mn" and 0xFE00 <= ord(character) <= 0xFE0F:
            out.append(character)  # variation selectors: emoji or text presentation
        elif category == "Cs":
            out.append(REPLACEMENT)  # half a character, which cannot be written as UTF-8
        else:
            out.append(REPLACEMENT if ord(REPLACEMENT) in covered else "?")
    return "".join(out)
