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
    writer = _FixedZip(when)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for entry in source.infolist():
            writer.add(entry.filename, source.read(entry.filename))
    return writer.close()


def save_fixed(package: Any, when: datetime) -> bytes:
    """A python-pptx or python-docx package saved as ``fixed_zip`` would leave it, in one pass:
    the package's writer hands each part to a zip that dates it ``when``, instead of a zip that
    is then read back, inflated and deflated again."""
    writer = _FixedZip(when)
    if type(package).__module__.startswith("pptx."):
        from pptx.opc.serialized import PackageWriter as DeckWriter

        deck = DeckWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
        deck._write_content_types_stream(writer)  # type: ignore[arg-type]
        deck._write_pkg_rels(writer)  # type: ignore[arg-type]
        deck._write_parts(writer)  # type: ignore[arg-type]
    else:  # python-docx, as its OpcPackage.save
        from docx.opc.pkgwriter import PackageWriter as WordWriter

        parts = package.parts
        for part in parts:
            part.before_marshal()
        WordWriter._write_content_types_stream(writer, parts)
        WordWriter._write_pkg_rels(writer, package.rels)
        WordWriter._write_parts(writer, parts)  # type: ignore[arg-type]
    return writer.close()


class _FixedZip:
    """A zip whose entries are all dated ``when``, written as the packages' writers call it."""

    def __init__(self, when: datetime) -> None:
        self.when = when
        self.stamp = max(when.astimezone(UTC), _EARLIEST).timetuple()[:6]
        self.out = io.BytesIO()
        self.zip = zipfile.ZipFile(self.out, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        """The packages' physical writers' call: ``pack_uri`` is a part's name."""
        self.add(pack_uri.membername, blob)

    def add(self, name: str, blob: bytes) -> None:
        if name.endswith((".xlsx", ".docx", ".pptx")):
            blob = fixed_zip(blob, self.when)
        elif name == "docProps/core.xml":
            blob = _fixed_core(blob, self.when)
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, blob)

    def close(self) -> bytes:
        self.zip.close()
        return self.out.getvalue()


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
