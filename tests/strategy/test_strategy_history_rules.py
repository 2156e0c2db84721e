"""The rules for the strategy's history and priorities, as every way in shares them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import Membership
from headway.committee.drafting import draft_report
from headway.strategy.history import EventDetails, record_event
from headway.strategy.models import Initiative, Priority, Strategy
from headway.strategy.priorities import move_priority, retire_priority
from tests.factories import (
    CommitteeFactory,
    InitiativeFactory,
    MeetingFactory,
    ReportFactory,
    ReportingPeriodFactory,
    StrategyEventFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 11, 1)  # in 2021-22


def membership(user) -> Membership:
    return Membership.objects.get(user=user)


def test_only_an_administrator_records_events(reviewer, strategy):
    details = EventDetails(dt.date(2021, 4, 30), "agreed", "Agreed.")
    with pytest.raises(PermissionDenied):
        record_event(strategy, details, by=membership(reviewer))


def test_an_administrator_of_another_organisation_cannot(outsider, strategy):
    details = EventDetails(dt.date(2021, 4, 30), "agreed", "Agreed.")
    with pytest.raises(PermissionDenied):
        record_event(strategy, details, by=membership(outsider))


def test_the_rule_refuses_a_kind_the_timeline_does_not_hold(admin_user, strategy):
    details = EventDetails(dt.date(2021, 4, 30), "organisational_change", "Moved.")
    with pytest.raises(ValidationError) as refused:
        record_event(strategy, details, by=membership(admin_user))
    assert refused.value.message_dict == {"kind": ["Choose what happened to the strategy"]}


def test_a_redraft_writes_the_background_from_a_recorded_review(admin_user, org, strategy):
    StrategyEventFactory.create(strategy=strategy, text="Presented to the Committee.")
    period = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    meeting = MeetingFactory.create(committee=CommitteeFactory.create(organisation=org))
    report = draft_report(ReportFactory.create(meeting=meeting, period=period))
    background = report.sections.get(key="background")
    assert [p.text for p in background.paragraphs.order_by("position")] == [
        "Presented to the Committee."
    ]
    details = EventDetails(dt.date(2021, 12, 8), "reviewed", "Reviewed at the Committee.", meeting)
    record_event(strategy, details, by=membership(admin_user))
    # After the period's end it is not this report's history.
    later = EventDetails(dt.date(2022, 1, 8), "revised", "Revised.", None)
    record_event(strategy, later, by=membership(admin_user))
    report = draft_report(report)
    background = report.sections.get(key="background")
    assert [p.text for p in background.paragraphs.order_by("position")] == [
        "Presented to the Committee.",
        "Reviewed at the Committee.",
    ]


@pytest.fixture
def three_years(strategy: Strategy) -> Strategy:
    Strategy.objects.filter(pk=strategy.pk).update(first_year=2020, last_year=2022)
    strategy.refresh_from_db()
    return strategy


def test_retiring_is_refused_while_initiatives_would_leave_the_maps(
    admin_user, org, three_years, priorities
):
    digital = Priority.objects.get(title="Digital first")
    alone = InitiativeFactory.create(organisation=org, title="Cloud move", priorities=[digital])
    InitiativeFactory.create(organisation=org, title="Shared", priorities=[digital, priorities[0]])
    InitiativeFactory.create(
        organisation=org,
        title="Done",
        priorities=[digital],
        status=Initiative.Status.COMPLETED,
    )
    with pytest.raises(ValidationError) as refused:
        retire_priority(digital, 2020, by=membership(admin_user), today=TODAY)
    assert refused.value.message_dict["last_year"] == [
        "1 initiative is on the maps under this priority alone (“Cloud move”). "
        "Propose a change request to move or close it first."
    ]
    alone.priorities.add(priorities[0])
    retired = retire_priority(digital, 2020, by=membership(admin_user), today=TODAY)
    assert retired.active_to == 2020
    assert not retired.is_active_in(2021) and retired.is_active_in(2020)


def test_retiring_in_a_year_already_reported_is_refused(admin_user, three_years, priorities):
    with pytest.raises(ValidationError) as refused:
        retire_priority(priorities[0], 2019, by=membership(admin_user), today=TODAY)
    assert refused.value.message_dict["last_year"] == [
        "Choose the last financial year it applies to, from 2020-21 to 2022-23"
    ]


def test_a_retired_priority_keeps_its_number(admin_user, three_years, priorities):
    digital = Priority.objects.get(title="Digital first")
    retire_priority(digital, 2020, by=membership(admin_user), today=TODAY)
    with pytest.raises(ValidationError):
        move_priority(digital, "up", by=membership(admin_user), today=TODAY)
    # The last priority in force is now number 2: it cannot move down past the retired one.
    with pytest.raises(ValidationError, match="already the last"):
        move_priority(priorities[0], "down", by=membership(admin_user), today=TODAY)
