"""Every kind of bad file gets a message saying what is wrong and how to fix it, and
changes nothing at all."""

from __future__ import annotations

import pytest

from headway.dataio.imports import preview_import, run_import
from headway.dataio.problems import FileRefused
from headway.strategy.models import Initiative, Milestone
from tests.dataio.conftest import portfolio_file
from tests.dataio.files import (
    HEADER,
    MILESTONE_HEADER,
    csv_file,
    initiative_row,
    replace_part,
    sheet_xml,
    xlsx,
)

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture
def existing(ready, as_admin) -> Initiative:
    run_import(portfolio_file(ready, xlsx([initiative_row("OLD-1")]), by=as_admin))
    return Initiative.objects.get()


def refused(org, data: bytes, filename: str = "portfolio.xlsx", by=None) -> list[str]:
    """The problems, having checked that importing the file changed nothing."""
    initiatives = list(Initiative.objects.values())
    history = Initiative.history.count(), Milestone.objects.count()
    with pytest.raises(FileRefused) as caught:
        run_import(portfolio_file(org, data, filename, by=by))
    assert list(Initiative.objects.values()) == initiatives
    assert (Initiative.history.count(), Milestone.objects.count()) == history
    # The preview says the same, without raising.
    assert [str(p) for p in preview_import(portfolio_file(org, data, filename)).problems] == [
        str(p) for p in caught.value.problems
    ]
    return [str(p) for p in caught.value.problems]


def test_a_file_that_is_not_a_zip_is_refused(ready, existing):
    (problem,) = refused(ready, b"reference,title\nthis is not a workbook")
    assert "not a complete zip archive" in problem
    assert "Save it from Excel as an Excel Workbook (.xlsx)" in problem


def test_a_truncated_workbook_is_refused(ready, existing):
    data = xlsx([initiative_row(f"FIN-{n}") for n in range(50)])
    (problem,) = refused(ready, data[: len(data) // 2])
    assert "not a complete zip archive" in problem or "damaged" in problem


def test_an_old_xls_workbook_is_refused(ready, existing):
    (problem,) = refused(ready, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.xls")
    assert "old-style .xls workbook" in problem


def test_a_zip_that_is_not_a_workbook_is_refused(ready, existing):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    (problem,) = refused(ready, buffer.getvalue())
    assert "not an Excel workbook" in problem


def test_an_empty_file_is_refused(ready, existing):
    assert refused(ready, b"", "portfolio.csv") == [
        "The file is empty. Choose the file you filled in."
    ]


def test_another_kind_of_file_is_refused(ready, existing):
    (problem,) = refused(ready, b"%PDF-1.7", "portfolio.pdf")
    assert "neither an Excel workbook (.xlsx) nor a CSV file" in problem


def test_wrong_columns_are_named(ready, existing):
    header = ["reference", "service", "colour", "planned start", "size"]
    problems = refused(ready, xlsx([["FIN-1", "Finance", "red", None, "L"]], header=header))
    assert problems[0].startswith("The sheet “Initiatives” has no 'title' and 'kind' columns.")
    assert "The columns are: 'reference', 'title', 'kind', 'service'" in problems[0]
    assert problems[1].startswith("Headway does not know the columns 'colour' and 'size'.")


def test_a_csv_file_that_is_not_utf8_is_refused(ready, existing):
    data = ",".join(HEADER).encode() + b"\nFIN-1,Caf\xe9\n"
    (problem,) = refused(ready, data, "portfolio.csv")
    assert "not UTF-8" in problem
    assert "CSV UTF-8 (Comma delimited)" in problem


def test_bad_dates_say_how_to_write_them(ready, existing):
    data = xlsx([initiative_row("FIN-1"), initiative_row("FIN-2", planned_end="31/02/2022")])
    assert refused(ready, data) == [
        "Row 3, column 'planned end': 31/02/2022 is not a date. "
        "Write dates as 2022-03-31 or 31/03/2022."
    ]


def test_unknown_names_list_the_ones_that_exist(ready, existing):
    data = xlsx(
        [
            initiative_row("FIN-1", priorities="1; Growth"),
            initiative_row("FIN-2", service="Payroll"),
            initiative_row("FIN-3", partners="West"),
        ]
    )
    assert refused(ready, data) == [
        "Row 2, column 'priorities': Growth is not a priority of Shared Service Strategy. Its "
        "priorities are: 1. Value for money; 2. Customer focus; 3. Digital first. Write their "
        "numbers or titles, separated by ;.",
        "Row 3, column 'service': Payroll is not one of shared service's services. They are: "
        "Finance; ICT.",
        "Row 4, column 'partners': West is not one of shared service's partner councils. They "
        "are: North Borough Council; South Borough Council. Separate several with ;.",
    ]


def test_one_bad_row_among_many_good_ones_changes_nothing(ready, existing):
    rows = [initiative_row(f"FIN-{n}") for n in range(30)]
    rows.append(initiative_row("FIN-99", kind="Programme"))
    (problem,) = refused(ready, xlsx(rows))
    assert problem.startswith("Row 32, column 'kind': Programme is not a kind of initiative.")


def test_a_formula_is_refused_never_worked_out(ready, existing):
    data = xlsx([initiative_row("FIN-1", title="=CONCAT(A1, B1)")])
    assert refused(ready, data) == [
        "Row 2, column 'title': Type the value, not a formula (the cell holds =CONCAT(A1, B1))."
    ]


def test_a_formula_in_a_csv_file_is_refused_too(ready, existing):
    data = csv_file([initiative_row("FIN-1", title='=HYPERLINK("http://x")')])
    (problem,) = refused(ready, data, "portfolio.csv")
    assert "Type the value, not a formula" in problem


def test_a_duplicate_reference_is_refused(ready, existing):
    data = xlsx([initiative_row("FIN-1"), initiative_row("fin-1")])
    assert refused(ready, data) == [
        "Row 3, column 'reference': fin-1 is also on row 2. Give each initiative one row."
    ]


def test_a_milestone_of_an_unknown_initiative_is_refused(ready, existing):
    milestones = [MILESTONE_HEADER, ["NOPE-1", "Go live", "2021-12-31", None, None]]
    data = xlsx([initiative_row("FIN-1")], extra={"Milestones": milestones})
    (problem,) = refused(ready, data)
    assert problem.startswith("Sheet 'Milestones', row 2, column 'reference': No initiative")


def test_too_many_rows_are_refused(ready, existing):
    rows = [[f"R-{n}"] for n in range(100_000)]
    data = replace_part(xlsx([]), SHEET, sheet_xml([["reference"], *rows]))
    (problem,) = refused(ready, data)
    assert problem == (
        "The sheet “Initiatives” has more than 20,000 rows of data; Headway takes at most "
        "20,000 in one file. Split it into several files and import each."
    )


def test_too_many_csv_rows_are_refused(ready, existing):
    data = csv_file([[f"R-{n}"] for n in range(100_000)])
    (problem,) = refused(ready, data, "portfolio.csv")
    assert "more than 20,000 rows" in problem


def test_a_file_over_the_size_limit_is_refused(ready, existing, monkeypatch):
    from headway.dataio import limits

    monkeypatch.setattr(limits, "MAX_BYTES", 1000)
    (problem,) = refused(ready, xlsx([initiative_row("FIN-1")]))
    assert problem.startswith("The file is 0.0 MB; the largest Headway takes is 0.0 MB.")
    assert "Split it into smaller files" in problem
