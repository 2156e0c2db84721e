"""A quarterly return's rules, shared by every form that saves one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from headway.strategy.models import Initiative, Organisation, Service
from tests.factories import (
    InitiativeFactory,
    ReportingPeriodFactory,
    UpdateFactory,
    status_value,
)


@pytest.fixture
def initiative(org: Organisation, service: Service) -> Initiative:
    return InitiativeFactory.create(organisation=org, service=service)


@pytest.mark.parametrize("code", ["amber", "red"])
def test_amber_and_red_need_the_risks_and_mitigation(initiative: Initiative, code: str) -> None:
    update = UpdateFactory.build(
        initiative=initiative,
        period=ReportingPeriodFactory.create(organisation=initiative.organisation),
        status=status_value(initiative.organisation, code),
        risks="",
    )
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "what is being done about them" in str(error.value.message_dict["risks"])


@pytest.mark.parametrize("code", ["blue", "green"])
def test_blue_and_green_need_no_mitigation(initiative: Initiative, code: str) -> None:
    update = UpdateFactory.build(
        initiative=initiative,
        period=ReportingPeriodFactory.create(organisation=initiative.organisation),
        status=status_value(initiative.organisation, code),
        completed_on=dt.date(2021, 12, 1) if code == "blue" else None,
    )
    update.full_clean()


def test_blue_needs_the_date_the_initiative_was_completed(initiative: Initiative) -> None:
    update = UpdateFactory.build(
        initiative=initiative,
        period=ReportingPeriodFactory.create(organisation=initiative.organisation),
        status=status_value(initiative.organisation, "blue"),
    )
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "date the initiative was completed" in str(error.value.message_dict["completed_on"])


def test_it_refuses_a_percentage_over_100(initiative: Initiative) -> None:
    update = UpdateFactory.build(
        initiative=initiative,
        period=ReportingPeriodFactory.create(organisation=initiative.organisation),
        percent_complete=140,
    )
    with pytest.raises(ValidationError, match="0 to 100"):
        update.full_clean()


def test_it_refuses_another_organisations_period(
    initiative: Initiative, other_org: Organisation
) -> None:
    update = UpdateFactory.build(
        initiative=initiative, period=ReportingPeriodFactory.create(organisation=other_org)
    )
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "period" in error.value.message_dict


def test_it_refuses_another_organisations_status(
    initiative: Initiative, other_org: Organisation
) -> None:
    update = UpdateFactory.build(
        initiative=initiative,
        period=ReportingPeriodFactory.create(organisation=initiative.organisation),
        status=status_value(other_org, "green"),
    )
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "own scale" in str(error.value.message_dict["status"])


def test_an_initiative_has_one_return_a_period(initiative: Initiative) -> None:
    period = ReportingPeriodFactory.create(organisation=initiative.organisation)
    UpdateFactory.create(initiative=initiative, period=period)
    with pytest.raises(IntegrityError), transaction.atomic():
        UpdateFactory.create(initiative=initiative, period=period)
