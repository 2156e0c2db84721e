"""Each coverage rule finds its gap, and passes the initiative that has none."""

from __future__ import annotations

import datetime as dt
from typing import Any

from headway.coverage import gaps
from headway.coverage.gaps import Coverage, coverage_of
from headway.progress.models import Update
from headway.strategy.models import Initiative
from tests.coverage.conftest import TODAY, Portfolio, sound_initiative
from tests.factories import (
    InitiativeFactory,
    PriorityFactory,
    ServiceFactory,
    UpdateFactory,
    UserFactory,
)


def found(coverage: Coverage, key: str) -> list[str]:
    return [gap.subject for gap in next(r for r in coverage.rules if r.key == key).gaps]


def check(portfolio: Portfolio) -> Coverage:
    return coverage_of(portfolio.org, TODAY)


def test_a_sound_portfolio_has_no_gaps(portfolio: Portfolio) -> None:
    coverage = check(portfolio)
    assert coverage.count == 0, [(r.key, r.gaps) for r in coverage.rules if r.gaps]
    assert coverage.quarter is not None and coverage.quarter.label == "2021-22 Q3"


def test_a_priority_with_no_active_initiative(portfolio: Portfolio) -> None:
    lost = PriorityFactory.create(strategy=portfolio.priority.strategy, number=2, title="Lost")
    InitiativeFactory.create(
        organisation=portfolio.org,
        service=portfolio.service,
        priorities=[lost],
        status=Initiative.Status.COMPLETED,
    )
    assert found(check(portfolio), gaps.NO_ACTIVE_INITIATIVE) == ["2. Lost"]


def test_a_priority_retired_this_year_is_not_a_gap(portfolio: Portfolio) -> None:
    PriorityFactory.create(
        strategy=portfolio.priority.strategy, number=2, title="Old", active_to=2020
    )
    assert found(check(portfolio), gaps.NO_ACTIVE_INITIATIVE) == []


def test_an_initiative_with_no_priority(portfolio: Portfolio) -> None:
    sound_initiative(portfolio, title="Orphan", priorities=[])
    coverage = check(portfolio)
    assert found(coverage, gaps.NO_PRIORITY) == ["Orphan"]
    gap = next(r for r in coverage.rules if r.key == gaps.NO_PRIORITY).gaps[0]
    assert gap.fix_href.startswith("/change-requests/new/reprioritise/?initiative=")


def test_an_initiative_nobody_writes_for(portfolio: Portfolio) -> None:
    unled = ServiceFactory.create(organisation=portfolio.org, name="Legal")
    nobody = sound_initiative(portfolio, title="Nobody's", service=unled)
    owned = sound_initiative(portfolio, title="Owned", service=unled)
    Initiative.objects.filter(pk=owned.pk).update(owner=UserFactory.create())
    coverage = check(portfolio)
    assert found(coverage, gaps.NO_OWNER) == ["Nobody's"]
    gap = next(r for r in coverage.rules if r.key == gaps.NO_OWNER).gaps[0]
    assert gap.fix_href == f"/initiatives/{nobody.pk}/owner/"


def test_an_initiative_with_no_milestone_in_the_coming_year(portfolio: Portfolio) -> None:
    late = sound_initiative(portfolio, title="Far off")
    late.milestones.update(due=dt.date(2023, 6, 30))
    sound_initiative(portfolio, title="Ongoing", kind=Initiative.Kind.BAU).milestones.all().delete()
    forecast = sound_initiative(portfolio, title="Slipped")
    forecast.milestones.update(due=dt.date(2021, 6, 30), forecast=dt.date(2022, 6, 30))
    done = sound_initiative(portfolio, title="All done")
    done.milestones.update(completed_on=dt.date(2022, 1, 5))
    # Business as usual runs without milestones; a forecast date counts.
    assert found(check(portfolio), gaps.NO_MILESTONE) == ["All done", "Far off"]


def test_a_service_with_no_initiative(portfolio: Portfolio) -> None:
    ServiceFactory.create(organisation=portfolio.org, name="ICT")
    idle = ServiceFactory.create(organisation=portfolio.org, name="Audit")
    InitiativeFactory.create(
        organisation=portfolio.org, service=idle, status=Initiative.Status.CANCELLED
    )
    assert found(check(portfolio), gaps.SERVICE_NO_INITIATIVE) == ["Audit", "ICT"]


def test_no_approved_return_for_two_quarters_running(portfolio: Portfolio) -> None:
    silent = InitiativeFactory.create(
        organisation=portfolio.org,
        service=portfolio.service,
        priorities=[portfolio.priority],
        title="Silent",
    )
    UpdateFactory.create(initiative=silent, period=portfolio.q3, state=Update.State.SUBMITTED)
    # Started in Q3: it had no return to give before.
    InitiativeFactory.create(
        organisation=portfolio.org,
        service=portfolio.service,
        priorities=[portfolio.priority],
        title="New",
        planned_start=dt.date(2021, 10, 1),
    )
    coverage = check(portfolio)
    assert found(coverage, gaps.NO_APPROVED_RETURN) == ["Silent"]
    assert f"/initiatives/{silent.pk}/" in [
        g.fix_href for r in coverage.rules for g in r.gaps if g.subject == "Silent"
    ]


def test_one_approved_return_in_the_two_quarters_is_enough(portfolio: Portfolio) -> None:
    sound_initiative(portfolio, title="Once", approved_in=("q1",))
    assert found(check(portfolio), gaps.NO_APPROVED_RETURN) == []


def test_a_road_map_item_with_no_update_this_quarter(portfolio: Portfolio) -> None:
    quiet = sound_initiative(portfolio, title="Quiet")
    draft = Update.objects.get(initiative=quiet, period=portfolio.q3)
    Update.objects.filter(pk=draft.pk).update(state=Update.State.DRAFT)
    # Not on this quarter's road map: ends before it starts.
    sound_initiative(portfolio, title="Finished", planned_end=dt.date(2021, 9, 30))
    Update.objects.filter(initiative__title="Finished", period=portfolio.q3).delete()
    coverage = check(portfolio)
    assert found(coverage, gaps.ROAD_MAP_NO_UPDATE) == ["Quiet"]
    gap = next(r for r in coverage.rules if r.key == gaps.ROAD_MAP_NO_UPDATE).gaps[0]
    assert gap.fix_href == f"/returns/{draft.pk}/"


def test_the_check_takes_the_same_queries_however_large_the_portfolio(
    portfolio: Portfolio, django_assert_num_queries: Any
) -> None:
    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            check(portfolio)
        return len(captured.captured_queries)

    small = queries()
    for n in range(20):
        sound_initiative(portfolio, title=f"More {n}", priorities=[] if n % 2 else None)
    ServiceFactory.create(organisation=portfolio.org, name="Empty")
    assert queries() == small
    with django_assert_num_queries(small):
        assert check(portfolio).count > 0
