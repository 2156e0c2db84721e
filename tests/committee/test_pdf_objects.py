"""Packing the PDF's small objects into object streams changes its size, nothing else."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
import typst

from headway.committee.render.fonts import typst_fonts
from headway.committee.render.pdf_objects import NotPackable, pack_objects

SOURCE = b"""#set document(title: "Packed")
#set text(font: "Liberation Sans", lang: "en", region: "gb")
= Packed
#table(columns: 2, table.header[Name][Status], [One], [Green], [Two], [Amber])
"""


@pytest.fixture(scope="module")
def typeset() -> bytes:
    pdf = typst.compile(SOURCE, font_paths=typst_fonts(), pdf_standards=["ua-1"], timestamp=0)
    assert isinstance(pdf, bytes)
    return pdf


def _poppler(command: str, pdf: bytes, folder: Path, *options: str) -> str:
    path = folder / "file.pdf"
    path.write_bytes(pdf)
    output = ["-"] if command == "pdftotext" else []
    done = subprocess.run([command, *options, str(path), *output], capture_output=True, check=True)
    return done.stdout.decode()


def test_the_packed_pdf_has_the_same_structure_text_and_metadata(
    typeset: bytes, tmp_path: Path
) -> None:
    packed = pack_objects(typeset)
    assert len(packed) < len(typeset)
    structure = _poppler("pdfinfo", typeset, tmp_path, "-struct")
    assert "TH" in structure
    assert _poppler("pdfinfo", packed, tmp_path, "-struct") == structure
    assert _poppler("pdftotext", packed, tmp_path) == _poppler("pdftotext", typeset, tmp_path)
    reader = pypdf.PdfReader(io.BytesIO(packed), strict=True)
    assert reader.metadata is not None and reader.metadata.title == "Packed"
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert b"/Type/ObjStm" in packed and b"/Type/XRef" in packed


def test_packing_is_repeatable(typeset: bytes) -> None:
    assert pack_objects(typeset) == pack_objects(typeset)


def test_a_pdf_laid_out_otherwise_is_refused_not_mangled(typeset: bytes) -> None:
    with pytest.raises(NotPackable):
        pack_objects(pack_objects(typeset))  # no cross-reference table any more
    with pytest.raises(NotPackable):
        pack_objects(typeset.replace(b"0 obj", b"0 obj ", 1))  # offsets no longer match
