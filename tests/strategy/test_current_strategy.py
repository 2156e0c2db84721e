from __future__ import annotations

import datetime as dt

import pytest

from headway.strategy.current import current_strategy
from tests.factories import StrategyFactory

pytestmark = pytest.mark.django_db

# 2021-22 runs from April 2021 to March 2022.
IN_2021_22 = dt.date(2022, 3, 31)


def test_it_is_the_strategy_covering_this_financial_year(org):
    StrategyFactory.create(organisation=org, title="Old", first_year=2017, last_year=2019)
    current = StrategyFactory.create(organisation=org, title="Now", first_year=2020, last_year=2022)
    StrategyFactory.create(organisation=org, title="Next", first_year=2023, last_year=2025)
    assert current_strategy(org, IN_2021_22) == current


def test_it_counts_in_financial_years_not_calendar_years(org):
    StrategyFactory.create(organisation=org, title="Ended", first_year=2018, last_year=2020)
    current = StrategyFactory.create(organisation=org, title="Now", first_year=2021, last_year=2023)
    # 31 March 2022 is in 2021-22, not 2022-23.
    assert current_strategy(org, dt.date(2022, 3, 31)) == current
    # 31 March 2021 is still 2020-21.
    assert current_strategy(org, dt.date(2021, 3, 31)).title == "Ended"  # type: ignore[union-attr]


def test_a_refreshed_strategy_overlapping_the_old_one_wins(org):
    StrategyFactory.create(organisation=org, title="2020-23", first_year=2020, last_year=2022)
    refreshed = StrategyFactory.create(
        organisation=org, title="2021-23", first_year=2021, last_year=2022
    )
    assert current_strategy(org, IN_2021_22) == refreshed


def test_between_strategies_the_last_one_is_still_delivered(org):
    ended = StrategyFactory.create(organisation=org, first_year=2018, last_year=2020)
    StrategyFactory.create(organisation=org, first_year=2010, last_year=2015)
    StrategyFactory.create(organisation=org, first_year=2024, last_year=2026)
    assert current_strategy(org, IN_2021_22) == ended


def test_before_the_first_strategy_starts_it_is_the_first(org):
    first = StrategyFactory.create(organisation=org, first_year=2023, last_year=2025)
    StrategyFactory.create(organisation=org, first_year=2026, last_year=2028)
    assert current_strategy(org, IN_2021_22) == first


def test_an_organisation_without_a_strategy_has_none(org, other_org):
    StrategyFactory.create(organisation=other_org, first_year=2020, last_year=2022)
    assert current_strategy(org, IN_2021_22) is None
