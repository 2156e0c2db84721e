"""A snapshot freezes a period's figures; nothing can change or delete it afterwards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from headway.committee.models import Snapshot, SnapshotFrozen
from headway.committee.snapshot import take_snapshot
from headway.indicators.models import Figure
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Organisation, Service
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    PartnerFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    StrategyEventFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)
from tests.indicators.factories import FigureFactory, MeasureFactory, TargetFactory


@pytest.fixture
def period(org: Organisation, service: Service):
    strategy = StrategyFactory.create(organisation=org)
    priority = PriorityFactory.create(strategy=strategy, number=1, title="Customer first")
    StrategyEventFactory.create(strategy=strategy)
    q2 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=2, state="upcoming")
    q3 = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    initiative = InitiativeFactory.create(
        organisation=org, service=service, title="Replace payroll", priorities=[priority]
    )
    MilestoneFactory.create(initiative=initiative, title="Go live", due=dt.date(2021, 11, 30))
    UpdateFactory.create(initiative=initiative, period=q2, narrative="Tender issued.")
    ReportingPeriod.objects.filter(pk=q2.pk).update(state="closed")
    UpdateFactory.create(
        initiative=initiative,
        period=q3,
        status=status_value(org, "amber"),
        narrative="Supplier delayed.",
        risks="Go-live moved; contingency agreed.",
    )
    return q3


def test_it_freezes_the_figures_the_report_uses(period) -> None:
    snapshot = take_snapshot(period)
    data = snapshot.data
    assert data["period"]["label"] == "2021-22 Q3"
    assert data["period"]["months"] == "October - December"
    assert data["previous_period"]["label"] == "2021-22 Q2"
    assert data["strategy"]["years_label"] == "2020-23"
    assert [p["title"] for p in data["priorities"]] == ["Customer first"]
    assert data["initiatives"][0]["milestones"][0]["title"] == "Go live"
    assert [u["status"] for u in data["updates"]["current"]] == ["amber"]
    assert [u["narrative"] for u in data["updates"]["previous"]] == ["Tender issued."]
    assert snapshot.verify()


def test_it_leaves_out_returns_that_are_not_approved(period) -> None:
    Update.objects.filter(period=period).update(state=Update.State.SUBMITTED)
    assert take_snapshot(period).data["updates"]["current"] == []


def test_live_changes_do_not_reach_a_snapshot(period) -> None:
    snapshot = take_snapshot(period)
    Update.objects.filter(period=period).update(narrative="Rewritten later.")
    again = Snapshot.objects.get(pk=snapshot.pk)
    assert again.data["updates"]["current"][0]["narrative"] == "Supplier delayed."
    assert again.verify()


def test_text_stored_with_bidirectional_controls_is_frozen_without_them(period) -> None:
    # Written before input was cleaned: an override would reverse the words in data.json.
    Update.objects.filter(period=period).update(narrative="Supplier \u202edelayed\u202c.")
    snapshot = take_snapshot(period)
    assert snapshot.data["updates"]["current"][0]["narrative"] == "Supplier delayed."
    assert snapshot.verify()


def test_a_snapshot_cannot_be_changed(period) -> None:
    snapshot = take_snapshot(period)
    snapshot.data["period"]["label"] = "forged"
    with pytest.raises(SnapshotFrozen):
        snapshot.save()
    with pytest.raises(SnapshotFrozen):
        Snapshot.objects.filter(pk=snapshot.pk).update(content_hash="0" * 64)


def test_a_snapshot_cannot_be_deleted(period) -> None:
    snapshot = take_snapshot(period)
    with pytest.raises(SnapshotFrozen):
        snapshot.delete()
    with pytest.raises(SnapshotFrozen):
        Snapshot.objects.all().delete()
    assert Snapshot.objects.count() == 1


def test_the_hash_changes_with_the_content(period) -> None:
    first = take_snapshot(period)
    Update.objects.filter(period=period).update(narrative="Now back on track.")
    second = take_snapshot(period)
    assert first.content_hash != second.content_hash


def test_it_takes_a_constant_number_of_queries(
    period, django_assert_max_num_queries, service: Service
):
    for _ in range(30):
        InitiativeFactory.create(organisation=period.organisation, service=service)
    # About twenty for the report's figures, ten for its maps, one for the log of
    # organisational changes, one for the performance indicators' measures and ten for the
    # coverage check, however many initiatives.
    with django_assert_max_num_queries(42):
        take_snapshot(period)


# Performance indicators ----------------------------------------------------------------------


def _measure_with_figures(period: ReportingPeriod, service: Service, number: int = 1) -> None:
    """Invoices paid in 30 days for two councils, target 95 (tolerance 2): Newham approved
    at 90 (off target, with its note), Havering only submitted; Q2's approved figures."""
    org = period.organisation
    newham = PartnerFactory.create(organisation=org, name=f"Newham {number}")
    havering = PartnerFactory.create(organisation=org, name=f"Havering {number}")
    measure = MeasureFactory.create(
        organisation=org,
        service=service,
        reference=f"FIN-PI-0{number}",
        name="Invoices paid within 30 days",
        partners=[newham, havering],
        whole_service="sum",
    )
    for partner in (newham, havering, None):
        TargetFactory.create(
            measure=measure, partner=partner, value=Decimal(95), tolerance=Decimal(2)
        )
    q2 = ReportingPeriod.objects.get(organisation=org, year=2021, quarter=2)
    ReportingPeriod.objects.filter(pk=q2.pk).update(state="upcoming")
    for partner, value in ((newham, 93), (havering, 97)):
        FigureFactory.create(measure=measure, period=q2, partner=partner, value=Decimal(value))
    ReportingPeriod.objects.filter(pk=q2.pk).update(state="closed")
    FigureFactory.create(
        measure=measure,
        period=period,
        partner=newham,
        value=Decimal(90),
        exception_why="Staff left.",
        exception_action="Recruiting.",
        exception_recovery="By Q1",
    )
    FigureFactory.create(
        measure=measure, period=period, partner=havering, state=Figure.State.SUBMITTED
    )


def test_a_period_without_measures_has_no_indicators(period) -> None:
    assert "indicators" not in take_snapshot(period).data


def test_it_freezes_the_approved_figures_with_status_and_direction(period, service) -> None:
    _measure_with_figures(period, service)
    data = take_snapshot(period).data["indicators"]
    assert data["quarter"] == "2021-22 Q3"
    (measure,) = data["measures"]
    assert (measure["reference"], measure["status"]) == ("FIN-PI-01", "off_target")
    rows = {row["council"]: row for row in measure["rows"]}
    assert list(rows) == ["Havering 1", "Newham 1", "Whole service"]
    newham, havering, whole = rows["Newham 1"], rows["Havering 1"], rows["Whole service"]
    assert (newham["value"], newham["target"], newham["status"]) == (90.0, 95.0, "off_target")
    assert (newham["short_term"], newham["long_term"]) == ("worse", "not_comparable")
    assert newham["exception"] == {
        "why": "Staff left.",
        "action": "Recruiting.",
        "recovery": "By Q1",
    }
    # Havering's figure is only submitted: the pack counts approved figures, as returns.
    assert (havering["value"], havering["status"], havering["exception"]) == (
        None,
        "no_data",
        None,
    )
    # A sum of some councils only would mislead: no whole-service figure this quarter.
    assert (whole["value"], whole["computed"], whole["status"]) == (None, True, "no_data")
    assert measure["trend"] == [
        {"quarter": "2021-22 Q2", "values": [97.0, 93.0, 190.0], "targets": [95.0] * 3},
        {"quarter": "2021-22 Q3", "values": [None, 90.0, None], "targets": [95.0] * 3},
    ]


def test_measures_add_a_fixed_number_of_queries(
    period, service: Service, django_assert_max_num_queries
) -> None:
    for number in range(1, 6):
        _measure_with_figures(period, service, number)
    with django_assert_max_num_queries(50):
        take_snapshot(period)
