"""Each initiative's latest approved status is kept on a row that every write to an approved
return refreshes in its own transaction, so it always equals the one computed from the
returns."""

from __future__ import annotations

import random
from typing import Any

import pytest

from headway.accounts.models import Membership
from headway.progress.models import LatestStatus, ReportingPeriod, Update, refresh_latest_status
from headway.progress.models.latest import deferred_refresh, latest_rows
from headway.progress.review import approve, return_to_lead
from headway.strategy.models import Initiative, Organisation, Service
from tests.factories import InitiativeFactory, ReportingPeriodFactory, UpdateFactory, status_value

pytestmark = pytest.mark.django_db

KEPT = ("initiative_id", "status_id", "period_id", "update_id", "approved_at", "organisation_id")


def kept() -> list[tuple[Any, ...]]:
    return sorted(LatestStatus.objects.values_list(*KEPT))


def computed() -> list[tuple[Any, ...]]:
    return sorted(tuple(row[name] for name in KEPT) for row in latest_rows(Update, None))


def latest(initiative: Initiative) -> tuple[str, int] | None:
    row = LatestStatus.objects.filter(initiative=initiative).select_related("status").first()
    return (row.status.code, row.period.quarter) if row else None


@pytest.fixture
def quarters(org: Organisation) -> list[ReportingPeriod]:
    return [
        ReportingPeriodFactory.create(
            organisation=org, year=2021, quarter=n, state=ReportingPeriod.State.UPCOMING
        )
        for n in (1, 2, 3)
    ]


@pytest.fixture
def rated(initiative: Initiative, quarters: list[ReportingPeriod], org: Organisation) -> Update:
    """Approved amber in Q1; the Q2 return is approved green."""
    UpdateFactory.create(
        initiative=initiative, period=quarters[0], status=status_value(org, "amber"), risks="x"
    )
    return UpdateFactory.create(initiative=initiative, period=quarters[1])


def test_creating_an_approved_return_keeps_its_status(rated: Update) -> None:
    assert latest(rated.initiative) == ("green", 2)
    assert kept() == computed()


def test_approving_keeps_the_new_status(
    rated: Update, quarters: list[ReportingPeriod], org: Organisation, as_reviewer: Membership
) -> None:
    submitted = UpdateFactory.create(
        initiative=rated.initiative,
        period=quarters[2],
        state=Update.State.SUBMITTED,
        status=status_value(org, "red"),
        risks="Budget.",
    )
    assert latest(rated.initiative) == ("green", 2)
    approve(submitted, by=as_reviewer)
    assert latest(rated.initiative) == ("red", 3)
    row = LatestStatus.objects.get(initiative=rated.initiative)
    assert row.update_id == submitted.pk and row.approved_at is not None


def test_returning_to_the_lead_changes_nothing(
    rated: Update, quarters: list[ReportingPeriod], as_reviewer: Membership
) -> None:
    submitted = UpdateFactory.create(
        initiative=rated.initiative, period=quarters[2], state=Update.State.SUBMITTED
    )
    return_to_lead(submitted, by=as_reviewer, comment="Say more.")
    assert latest(rated.initiative) == ("green", 2)


def test_taking_an_approval_back_falls_back_to_the_one_before(rated: Update) -> None:
    rated.state = Update.State.SUBMITTED
    rated.save()
    assert latest(rated.initiative) == ("amber", 1)


def test_correcting_an_approved_return_keeps_the_correction(
    rated: Update, org: Organisation
) -> None:
    rated.status = status_value(org, "blue")
    rated.save()
    assert latest(rated.initiative) == ("blue", 2)


def test_deleting_the_latest_falls_back_and_deleting_all_leaves_none(rated: Update) -> None:
    initiative = rated.initiative
    rated.delete()
    assert latest(initiative) == ("amber", 1)
    Update.objects.filter(initiative=initiative).delete()
    assert latest(initiative) is None


def test_bulk_writes_keep_it(rated: Update, quarters: list[ReportingPeriod]) -> None:
    initiative = rated.initiative
    Update.objects.filter(pk=rated.pk).update(state=Update.State.RETURNED)
    assert latest(initiative) == ("amber", 1)
    Update.objects.filter(pk=rated.pk).update(state=Update.State.APPROVED)
    assert latest(initiative) == ("green", 2)
    Update.objects.bulk_create(
        [Update(initiative=initiative, period=quarters[2], status=rated.status, state="approved")]
    )
    assert latest(initiative) == ("green", 3)
    assert kept() == computed()


def test_deleting_a_period_or_an_initiative_keeps_it(
    rated: Update, quarters: list[ReportingPeriod]
) -> None:
    initiative = rated.initiative
    quarters[1].delete()
    assert latest(initiative) == ("amber", 1)
    initiative.delete()
    assert kept() == computed() == []


def test_a_return_with_no_status_is_not_a_rating(
    initiative: Initiative, quarters: list[ReportingPeriod]
) -> None:
    UpdateFactory.create(initiative=initiative, period=quarters[0], status=None)
    assert latest(initiative) is None


def test_a_deferred_refresh_runs_once_at_the_end(
    initiative: Initiative, quarters: list[ReportingPeriod]
) -> None:
    with deferred_refresh():
        UpdateFactory.create(initiative=initiative, period=quarters[0])
        assert latest(initiative) is None
    assert latest(initiative) == ("green", 1)


def test_refresh_rebuilds_from_the_returns(rated: Update) -> None:
    LatestStatus.objects.all().delete()
    assert refresh_latest_status() == 1
    assert latest(rated.initiative) == ("green", 2)
    LatestStatus.objects.update(status=rated.status)
    assert refresh_latest_status([rated.initiative]) == 1
    assert kept() == computed()


def test_importing_returns_keeps_it(
    rated: Update, quarters: list[ReportingPeriod], as_admin: Membership
) -> None:
    """Imports submit returns through ``save_return`` (``apply_updates``): never approved,
    so the kept status stays the approved one until a reviewer approves."""
    from headway.progress.returns import ReturnChanges, save_return

    draft = UpdateFactory.create(
        initiative=rated.initiative, period=quarters[2], state=Update.State.DRAFT
    )
    changes = ReturnChanges(status=rated.status, narrative="Imported.")
    save_return(draft, changes, draft.version, as_admin, submit=True)
    assert latest(rated.initiative) == ("green", 2)
    assert kept() == computed()


OPERATIONS = ("add", "approve", "unapprove", "correct", "delete", "bulk", "delete_period")


@pytest.mark.parametrize("seed", range(8))
def test_it_equals_the_computed_one_after_any_writes(
    seed: int, org: Organisation, service: Service, as_reviewer: Membership
) -> None:
    rng = random.Random(seed)
    periods = [
        ReportingPeriodFactory.create(
            organisation=org, year=2020 + n // 4, quarter=1 + n % 4, state="upcoming"
        )
        for n in range(6)
    ]
    initiatives = [InitiativeFactory.create(organisation=org, service=service) for _ in range(4)]
    codes = ["blue", "green", "amber", "red"]
    for _ in range(40):
        returns = list(Update.objects.all())
        operation = rng.choice(OPERATIONS)
        if operation == "add" or not returns:
            initiative, period = rng.choice(initiatives), rng.choice(periods)
            if not Update.objects.filter(initiative=initiative, period=period).exists():
                UpdateFactory.create(
                    initiative=initiative,
                    period=period,
                    status=rng.choice([None, *(status_value(org, c) for c in codes)]),
                    risks="r",
                    state=rng.choice(["draft", "submitted", "approved"]),
                )
            continue
        chosen = rng.choice(returns)
        if operation == "approve" and chosen.state == "submitted":
            approve(chosen, by=as_reviewer)
        elif operation == "unapprove":
            chosen.state = "submitted"
            chosen.save()
        elif operation == "correct":
            chosen.status = status_value(org, rng.choice(codes))
            chosen.save()
        elif operation == "delete":
            chosen.delete()
        elif operation == "bulk":
            Update.objects.filter(initiative=chosen.initiative).update(
                state=rng.choice(["approved", "returned"])
            )
        elif operation == "delete_period" and rng.random() < 0.3:
            rng.choice(periods).updates.all().delete()
        assert kept() == computed(), operation
    assert kept() == computed()
