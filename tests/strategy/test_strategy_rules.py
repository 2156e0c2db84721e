"""A strategy's years and its priorities are checked before they are saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from headway.strategy.models import Organisation
from tests.factories import PriorityFactory, StrategyFactory


def test_it_names_the_strategy_years_as_the_reports_do(org: Organisation) -> None:
    strategy = StrategyFactory.create(organisation=org, first_year=2020, last_year=2022)
    assert strategy.years_label == "2020-23"
    assert [y.label for y in strategy.financial_years()] == ["2020-21", "2021-22", "2022-23"]


def test_it_refuses_a_strategy_that_ends_before_it_starts(org: Organisation) -> None:
    strategy = StrategyFactory.build(organisation=org, first_year=2022, last_year=2020)
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert "same as or after the first year" in str(error.value.message_dict["last_year"])


def test_it_refuses_a_priority_active_outside_the_strategy(org: Organisation) -> None:
    strategy = StrategyFactory.create(organisation=org)
    priority = PriorityFactory.build(strategy=strategy, number=1, active_from=2019)
    with pytest.raises(ValidationError) as error:
        priority.full_clean()
    assert "within the strategy (2020 to 2022)" in str(error.value.message_dict["active_from"])


def test_it_keeps_priority_numbers_unique_within_a_strategy(org: Organisation) -> None:
    strategy = StrategyFactory.create(organisation=org)
    PriorityFactory.create(strategy=strategy, number=1)
    with pytest.raises(IntegrityError):
        PriorityFactory.create(strategy=strategy, number=1)


def test_it_orders_priorities_by_number(org: Organisation) -> None:
    strategy = StrategyFactory.create(organisation=org)
    for number in (3, 1, 2):
        PriorityFactory.create(strategy=strategy, number=number)
    assert [p.number for p in strategy.priorities.all()] == [1, 2, 3]


def test_a_priority_knows_the_years_it_is_active(org: Organisation) -> None:
    priority = PriorityFactory.build(active_from=2021, active_to=2022)
    assert not priority.is_active_in(2020)
    assert priority.is_active_in(2021)
    assert PriorityFactory.build().is_active_in(2035)
