"""Read an uploaded .xlsx or .csv file into plain rows, safely.

An .xlsx is a zip of XML files, so before openpyxl sees it the zip is checked: not too
many files, not too large unpacked (a zip bomb), and no XML document type definitions,
which is how entity attacks ("billion laughs", external entities) are carried. openpyxl
itself parses through defusedxml as a second guard. Formulas are never worked out: a cell
holding one comes back as ``Formula`` and the row is refused.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from headway.dataio import limits
from headway.dataio.cells import Formula, is_blank, key
from headway.dataio.problems import FileRefused

Row = tuple[Any, ...]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
SAVE_AS_XLSX = "Save it from Excel as an Excel Workbook (.xlsx) and upload it again."


@dataclass
class Sheet:
    name: str
    header: list[str]
    # (row number as the spreadsheet shows it, values), blank rows left out.
    rows: list[tuple[int, Row]] = field(default_factory=list)


@dataclass
class Book:
    filename: str
    format: str  # "xlsx" or "csv"
    sheets: list[Sheet]

    @property
    def main(self) -> Sheet:
        return self.sheets[0]

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets[1:] if key(s.name) == key(name)), None)


def read_book(
    data: bytes,
    filename: str,
    main: str,
    extra: tuple[str, ...] = (),
    max_rows: int | None = None,
) -> Book:
    """The file's ``main`` sheet (or its first), and any ``extra`` sheets it has by name.

    Raises ``FileRefused`` with one clear problem if the file cannot be read.
    """
    max_rows = limits.MAX_ROWS if max_rows is None else max_rows
    if not data:
        raise FileRefused("The file is empty. Choose the file you filled in.")
    if len(data) > limits.MAX_BYTES:
        raise FileRefused(
            f"The file is {limits.megabytes(len(data))}; the largest Headway takes is "
            f"{limits.megabytes(limits.MAX_BYTES)}. Split it into smaller files, or remove "
            "pictures and formatting."
        )
    name = filename.casefold()
    if data.startswith(_OLE_MAGIC):
        raise FileRefused(
            "This is an old-style .xls workbook, or a password-protected one, which Headway "
            f"cannot read. Remove any password, then {SAVE_AS_XLSX[0].lower()}{SAVE_AS_XLSX[1:]}"
        )
    if data.startswith(_ZIP_MAGIC) or name.endswith(".xlsx"):
        return _read_xlsx(data, filename, main, extra, max_rows)
    if name.endswith(".csv") or name.endswith(".txt"):
        return Book(filename, "csv", [_read_csv(data, main, max_rows)])
    raise FileRefused(
        f"{filename} is neither an Excel workbook (.xlsx) nor a CSV file (.csv). "
        "Upload the template you downloaded, filled in."
    )


# CSV --------------------------------------------------------------------------------------


def _read_csv(data: bytes, name: str, max_rows: int) -> Sheet:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            "The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (Comma delimited)”; "
            "or upload the .xlsx workbook instead."
        ) from None
    if "\x00" in content:
        raise FileRefused("The file is not a CSV text file. Upload a .csv or .xlsx file.")
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header: list[str] | None = None
        rows: list[tuple[int, Row]] = []
        for number, values in enumerate(reader, start=1):
            cells = tuple(_csv_cell(value) for value in values)
            if header is None:
                header = [str(value or "").strip() for value in cells]
                continue
            if all(is_blank(value) for value in cells):
                continue
            rows.append((number, cells))
            _check_count(len(rows), max_rows, name)
    except csv.Error as error:
        raise FileRefused(
            f"The file is not a valid CSV file ({error}). Save it again as CSV UTF-8."
        ) from None
    if header is None:
        raise FileRefused("The file is empty. Choose the file you filled in.")
    return Sheet(name, _trim(header), rows)


def _csv_cell(value: str) -> Any:
    # In a CSV file "=..." is what a spreadsheet would run as a formula: refuse it the same
    # way as a formula in a workbook. An export writes "'=..." for text that starts so.
    return Formula(value) if value.startswith("=") else value


# XLSX -------------------------------------------------------------------------------------


def _read_xlsx(
    data: bytes, filename: str, main: str, extra: tuple[str, ...], max_rows: int
) -> Book:
    _check_zip(data)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as error:
        raise FileRefused(
            f"The file could not be read as an Excel workbook ({type(error).__name__}). "
            f"{SAVE_AS_XLSX}"
        ) from None
    try:
        names = workbook.sheetnames
        if not names:
            raise FileRefused("The workbook has no sheets. Use the template.")
        first = next((n for n in names if key(n) == key(main)), names[0])
        sheets = [_read_sheet(workbook[first], first, max_rows)]
        for wanted in extra:
            found = next((n for n in names if key(n) == key(wanted) and n != first), None)
            if found is not None:
                sheets.append(_read_sheet(workbook[found], found, max_rows))
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(
            f"The workbook is damaged and could not be read ({type(error).__name__}). "
            f"{SAVE_AS_XLSX}"
        ) from None
    finally:
        workbook.close()
    return Book(filename, "xlsx", sheets)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRefused(
            "The file is not a valid .xlsx workbook: it is not a complete zip archive (it may "
            f"be damaged, cut short in the upload, or another kind of file). {SAVE_AS_XLSX}"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.MAX_ZIP_MEMBERS:
            raise FileRefused(f"The workbook holds too many parts to be a sheet. {SAVE_AS_XLSX}")
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise FileRefused(
                "The file is a zip archive but not an Excel workbook (perhaps a Word document "
                f"or another program's file). {SAVE_AS_XLSX}"
            )
        budget = limits.MAX_UNZIPPED_BYTES
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                budget = _scan_xml(archive, member, budget)


def _scan_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> int:
    """Refuse XML that declares a document type (the carrier of entity attacks), counting
    unpacked bytes against the budget so a zip bomb stops early."""
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                budget -= len(chunk)
                if budget < 0:
                    raise FileRefused(
                        "The workbook unpacks to more than "
                        f"{limits.megabytes(limits.MAX_UNZIPPED_BYTES)}, far more than any sheet "
                        "of this size would: Headway does not open it."
                    )
                window = tail + chunk
                if any(marker in window for marker in _DTD_MARKERS):
                    raise FileRefused(
                        "The workbook contains XML entity or document type declarations, which "
                        "Excel never writes and which can be used to attack a server. Headway "
                        f"does not open it. {SAVE_AS_XLSX}"
                    )
                tail = window[-16:]
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as error:
        # RuntimeError: an encrypted member. The others: a damaged or cut-short archive.
        raise FileRefused(
            f"The workbook is damaged or incomplete ({type(error).__name__}). {SAVE_AS_XLSX}"
        ) from None
    return budget


def _read_sheet(worksheet: Any, name: str, max_rows: int) -> Sheet:
    # A wrong size in the file would make openpyxl stop early: read every row there is.
    worksheet.reset_dimensions()
    header: list[str] | None = None
    rows: list[tuple[int, Row]] = []
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        values = tuple(_xlsx_cell(cell) for cell in cells)
        if header is None:
            header = ["" if v is None else str(v).strip() for v in values]
            continue
        if all(is_blank(value) for value in values):
            continue
        rows.append((number, values))
        _check_count(len(rows), max_rows, name)
    if header is None:
        raise FileRefused(f"The sheet “{name}” is empty: it needs the template's header row.")
    return Sheet(name, _trim(header), rows)


def _xlsx_cell(cell: Any) -> Any:
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(value))
    # Dates and times stay as they are; anything else unusual is a formula of some kind.
    if value is not None and not isinstance(value, (str, int, float, bool, date, time)):
        return Formula(str(getattr(value, "text", value)))
    return value


def _check_count(count: int, max_rows: int, name: str) -> None:
    if count > max_rows:
        raise FileRefused(
            f"The sheet “{name}” has more than {max_rows:,} rows of data; Headway takes at most "
            f"{max_rows:,} in one file. Split it into several files and import each."
        )


def _trim(header: list[str]) -> list[str]:
    while header and not header[-1]:
        header.pop()
    return header
