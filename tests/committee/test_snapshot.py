"""A snapshot freezes a period's figures; nothing can change or delete it afterwards."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.committee.models import Snapshot, SnapshotFrozen
from headway.committee.snapshot import take_snapshot
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import Organisation, Service
from tests.factories import (
    InitiativeFactory,
    MilestoneFactory,
    PriorityFactory,
    ReportingPeriodFactory,
    StrategyEventFactory,
    StrategyFactory,
    UpdateFactory,
    status_value,
)


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
    # organisational changes and ten for the coverage check, however many initiatives.
    with django_assert_max_num_queries(41):
        take_snapshot(period)
