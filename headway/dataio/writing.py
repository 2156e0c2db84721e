"""Write rows to CSV and .xlsx, safe to open in a spreadsheet.

Text that starts with = + - @ (or a tab or carriage return) is what a spreadsheet would run
as a formula, so someone could plant one in a title for an unwary reader to run ("CSV
injection"). In CSV such text gets an apostrophe in front, which spreadsheets read as "this
is text"; in .xlsx it is written as a text cell marked the same way. The import takes the
apostrophe off again, so an export imports back unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from headway.dataio.cells import FORMULA_STARTS
from headway.dataio.columns import Column

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
LISTS_SHEET = "Lists"
_STARTS = frozenset(FORMULA_STARTS)
# Drop-down lists apply down to this row of a template.
VALIDATED_ROWS = 20_001


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as it is, never run: ``=1+1`` becomes ``'=1+1``.

    Text that already starts with such an apostrophe gets another, so the import's
    ``unneutralise`` gives back exactly what was written."""
    if text.startswith(FORMULA_STARTS) or (text[:1] == "'" and text[1:2] in _STARTS):
        return "'" + text
    return text


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    return neutralise(str(value))


def csv_chunks(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 500
) -> Iterator[bytes]:
    """The CSV file a few hundred rows at a time, for a download that starts at once and
    never holds the whole file: UTF-8 with a byte-order mark, so Excel reads the accents and
    the £ sign correctly, and every value escaped as ``csv_value`` says."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(headers)
    for number, row in enumerate(rows, start=1):
        writer.writerow([csv_value(value) for value in row])
        if number % batch == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The whole CSV file at once (see ``csv_chunks``)."""
    return b"".join(csv_chunks(headers, rows))


@dataclass(frozen=True)
class DropDown:
    """A drop-down list on a column, its choices taken from a column of the Lists sheet.

    ``strict`` refuses anything else; otherwise other values may be typed (for columns
    that take several choices separated by ;)."""

    field: str
    choices: str
    strict: bool = True


@dataclass
class SheetData:
    name: str
    columns: tuple[Column, ...]
    rows: Iterable[Sequence[Any]] = ()
    drop_downs: list[DropDown] = field(default_factory=list)
    hints: bool = False


def write_xlsx(sheets: list[SheetData], lists: dict[str, list[str]] | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    places = _write_lists(workbook, lists) if lists else {}
    for data in sheets:
        _write_sheet(workbook, data, places)
    if lists:
        # The lists are there for the drop-downs, after the sheets people fill in.
        workbook.move_sheet(LISTS_SHEET, offset=len(workbook.sheetnames))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(workbook: Workbook, data: SheetData, places: dict[str, str]) -> None:
    sheet = workbook.create_sheet(data.name)
    bold = Font(bold=True)
    for index, column in enumerate(data.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = bold
        if data.hints:
            cell.comment = Comment(column.hint, "Headway", width=300, height=120)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    for row_number, row in enumerate(data.rows, start=2):
        for index, value in enumerate(row, start=1):
            if value is not None:
                _set(sheet.cell(row=row_number, column=index), value)
    letters = {c.field: get_column_letter(i) for i, c in enumerate(data.columns, start=1)}
    hints = {c.field: c.hint for c in data.columns}
    for drop_down in data.drop_downs:
        source = places.get(drop_down.choices)
        if source is None or drop_down.field not in letters:
            continue
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=drop_down.strict,
            errorTitle="Not on the list",
            error="Choose a value from the list.",
            showInputMessage=True,
            promptTitle=data.columns[list(letters).index(drop_down.field)].header[:32],
            prompt=hints[drop_down.field][:255],
        )
        letter = letters[drop_down.field]
        validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
        sheet.add_data_validation(validation)


def _set(cell: Any, value: Any) -> None:
    if isinstance(value, bool):
        cell.value = "yes" if value else "no"
    elif isinstance(value, (date, int, float)):
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.value = text
        if text.startswith(FORMULA_STARTS):
            # Kept as text: openpyxl would otherwise store "=..." as a formula, and the
            # quote prefix keeps Excel from running it if someone edits the cell.
            cell.data_type = "s"
            cell.quotePrefix = True


def _write_lists(workbook: Workbook, lists: dict[str, list[str]]) -> dict[str, str]:
    sheet = workbook.create_sheet(LISTS_SHEET)
    bold = Font(bold=True)
    places = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name).font = bold
        sheet.column_dimensions[letter].width = max([len(name), *map(len, values), 10]) + 2
        for row, value in enumerate(values, start=2):
            _set(sheet.cell(row=row, column=index), value)
        if values:
            places[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
    return places
