"""Spreadsheets for import tests, written with openpyxl directly (not Headway's own writer),
so the tests see files as Excel would give them."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from openpyxl import Workbook

HEADER = [
    "reference",
    "title",
    "kind",
    "service",
    "priorities",
    "partners",
    "planned start",
    "planned end",
    "status",
    "key project",
    "description",
]
MILESTONE_HEADER = ["reference", "milestone title", "due", "forecast", "completed on"]
UPDATE_HEADER = [
    "reference",
    "status",
    "narrative",
    "achievements",
    "next steps",
    "risks",
    "percent complete",
    "completion date",
]


def initiative_row(reference: str = "FIN-001", **values: Any) -> list[Any]:
    row = {
        "reference": reference,
        "title": f"Initiative {reference}",
        "kind": "Project",
        "service": "Finance",
        "priorities": "1",
        "partners": "North Borough Council",
        "planned start": "2021-04-01",
        "planned end": "2022-03-31",
        "status": "In progress",
        "key project": "no",
        "description": "",
    }
    row.update({k.replace("_", " "): v for k, v in values.items()})
    return [row[h] for h in HEADER]


def xlsx(
    rows: list[list[Any]],
    header: list[str] | None = None,
    sheet: str = "Initiatives",
    extra: dict[str, list[Any]] | None = None,
) -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    worksheet.append(HEADER if header is None else header)
    for row in rows:
        worksheet.append(row)
    for name, sheet_rows in (extra or {}).items():
        other = workbook.create_sheet(name)
        for row in sheet_rows:
            other.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_file(rows: list[list[Any]], header: list[str] | None = None, bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER if header is None else header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one of its XML parts swapped for ``content``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == name else source.read(item))
    return out.getvalue()


def sheet_xml(rows: list[list[str]], prolog: str = "") -> bytes:
    """A worksheet's XML with text cells, written by hand (fast, and open to crafting)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        prolog,
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    ]
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
            for i, value in enumerate(row)
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    lines.append("</sheetData></worksheet>")
    return "".join(lines).encode()
