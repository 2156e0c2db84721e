from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from headway.dataio.imports import preview_import, run_import
from headway.dataio.preview import Action
from headway.strategy.models import Initiative, Milestone
from tests.dataio.conftest import portfolio_file
from tests.dataio.files import MILESTONE_HEADER, csv_file, initiative_row, xlsx

pytestmark = pytest.mark.django_db


def test_it_creates_initiatives_with_every_field(ready, priorities, as_admin):
    data = xlsx(
        [
            initiative_row(
                "FIN-001",
                title="Replace the payroll system",
                priorities="1; Digital first",
                partners="North Borough Council; South",
                key_project="yes",
                description="A new system.",
            )
        ]
    )
    preview = run_import(portfolio_file(ready, data, by=as_admin))
    assert [r.action for r in preview.rows] == [Action.CREATE]
    initiative = Initiative.objects.get(external_reference="FIN-001")
    assert initiative.title == "Replace the payroll system"
    assert initiative.kind == Initiative.Kind.PROJECT
    assert initiative.service.name == "Finance"
    assert {p.number for p in initiative.priorities.all()} == {1, 3}
    assert {p.short_name for p in initiative.partners.all()} == {"North", "South"}
    assert initiative.planned_start == dt.date(2021, 4, 1)
    assert initiative.planned_end == dt.date(2022, 3, 31)
    assert initiative.status == Initiative.Status.IN_PROGRESS
    assert initiative.is_key_project
    assert initiative.description == "A new system."
    assert initiative.history.get().history_change_reason == "Imported from portfolio.xlsx"


def test_importing_the_same_file_again_changes_nothing(ready, as_admin):
    data = xlsx([initiative_row("FIN-001"), initiative_row("FIN-002")])
    run_import(portfolio_file(ready, data, by=as_admin))
    history = Initiative.history.count()
    preview = run_import(portfolio_file(ready, data, by=as_admin))
    assert [r.action for r in preview.rows] == [Action.UNCHANGED, Action.UNCHANGED]
    assert Initiative.objects.count() == 2
    assert Initiative.history.count() == history


def test_a_csv_file_with_a_byte_order_mark_imports_the_same(ready, as_admin):
    data = csv_file([initiative_row("FIN-001", title="Café £ budget")], bom=True)
    run_import(portfolio_file(ready, data, "portfolio.csv", by=as_admin))
    assert Initiative.objects.get().title == "Café £ budget"


def test_it_changes_fields_outside_the_maps_and_says_what_changed(ready, as_admin):
    run_import(portfolio_file(ready, xlsx([initiative_row("FIN-001")]), by=as_admin))
    data = xlsx([initiative_row("FIN-001", title="Renamed", service="ICT", key_project="yes")])
    preview = run_import(portfolio_file(ready, data, by=as_admin))
    (row,) = preview.rows
    assert row.action == Action.UPDATE
    assert [(c.column, c.old, c.new) for c in row.changes] == [
        ("title", "Initiative FIN-001", "Renamed"),
        ("service", "Finance", "ICT"),
        ("key project", "no", "yes"),
    ]
    initiative = Initiative.objects.get()
    assert (initiative.title, initiative.service.name) == ("Renamed", "ICT")
    assert initiative.history.first().history_change_reason == (
        "Imported from portfolio.xlsx: title, service, key project"
    )


def test_it_adds_and_updates_milestones(ready, as_admin):
    milestones: list[Any] = [
        MILESTONE_HEADER,
        ["FIN-001", "Design agreed", "2021-06-30", None, "2021-06-28"],
        ["FIN-001", "Go live", "2021-12-31", "2022-01-31", None],
    ]
    data = xlsx([initiative_row("FIN-001")], extra={"Milestones": milestones})
    preview = run_import(portfolio_file(ready, data, by=as_admin))
    assert preview.count(Action.CREATE, "Milestones") == 2
    go_live = Milestone.objects.get(title="Go live")
    assert go_live.forecast == dt.date(2022, 1, 31)

    milestones[2][3] = "2022-02-28"
    data = xlsx([initiative_row("FIN-001")], extra={"Milestones": milestones})
    preview = run_import(portfolio_file(ready, data, by=as_admin))
    changed = [r for r in preview.rows if r.action == Action.UPDATE]
    assert [(r.title, c.column, c.old, c.new) for r in changed for c in r.changes] == [
        ("Go live", "forecast", "2022-01-31", "2022-02-28")
    ]
    go_live.refresh_from_db()
    assert go_live.forecast == dt.date(2022, 2, 28)


def test_preview_writes_nothing(ready):
    preview = preview_import(portfolio_file(ready, xlsx([initiative_row("FIN-001")])))
    assert preview.ok
    assert [r.action for r in preview.rows] == [Action.CREATE]
    assert not Initiative.objects.exists()
