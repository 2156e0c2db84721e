"""The blank templates carry the right headers, a note on each, and drop-down lists of the
organisation's own values."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from headway.dataio.blanks import blank_template
from headway.dataio.imports import preview_import
from tests.dataio.conftest import portfolio_file
from tests.dataio.files import HEADER, MILESTONE_HEADER, UPDATE_HEADER

pytestmark = pytest.mark.django_db


def _lists(workbook) -> dict[str, list[str]]:
    sheet = workbook["Lists"]
    columns = list(sheet.iter_cols(values_only=True))
    return {column[0]: [v for v in column[1:] if v is not None] for column in columns}


def _validations(sheet) -> dict[str, tuple[str, bool]]:
    """Header of each validated column to (its list's source, whether others are refused)."""
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        letter = str(validation.sqref).split(":")[0].rstrip("0123456789")
        found[headers[letter]] = (validation.formula1, bool(validation.showErrorMessage))
    return found


def test_the_portfolio_template_has_drop_downs_of_the_organisation_s_values(ready):
    workbook = load_workbook(io.BytesIO(blank_template(ready, "portfolio", "xlsx")))
    assert workbook.sheetnames == ["Initiatives", "Milestones", "Lists"]
    initiatives = workbook["Initiatives"]
    assert [c.value for c in initiatives[1]] == HEADER
    assert [c.value for c in workbook["Milestones"][1]] == MILESTONE_HEADER
    assert all(cell.comment and cell.comment.text for cell in initiatives[1])
    lists = _lists(workbook)
    assert lists["services"] == ["Finance", "ICT"]
    assert lists["priorities"] == ["1. Value for money", "2. Customer focus", "3. Digital first"]
    assert lists["partners"] == ["North Borough Council", "South Borough Council"]
    assert lists["statuses"][:3] == ["Proposed", "Planned", "In progress"]
    assert lists["kinds"] == ["Project", "Activity", "Service plan action", "Business as usual"]
    assert _validations(initiatives) == {
        "kind": ("'Lists'!$A$2:$A$5", True),
        "status": ("'Lists'!$B$2:$B$8", True),
        "service": ("'Lists'!$C$2:$C$3", True),
        # Several priorities or partners may be typed, separated by ;.
        "priorities": ("'Lists'!$D$2:$D$4", False),
        "partners": ("'Lists'!$E$2:$E$3", False),
        "key project": ("'Lists'!$F$2:$F$3", True),
    }


def test_the_returns_template_has_a_drop_down_of_statuses(ready):
    workbook = load_workbook(io.BytesIO(blank_template(ready, "updates", "xlsx")))
    sheet = workbook["Updates"]
    assert [c.value for c in sheet[1]] == UPDATE_HEADER
    assert _lists(workbook)["statuses"] == ["Blue", "Green", "Amber", "Red"]
    assert _validations(sheet) == {"status": ("'Lists'!$A$2:$A$5", True)}


@pytest.mark.parametrize("kind", ["portfolio", "updates"])
def test_the_csv_template_is_the_header_row(ready, kind):
    text = blank_template(ready, kind, "csv").decode("utf-8-sig")
    assert text == ",".join(HEADER if kind == "portfolio" else UPDATE_HEADER) + "\r\n"


def test_a_blank_template_imports_as_nothing_to_do(ready):
    data = blank_template(ready, "portfolio", "xlsx")
    preview = preview_import(portfolio_file(ready, data))
    assert preview.ok
    assert preview.rows == []
