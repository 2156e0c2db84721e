"""What the Word and PowerPoint renderers share: same bytes for the same document."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from typing import Any

# Zip entries cannot be dated before 1980.
_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)


def fixed_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite an Office file so every entry carries ``when`` instead of the time of saving.

    Embedded Office files (a chart's workbook) are rewritten the same way, so a chart's data does
    not carry the time it was written either.
    """
    stamp = max(when.astimezone(UTC), _EARLIEST).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            blob = source.read(entry.filename)
            if entry.filename.endswith((".xlsx", ".docx", ".pptx")):
                blob = fixed_zip(blob, when)
            elif entry.filename == "docProps/core.xml":
                blob = _fixed_core(blob, when)
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, blob)
    return out.getvalue()


_W3CDTF = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _fixed_core(blob: bytes, when: datetime) -> bytes:
    """Date the core properties ``when``: embedded workbooks write the time they were made."""
    stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(3), blob)


def drop_thumbnail(package: Any) -> None:
    """The stock templates carry a thumbnail of some other document: leave it out."""
    # python-docx calls the package's relationships ``rels``, python-pptx ``_rels``.
    rels = package.rels if hasattr(package, "rels") else package._rels
    for r_id in [r_id for r_id in rels if rels[r_id].reltype.endswith("/thumbnail")]:
        if hasattr(rels, "pop"):
            rels.pop(r_id)
        else:
            del rels[r_id]


def ink_on(colour: str) -> str:
    """Black or white text, whichever has the better contrast on ``colour`` (``#rrggbb``)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#0b0c0c" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"
