"""LibreOffice opens the Word and PowerPoint files and converts them without complaint."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    reason = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    print(reason)
    pytest.skip(reason)


@pytest.mark.parametrize("name", ["report.docx", "appendix.pptx"])
def test_libreoffice_converts_it_to_pdf(
    name: str, docx_bytes: bytes, pptx_bytes: bytes, tmp_path: Path
) -> None:
    soffice = _soffice()
    source = tmp_path / name
    source.write_bytes(docx_bytes if name.endswith(".docx") else pptx_bytes)
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = tmp_path / "out" / (source.stem + ".pdf")
    assert done.returncode == 0, done.stderr
    assert converted.exists(), f"LibreOffice wrote no PDF: {done.stdout} {done.stderr}"
    pages = len(pypdf.PdfReader(converted).pages)
    assert pages >= (3 if name.endswith(".docx") else 10)
