"""A service lead's performance figures on their task list, a page of measures at a time with
GOV.UK pagination, counted over every page, in the same number of queries however many."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.accounts.models import User
from headway.indicators.models import Figure, Measure
from headway.indicators.tasks import MEASURES_PER_PAGE
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, Partner, Service
from tests.conftest import signed_in
from tests.indicators.factories import FigureFactory, MeasureFactory
from tests.pages import Page

TASKS = (
    "//li[contains(@class, 'govuk-task-list__item')]"
    "[.//div[contains(@class, 'govuk-task-list__status')][starts-with(@id, 'figures-')]]"
)


def _measures(
    org: Organisation, service: Service, partners: list[Partner], count: int
) -> list[Measure]:
    start = Measure.objects.count()
    return [
        MeasureFactory.create(
            organisation=org,
            service=service,
            reference=f"FIN-PI-{start + n:03d}",
            name=f"Measure {start + n:03d}",
            partners=partners,
            # The whole service's figure is the councils' sum: computed, not entered.
            whole_service=Measure.WholeService.SUM,
        )
        for n in range(count)
    ]


def _figures(page: Page) -> list[str]:
    return [" ".join(item.xpath("string(.//a)").split()) for item in page.tree.xpath(TASKS)]


def test_the_figures_come_a_page_of_measures_at_a_time(
    org: Organisation,
    service: Service,
    partner: Partner,
    other_partner: Partner,
    q3: ReportingPeriod,
    lead: User,
) -> None:
    measures = _measures(org, service, [partner, other_partner], MEASURES_PER_PAGE + 3)
    FigureFactory.create(measure=measures[-1], period=q3, partner=partner, state="submitted")
    client = signed_in(lead)

    first = Page.of(client.get("/returns/"))
    shown = _figures(first)
    assert len(shown) == 2 * MEASURES_PER_PAGE
    assert shown[:2] == ["FIN-PI-000 Measure 000: North", "FIN-PI-000 Measure 000: South"]
    # Counted over every page: the figure submitted is on the second.
    total = 2 * len(measures)
    assert f"{total - 1} of {total} figures to do." in first.text()
    nav = first.tree.xpath("//nav[@aria-label='Pages of performance figures']")
    assert len(nav) == 1
    assert nav[0].xpath(".//a[@rel='next']/@href") == ["?figures=2#figures"]

    second = Page.of(client.get("/returns/?figures=2"))
    assert _figures(second) == [
        f"{m.reference} {m.name}: {council}"
        for m in measures[MEASURES_PER_PAGE:]
        for council in ("North", "South")
    ]
    assert f"{total - 1} of {total} figures to do." in second.text()
    # A page past the end shows the last; a page that is not a number, the first.
    assert _figures(Page.of(client.get("/returns/?figures=99"))) == _figures(second)
    assert _figures(Page.of(client.get("/returns/?figures=two"))) == shown


def test_a_whole_service_return_is_one_more_figure_to_do(
    org: Organisation, service: Service, partner: Partner, q3: ReportingPeriod, lead: User
) -> None:
    [measure] = _measures(org, service, [partner], 1)
    measure.whole_service = Measure.WholeService.OWN
    measure.save()
    FigureFactory.create(measure=measure, period=q3, partner=None, state="approved")
    page = Page.of(signed_in(lead).get("/returns/"))
    assert _figures(page) == [
        "FIN-PI-000 Measure 000: North",
        "FIN-PI-000 Measure 000: Whole service",
    ]
    assert "1 of 2 figures to do." in page.text()
    # Everything fits on one page: no pagination.
    assert not page.tree.xpath("//nav[@aria-label='Pages of performance figures']")


def test_the_task_list_reads_the_figures_in_the_same_queries_for_3_and_60_measures(
    org: Organisation,
    service: Service,
    partner: Partner,
    other_partner: Partner,
    q3: ReportingPeriod,
    lead: User,
    django_assert_num_queries: Any,
) -> None:
    client = signed_in(lead)

    def grow(count: int) -> None:
        for measure in _measures(org, service, [partner, other_partner], count):
            FigureFactory.create(measure=measure, period=q3, partner=partner, state="draft")

    grow(3)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/returns/").status_code == 200
    grow(57)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get("/returns/?figures=2")
    page = Page.of(response)
    assert len(_figures(page)) == 2 * MEASURES_PER_PAGE
    assert "120 of 120 figures to do." in page.text()
    assert Figure.objects.count() == 60
