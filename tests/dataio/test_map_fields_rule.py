"""Only an agreed change request changes an existing initiative's map fields; an
administrator's correction is the exception, and it is recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.dataio.imports import run_import
from headway.dataio.problems import FileRefused
from headway.strategy.models import Initiative, Milestone
from tests.dataio.conftest import portfolio_file
from tests.dataio.files import MILESTONE_HEADER, initiative_row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(ready, as_admin) -> Initiative:
    milestones = [MILESTONE_HEADER, ["FIN-001", "Go live", "2021-12-31", None, None]]
    data = xlsx([initiative_row("FIN-001")], extra={"Milestones": milestones})
    run_import(portfolio_file(ready, data, by=as_admin))
    return Initiative.objects.get()


@pytest.mark.parametrize(
    ("change", "column", "says"),
    [
        ({"status": "Completed"}, "status", "has In progress in Headway; the file says Completed"),
        ({"priorities": "2"}, "priorities", "has 1. Value for money in Headway"),
        ({"planned_end": "2022-06-30"}, "planned end", "the file says 2022-06-30"),
        ({"planned_start": ""}, "planned start", "the file says (blank)"),
    ],
)
def test_it_refuses_to_change_a_map_field_of_an_existing_initiative(
    ready, as_admin, imported, change, column, says
):
    data = xlsx([initiative_row("FIN-001", title="Renamed too", **change)])
    with pytest.raises(FileRefused) as refused:
        run_import(portfolio_file(ready, data, by=as_admin))
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, column)
    assert says in problem.message
    assert "change request" in problem.message
    imported.refresh_from_db()
    assert imported.title == "Initiative FIN-001"


def test_it_refuses_to_move_a_milestone_s_agreed_due_date(ready, as_admin, imported):
    milestones = [MILESTONE_HEADER, ["FIN-001", "Go live", "2022-01-31", None, None]]
    data = xlsx([initiative_row("FIN-001")], extra={"Milestones": milestones})
    with pytest.raises(FileRefused) as refused:
        run_import(portfolio_file(ready, data, by=as_admin))
    assert "give the new date as the forecast" in str(refused.value)
    assert Milestone.objects.get().due == dt.date(2021, 12, 31)


def test_a_correction_changes_map_fields_and_records_why(ready, as_admin, imported):
    milestones = [MILESTONE_HEADER, ["FIN-001", "Go live", "2022-01-31", None, None]]
    data = xlsx(
        [initiative_row("FIN-001", status="On hold", priorities="2; 3")],
        extra={"Milestones": milestones},
    )
    run_import(portfolio_file(ready, data, "fix.xlsx", by=as_admin, correction=True))
    imported.refresh_from_db()
    assert imported.status == Initiative.Status.ON_HOLD
    assert sorted(p.number for p in imported.priorities.all()) == [2, 3]
    assert Milestone.objects.get().due == dt.date(2022, 1, 31)
    latest = imported.history.first()
    assert latest.history_change_reason == "Correction imported from fix.xlsx: priorities, status"
    assert latest.history_user == as_admin.user


def test_a_new_initiative_may_have_every_map_field(ready, as_admin):
    data = xlsx([initiative_row("NEW-1", status="On hold", priorities="2")])
    run_import(portfolio_file(ready, data, by=as_admin))
    assert Initiative.objects.get().status == Initiative.Status.ON_HOLD


def test_links_to_an_older_strategy_s_priorities_are_kept(ready, as_admin, imported):
    from tests.factories import PriorityFactory, StrategyFactory

    old = PriorityFactory.create(
        strategy=StrategyFactory.create(organisation=ready, first_year=1990, last_year=1995)
    )
    imported.priorities.add(old)
    data = xlsx([initiative_row("FIN-001", priorities="3")])
    run_import(portfolio_file(ready, data, by=as_admin, correction=True))
    assert set(imported.priorities.all()) == {
        old,
        *ready.strategies.get(first_year=2000).priorities.filter(number=3),
    }
