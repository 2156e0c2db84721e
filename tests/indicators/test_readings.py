"""A measure's readings in a quarter: per partner and whole service, with status and direction."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from headway.indicators.models import Figure, Measure
from headway.indicators.readings import EVERY_STATE, readings_for, trend_for
from headway.indicators.status import Direction, Status
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, Partner, Service
from tests.factories import ReportingPeriodFactory
from tests.indicators.factories import FigureFactory, MeasureFactory, TargetFactory

D = Decimal
Q3 = Quarter(2021, 3)


def periods(org: Organisation) -> dict[Quarter, ReportingPeriod]:
    closed = ReportingPeriod.State.UPCOMING  # closed periods refuse new figures
    quarters = [Quarter(2020, 3), Quarter(2021, 1), Quarter(2021, 2)]
    found = {
        q: ReportingPeriodFactory.create(
            organisation=org, year=q.year, quarter=q.number, state=closed
        )
        for q in quarters
    }
    found[Q3] = ReportingPeriodFactory.create(organisation=org, year=2021, quarter=3)
    return found


@pytest.fixture
def measure(
    org: Organisation, service: Service, partner: Partner, other_partner: Partner
) -> Measure:
    return MeasureFactory.create(
        organisation=org,
        service=service,
        name="Invoices paid within 30 days",
        whole_service=Measure.WholeService.WEIGHTED,
        weight_label="invoices due",
        partners=[partner, other_partner],
    )


def figure(
    measure: Measure,
    period: ReportingPeriod,
    partner: Partner | None,
    value: str,
    weight: str | None = None,
    **kw: object,
) -> Figure:
    return FigureFactory.create(
        measure=measure,
        period=period,
        partner=partner,
        value=D(value),
        weight=D(weight) if weight else None,
        **kw,
    )


def test_each_partner_and_the_weighted_whole_service_get_a_status_and_directions(
    measure: Measure, partner: Partner, other_partner: Partner
) -> None:
    p = periods(measure.organisation)
    TargetFactory.create(measure=measure, year=2021, value=D(95), tolerance=D(2))
    TargetFactory.create(measure=measure, year=2021, partner=partner, value=D(95), tolerance=D(2))
    TargetFactory.create(measure=measure, year=2021, quarter=3, partner=other_partner, value=D(90))
    figure(measure, p[Quarter(2020, 3)], partner, "97", "100")
    figure(measure, p[Quarter(2021, 2)], partner, "92", "100")
    figure(measure, p[Q3], partner, "94", "300")
    figure(measure, p[Q3], other_partner, "86", "100")

    [reading] = readings_for(measure.organisation_id, Q3)
    north, south, whole = reading.rows
    assert (north.partner, north.value, north.target) == (partner, D(94), D(95))
    assert north.status == Status.WITHIN_TOLERANCE
    assert (north.short_term, north.long_term) == (Direction.IMPROVING, Direction.WORSE)
    # South's own Q3 target is 90, without tolerance.
    assert (south.target, south.status) == (D(90), Status.OFF_TARGET)
    assert south.short_term == Direction.NOT_COMPARABLE
    assert whole.partner is None and whole.computed
    assert whole.value == D("92.00")  # (94 * 300 + 86 * 100) / 400
    assert whole.status == Status.OFF_TARGET
    assert reading.worst == Status.OFF_TARGET
    assert [r.partner_name for r in reading.off_target] == ["South", "Whole service"]


def test_only_approved_figures_count_unless_asked(measure: Measure, partner: Partner) -> None:
    p = periods(measure.organisation)
    figure(measure, p[Q3], partner, "94", state=Figure.State.SUBMITTED)
    [approved] = readings_for(measure.organisation_id, Q3)
    assert approved.rows[0].status == Status.NO_DATA
    [everything] = readings_for(measure.organisation_id, Q3, states=EVERY_STATE)
    assert everything.rows[0].status == Status.NO_TARGET


def test_a_sum_and_an_own_return(
    org: Organisation, service: Service, partner: Partner, other_partner: Partner
) -> None:
    p = periods(org)
    summed = MeasureFactory.create(
        organisation=org,
        service=service,
        reference="A",
        whole_service="sum",
        partners=[partner, other_partner],
    )
    own = MeasureFactory.create(
        organisation=org,
        service=service,
        reference="B",
        whole_service="own",
        partners=[partner, other_partner],
    )
    for m in (summed, own):
        figure(m, p[Q3], partner, "10")
        figure(m, p[Q3], other_partner, "15")
    figure(own, p[Q3], None, "40")
    a, b = readings_for(org.pk, Q3)
    assert a.whole_service.value == D(25) and a.whole_service.computed
    assert b.whole_service.value == D(40) and not b.whole_service.computed


def test_another_organisations_measures_are_not_read(
    measure: Measure, other_org: Organisation
) -> None:
    assert readings_for(other_org.pk, Q3) == []
    assert readings_for(other_org.pk, Q3, measures=[measure]) == []


def test_readings_cost_the_same_whatever_the_number_of_measures(
    org: Organisation, service: Service, partner: Partner, django_assert_max_num_queries: object
) -> None:
    p = periods(org)
    for n in range(6):
        m = MeasureFactory.create(organisation=org, service=service, partners=[partner])
        TargetFactory.create(measure=m, value=D(50))
        figure(m, p[Q3], partner, str(40 + n))
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        readings = readings_for(org.pk, Q3)
    assert len(readings) == 6


def test_a_trend_starts_at_the_first_quarter_with_a_figure(
    measure: Measure, partner: Partner
) -> None:
    p = periods(measure.organisation)
    TargetFactory.create(measure=measure, year=2021, partner=partner, value=D(95))
    figure(measure, p[Quarter(2021, 1)], partner, "91")
    figure(measure, p[Q3], partner, "93")
    points = trend_for(measure, Q3)
    assert [pt.quarter for pt in points] == [Quarter(2021, 1), Quarter(2021, 2), Q3]
    assert [pt.values[partner.pk] for pt in points] == [D(91), None, D(93)]
    assert points[-1].targets[partner.pk] == D(95)


def test_one_figure_per_measure_period_and_council(measure: Measure, partner: Partner) -> None:
    p = periods(measure.organisation)
    figure(measure, p[Q3], None, "1")
    with pytest.raises(IntegrityError), transaction.atomic():
        figure(measure, p[Q3], None, "2")
    figure(measure, p[Q3], partner, "1")
    with pytest.raises(IntegrityError), transaction.atomic():
        figure(measure, p[Q3], partner, "2")
