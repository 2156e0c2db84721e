"""Importing a quarter's figures from a spreadsheet: previewed, then all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from headway.accounts.models import Membership, User
from headway.dataio.imports import FIGURES, ImportFile, preview_import, run_import
from headway.dataio.preview import Action
from headway.dataio.problems import FileRefused
from headway.indicators.models import Figure, Measure
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner
from tests.conftest import signed_in
from tests.indicators.factories import FigureFactory

D = Decimal
HEADER = "reference,period,council,value,weight,why off target,action,expected recovery\n"


def _file(as_admin: Membership, q3: ReportingPeriod, rows: str) -> ImportFile:
    return ImportFile(
        FIGURES, as_admin.organisation, (HEADER + rows).encode(), "figures.csv", as_admin, q3
    )


def test_a_good_file_submits_each_figure(
    invoices: Measure, q3: ReportingPeriod, as_admin: Membership
) -> None:
    rows = (
        "FIN-01,2021-22 Q3,North,96.5,3000,,,\n"
        "fin-01,2021-22 Q3,South Borough Council,90,1000,Vacancies,Agency staff,Q4\n"
    )
    preview = run_import(_file(as_admin, q3, rows))
    assert [r.action for r in preview.rows] == [Action.SUBMIT, Action.SUBMIT]
    figures = Figure.objects.order_by("partner__name")
    assert [(f.partner.short_name, f.value, f.state) for f in figures if f.partner] == [
        ("North", D("96.5"), "submitted"),
        ("South", D(90), "submitted"),
    ]
    # The same file again changes nothing.
    again = preview_import(_file(as_admin, q3, rows))
    assert [r.action for r in again.rows] == [Action.UNCHANGED, Action.UNCHANGED]


def test_bad_rows_are_refused_and_nothing_is_written(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_admin: Membership
) -> None:
    approved = FigureFactory.create(measure=invoices, period=q3, partner=partner, value=D(97))
    rows = (
        "FIN-01,2021-22 Q3,South,96,1000,,,\n"  # good on its own
        "NOPE-1,2021-22 Q3,North,96,1,,,\n"
        "FIN-01,2021-22 Q2,North,96,1,,,\n"
        "FIN-01,2021-22 Q3,East,96,1,,,\n"
        "FIN-01,2021-22 Q3,Whole service,96,,,,\n"
        "FIN-01,2021-22 Q3,North,ninety,1,,,\n"
        "FIN-01,2021-22 Q3,North,96.123,1,,,\n"
        "FIN-01,2021-22 Q3,North,98,1,,,\n"
    )
    preview = preview_import(_file(as_admin, q3, rows))
    messages = [(p.row, p.column, p.message) for p in preview.problems]
    assert messages == [
        (3, "reference", "No measure has the reference NOPE-1. Check it."),
        (
            4,
            "period",
            "2021-22 Q2 is not the open period: figures are imported into 2021-22 Q3 only.",
        ),
        (
            5,
            "council",
            "East is not a partner council. Write one of: North, South, or Whole service.",
        ),
        (
            6,
            "council",
            "The whole service's figure of FIN-01 is worked out from the councils' figures: "
            "give the councils' figures instead.",
        ),
        (7, "value", "ninety is not a number. Write the figure as a number, such as 96.5."),
        (8, "value", "96.123 has more than two decimal places. Round it to two."),
        (
            9,
            None,
            "The 2021-22 Q3 figure of FIN-01 for North has been approved, so it is not imported "
            "again. Remove the row, or correct it on the measure's page, giving a reason.",
        ),
    ]
    with pytest.raises(FileRefused):
        run_import(_file(as_admin, q3, rows))
    assert list(Figure.objects.all()) == [approved]
    approved.refresh_from_db()
    assert approved.value == D(97)


def test_an_off_target_row_needs_its_exception_note(
    invoices: Measure, q3: ReportingPeriod, as_admin: Membership
) -> None:
    preview = preview_import(_file(as_admin, q3, "FIN-01,2021-22 Q3,North,80,10,,,\n"))
    columns = [p.column for p in preview.problems]
    assert columns == ["why off target", "action", "expected recovery"]
    assert preview.problems[0].message.startswith("The figure is off target (target 95.0%")
    with pytest.raises(FileRefused):
        run_import(_file(as_admin, q3, "FIN-01,2021-22 Q3,North,80,10,,,\n"))
    assert not Figure.objects.exists()


def test_a_figure_given_twice_is_refused(
    invoices: Measure, q3: ReportingPeriod, as_admin: Membership
) -> None:
    rows = "FIN-01,2021-22 Q3,North,96,1,,,\nFIN-01,2021-22 Q3,north,97,1,,,\n"
    [problem] = preview_import(_file(as_admin, q3, rows)).problems
    assert problem.message == "FIN-01 for North is also on row 2. Give each figure one row."


def test_the_upload_pages_preview_and_import_figures(
    invoices: Measure, q3: ReportingPeriod, admin_user: User
) -> None:
    client = signed_in(admin_user)
    assert "Import figures for 2021-22 Q3" in client.get("/import/").content.decode()
    template = client.get("/import/figures/template.csv")
    assert template.content.decode("utf-8-sig").startswith("reference,period,council,value")
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = (HEADER + "FIN-01,2021-22 Q3,North,96.5,3000,,,\n").encode()
    sent = client.post(
        "/import/figures/", {"file": SimpleUploadedFile("figures.csv", data, "text/csv")}
    )
    assert sent.status_code == 302
    preview = client.get(sent["Location"]).content.decode()
    assert "Performance figures to submit" in preview
    confirmed = client.post(sent["Location"] + "confirm/")
    assert confirmed.status_code == 302
    assert Figure.objects.get().value == D("96.5")
