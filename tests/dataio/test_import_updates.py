"""Services that still send spreadsheets: a period's returns imported in one go, submitted
through the same rules as the web form."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from headway.dataio.imports import ImportFile, run_import
from headway.dataio.preview import Action
from headway.dataio.problems import FileRefused
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod, Update
from tests.dataio.files import UPDATE_HEADER, csv_file, xlsx
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(org) -> ReportingPeriod:
    quarter = Quarter.of(timezone.localdate() - dt.timedelta(days=20))
    return ReportingPeriodFactory.create(
        organisation=org,
        year=quarter.year,
        quarter=quarter.number,
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )


@pytest.fixture
def returns(org, service, period) -> list[Update]:
    return [
        UpdateFactory.create(
            initiative=InitiativeFactory.create(
                organisation=org, service=service, external_reference=reference
            ),
            period=period,
            state=Update.State.DRAFT,
            status=None,
            narrative="",
        )
        for reference in ("FIN-1", "FIN-2")
    ]


def updates_file(org, period, data, by, filename="returns.xlsx") -> ImportFile:
    return ImportFile("updates", org, data, filename, by=by, period=period)


def row(reference: str, status: str = "Green", **values: Any) -> list[Any]:
    given = {
        "reference": reference,
        "status": status,
        "narrative": f"Progress on {reference}.",
        "achievements": "",
        "next steps": "",
        "risks": "",
        "percent complete": 50,
        "completion date": None,
    }
    given.update({k.replace("_", " "): v for k, v in values.items()})
    return [given[h] for h in UPDATE_HEADER]


def test_it_submits_each_return_as_the_importing_administrator(org, period, returns, as_admin):
    data = xlsx(
        [row("FIN-1"), row("FIN-2", "amber", risks="Supplier late; a second supplier is lined up")],
        header=UPDATE_HEADER,
        sheet="Updates",
    )
    preview = run_import(updates_file(org, period, data, as_admin))
    assert [r.action for r in preview.rows] == [Action.SUBMIT, Action.SUBMIT]
    first, second = (Update.objects.get(pk=u.pk) for u in returns)
    assert first.state == second.state == Update.State.SUBMITTED
    assert first.submitted_by == as_admin.user
    assert first.status is not None and second.status is not None
    assert (first.status.code, second.status.code) == ("green", "amber")
    assert first.narrative == "Progress on FIN-1."
    assert first.percent_complete == 50


def test_importing_the_same_returns_again_changes_nothing(org, period, returns, as_admin):
    data = csv_file([row("FIN-1"), row("FIN-2")], header=UPDATE_HEADER)
    run_import(updates_file(org, period, data, as_admin, "returns.csv"))
    history = Update.history.count()
    preview = run_import(updates_file(org, period, data, as_admin, "returns.csv"))
    assert [r.action for r in preview.rows] == [Action.UNCHANGED, Action.UNCHANGED]
    assert Update.history.count() == history


def test_a_return_that_breaks_a_submission_rule_refuses_the_whole_file(
    org, period, returns, as_admin
):
    data = xlsx([row("FIN-1"), row("FIN-2", "Red")], header=UPDATE_HEADER)
    with pytest.raises(FileRefused) as refused:
        run_import(updates_file(org, period, data, as_admin))
    assert [str(p) for p in refused.value.problems] == [
        "Row 3, column 'risks': Say what the risks are and what is being done about them: the "
        "status is Red, which needs a mitigation."
    ]
    assert set(Update.objects.values_list("state", flat=True)) == {Update.State.DRAFT}


def test_a_complete_status_needs_its_date(org, period, returns, as_admin):
    data = xlsx([row("FIN-1", "Blue")], header=UPDATE_HEADER)
    with pytest.raises(FileRefused) as refused:
        run_import(updates_file(org, period, data, as_admin))
    (problem,) = refused.value.problems
    assert problem.column == "completion date"


def test_an_approved_return_cannot_be_changed(org, period, returns, as_admin):
    Update.objects.filter(pk=returns[0].pk).update(state=Update.State.APPROVED)
    data = xlsx([row("FIN-1")], header=UPDATE_HEADER)
    with pytest.raises(FileRefused) as refused:
        run_import(updates_file(org, period, data, as_admin))
    assert "has been approved, so it can no longer be changed" in str(refused.value)


def test_unknown_references_and_statuses_are_explained(org, period, returns, as_admin):
    InitiativeFactory.create(
        organisation=org, external_reference="DONE-1", status="completed", title="Done"
    )
    data = xlsx([row("NOPE-1"), row("DONE-1"), row("FIN-1", "Purple")], header=UPDATE_HEADER)
    with pytest.raises(FileRefused) as refused:
        run_import(updates_file(org, period, data, as_admin))
    assert [str(p) for p in refused.value.problems] == [
        "Row 2, column 'reference': No initiative has the reference NOPE-1. Check the reference.",
        f"Row 3, column 'reference': DONE-1 has no return for {period.label}: returns are made "
        "when a period opens, for initiatives that are planned, in progress or on hold, and it "
        "is completed. Remove the row.",
        "Row 4, column 'status': Purple is not a status. Write one of: Blue, Green, Amber, Red.",
    ]


def test_returns_cannot_be_imported_into_a_closed_period(org, period, returns, as_admin):
    ReportingPeriod.objects.filter(pk=period.pk).update(state=ReportingPeriod.State.CLOSED)
    period.refresh_from_db()
    data = xlsx([row("FIN-1")], header=UPDATE_HEADER)
    with pytest.raises(FileRefused) as refused:
        run_import(updates_file(org, period, data, as_admin))
    assert "is closed, so its returns cannot be imported" in str(refused.value)
    assert Update.objects.get(pk=returns[0].pk).state == Update.State.DRAFT
