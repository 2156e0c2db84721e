"""The demo's performance indicators: a dozen measures for both councils and the whole
service over 2021-22 Q1 to Q3, some off target, each of those with its exception note, and
the same quarters of 2020-21 to compare with."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from headway.demo import DemoSummary
from headway.demo.plan import TODAY
from headway.indicators.cycle import NOTE_FIELDS
from headway.indicators.models import Figure, Measure
from headway.indicators.readings import EVERY_STATE, readings_for
from headway.indicators.status import Direction, Status
from headway.lib.fy import Quarter


def test_the_demo_has_a_dozen_measures_for_both_councils(demo: DemoSummary) -> None:
    measures = Measure.objects.of(demo.organisation).prefetch_related("partners")
    assert measures.count() >= 12
    councils = {str(p) for m in measures for p in m.partners.all()}
    assert councils == {"Newham", "Havering"}
    assert {m.service.name for m in measures} >= {"Finance", "ICT", "HR and OD"}


def test_every_figure_off_target_has_its_exception_note(demo: DemoSummary) -> None:
    off = 0
    for quarter in [Quarter(year, number) for year in (2020, 2021) for number in (1, 2, 3)]:
        for measure in readings_for(demo.organisation.pk, quarter, states=EVERY_STATE):
            for row in measure.rows:
                if row.status == Status.OFF_TARGET and row.figure is not None:
                    off += 1
                    assert all(getattr(row.figure, name) for name in NOTE_FIELDS), (
                        measure.measure.reference,
                        row.partner_name,
                        quarter.label,
                    )
    assert off >= 5


def test_the_q3_report_has_approved_figures_off_target_and_a_lead_has_some_to_enter(
    demo: DemoSummary,
) -> None:
    q3 = readings_for(demo.organisation.pk, Quarter(2021, 3))
    statuses = {row.status for measure in q3 for row in measure.rows}
    assert {Status.ON_TARGET, Status.WITHIN_TOLERANCE, Status.OFF_TARGET} <= statuses
    in_cycle = Figure.objects.of(demo.organisation.pk).exclude(state=Figure.State.APPROVED)
    assert set(in_cycle.values_list("state", flat=True)) == {"submitted", "draft"}


def test_the_q3_figures_are_compared_with_the_same_quarter_last_year(demo: DemoSummary) -> None:
    q3 = readings_for(demo.organisation.pk, Quarter(2021, 3))
    reported = [row for measure in q3 for row in measure.rows if row.value is not None]
    assert len(reported) >= 20
    # Every approved Q3 figure has last year's beside it, so the long term is never "not
    # comparable"; some got better over the year and some worse.
    assert all(row.last_year is not None for row in reported)
    directions = {row.long_term for row in reported}
    assert directions == {Direction.IMPROVING, Direction.WORSE}
    last_year = Figure.objects.of(demo.organisation.pk).filter(period__year=2020)
    assert set(last_year.values_list("state", flat=True)) == {"approved"}
    assert set(last_year.values_list("period__quarter", flat=True)) == {1, 2, 3}


def test_each_figure_s_history_is_dated_in_its_quarter_s_cycle_and_signed_by_its_people(
    demo: DemoSummary,
) -> None:
    records = list(
        Figure.history.filter(measure__organisation=demo.organisation).select_related(
            "history_user", "period"
        )
    )
    assert records
    for record in records:
        day = timezone.localdate(record.history_date)
        # In the weeks after its quarter ends, and never after the demo's today.
        assert record.period.end < day <= record.period.end + timedelta(days=31), record
        assert day <= TODAY, record
    signed = {(r.state, str(r.history_user)) for r in records}
    approvers = {who for state, who in signed if state == "approved"}
    assert approvers == {"Assistant Director, Performance (demo)"}
    leads = {who for state, who in signed if state != "approved"}
    assert "Head of Finance (demo)" in leads
    assert all(who.startswith("Head of ") and who.endswith("(demo)") for who in leads)
    # Every approved figure was first submitted by its lead.
    approved = Figure.objects.of(demo.organisation.pk).filter(state="approved").count()
    assert sum(1 for r in records if r.state == "submitted") >= approved
