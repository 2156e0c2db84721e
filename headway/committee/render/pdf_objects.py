"""Pack a PDF's small objects into compressed object streams (PDF 1.5 and later).

Typst writes every object of a tagged PDF as plain text: a report's structure tree (a heading,
a paragraph, each table cell with its header references) is thousands of small dictionaries,
two fifths of the file. Object streams hold them compressed, as PDF/UA allows, so the tagged
PDF is about the size the untagged one would be. Objects are read by the offsets in the file's
own cross-reference table, never by searching its text; streams stay as Typst wrote them.
"""

from __future__ import annotations

import re
import zlib

_XREF = re.compile(rb"\nxref\n0 (\d+)\n")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
_HEADER = re.compile(rb"^(\d+) 0 obj\s*")
_STREAM_END = re.compile(rb"endstream\s*$")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
PER_STREAM = 200
# zlib's default level: its best (9) took two and a half times as long for a file 1% smaller.
LEVEL = 6


class NotPackable(ValueError):
    """The PDF is not laid out as Typst writes it; it is left as it is."""


def _objects(pdf: bytes) -> tuple[dict[int, bytes], bytes]:
    """Each object's body (between ``N 0 obj`` and ``endobj``), and the trailer's entries."""
    xref = list(_XREF.finditer(pdf))
    trailer = _TRAILER.search(pdf, xref[-1].end()) if len(xref) == 1 else None
    if trailer is None:
        raise NotPackable("expected one cross-reference table and a trailer")
    count = int(xref[0].group(1))
    entries = _ENTRY.findall(pdf, xref[0].end(), trailer.start())
    if len(entries) != count:
        raise NotPackable("the cross-reference table does not list every object")
    offsets = sorted(
        (int(offset), number)
        for number, (offset, generation, kind) in enumerate(entries)
        if kind == b"n" and generation == b"00000"
    )
    ends = [offset for offset, _ in offsets[1:]] + [xref[0].start()]
    bodies: dict[int, bytes] = {}
    for (start, number), end in zip(offsets, ends, strict=True):
        chunk = pdf[start:end].rstrip()
        header = _HEADER.match(chunk)
        if header is None or int(header.group(1)) != number or not chunk.endswith(b"endobj"):
            raise NotPackable(f"object {number} is not where the table says")
        bodies[number] = chunk[header.end() : -len(b"endobj")].strip()
    return bodies, trailer.group(1)


def pack_objects(pdf: bytes) -> bytes:
    """The same PDF with its non-stream objects in object streams and a cross-reference stream."""
    bodies, trailer = _objects(pdf)
    header = pdf[: pdf.index(b"\n", pdf.index(b"\n") + 1) + 1]  # %PDF-1.7 and the binary line
    if not header.startswith((b"%PDF-1.7", b"%PDF-2.0")):
        raise NotPackable("object streams need PDF 1.5 or later")
    out = bytearray(header)
    size = max(bodies) + 1
    where: dict[int, tuple[int, int, int]] = {}  # number: (kind, field 2, field 3)
    small: list[int] = []
    for number in sorted(bodies):
        body = bodies[number]
        if _STREAM_END.search(body):
            where[number] = (1, len(out), 0)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        else:
            small.append(number)
    for first in range(0, len(small), PER_STREAM):
        numbers = small[first : first + PER_STREAM]
        stream_number = size
        size += 1
        index, data = [], bytearray()
        for position, number in enumerate(numbers):
            index.append(b"%d %d" % (number, len(data)))
            data += bodies[number] + b"\n"
            where[number] = (2, stream_number, position)
        head = b" ".join(index) + b"\n"
        packed = zlib.compress(bytes(head + data), LEVEL)
        where[stream_number] = (1, len(out), 0)
        dictionary = b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>" % (
            len(numbers),
            len(head),
            len(packed),
        )
        out += b"%d 0 obj\n%s\nstream\n" % (stream_number, dictionary)
        out += packed + b"\nendstream\nendobj\n"
    xref_number = size
    size += 1
    where[xref_number] = (1, len(out), 0)
    rows = bytearray(b"\x00\x00\x00\x00\x00\xff\xff")  # object 0, free
    for number in range(1, size):
        kind, second, third = where.get(number, (0, 0, 0))
        rows += bytes([kind]) + second.to_bytes(4, "big") + third.to_bytes(2, "big")
    table = zlib.compress(bytes(rows), LEVEL)
    kept = re.sub(rb"/Size \d+", b"", trailer).strip()
    out += (
        b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Filter/FlateDecode/Length %d %s>>\nstream\n"
        % (xref_number, size, len(table), kept)
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % where[xref_number][1]
    return bytes(out)
