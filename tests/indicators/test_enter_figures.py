"""A service lead enters a quarter's figures; off target needs the exception note."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from headway.accounts.models import Membership
from headway.indicators.cycle import FigureEntry, save_figure
from headway.indicators.models import Figure, Measure
from headway.progress.errors import PeriodClosed
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner
from tests.factories import ServiceFactory
from tests.indicators.factories import MeasureFactory

D = Decimal
NOTE = {
    "exception_why": "Two vacancies in the payments team.",
    "exception_action": "Agency staff started in December.",
    "exception_recovery": "By the end of 2021-22 Q4",
}


def errors_of(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {k: v[0] for k, v in excinfo.value.message_dict.items()}


def test_a_lead_saves_a_draft_and_submits_a_figure_on_target(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_lead: Membership
) -> None:
    draft = save_figure(invoices, q3, partner, FigureEntry(None), as_lead, submit=False)
    assert draft.state == Figure.State.DRAFT and draft.value is None
    done = save_figure(invoices, q3, partner, FigureEntry(D("96.2"), D(3000)), as_lead, submit=True)
    assert done.pk == draft.pk
    assert (done.state, done.value, done.submitted_by) == ("submitted", D("96.2"), as_lead.user)


def test_submitting_needs_the_value_and_its_weight(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_lead: Membership
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_figure(invoices, q3, partner, FigureEntry(None), as_lead, submit=True)
    assert errors_of(refused) == {
        "value": "Enter the figure for North in 2021-22 Q3.",
        "weight": "Enter the invoices due for North: the whole-service figure is their "
        "weighted average.",
    }


def test_a_figure_off_target_cannot_be_submitted_without_the_exception_note(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_lead: Membership
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_figure(invoices, q3, partner, FigureEntry(D(91), D(10)), as_lead, submit=True)
    said = "The figure is off target (target 95.0%, tolerance 2.0%, higher is better): "
    assert errors_of(refused) == {
        "exception_why": said + "say why it is off target.",
        "exception_action": said + "say what is being done to recover.",
        "exception_recovery": said + "say when it is expected to be back on target.",
    }
    assert not Figure.objects.exists()
    # Saved as a draft, nothing typed is lost; with the note, it is submitted.
    save_figure(invoices, q3, partner, FigureEntry(D(91), D(10)), as_lead, submit=False)
    figure = save_figure(invoices, q3, partner, FigureEntry(D(91), D(10), **NOTE), as_lead, True)
    assert figure.state == Figure.State.SUBMITTED
    assert figure.exception_why == NOTE["exception_why"]


def test_within_tolerance_needs_no_note(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_lead: Membership
) -> None:
    figure = save_figure(invoices, q3, partner, FigureEntry(D(93), D(10)), as_lead, submit=True)
    assert figure.state == Figure.State.SUBMITTED


def test_a_percentage_is_between_0_and_100(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_lead: Membership
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_figure(invoices, q3, partner, FigureEntry(D(101)), as_lead, submit=False)
    assert errors_of(refused) == {"value": "Enter a percentage from 0 to 100."}


def test_a_computed_whole_service_figure_is_not_entered(
    invoices: Measure, q3: ReportingPeriod, as_admin: Membership
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_figure(invoices, q3, None, FigureEntry(D(96)), as_admin, submit=False)
    assert "computed from the partners' figures" in errors_of(refused)["partner"]


def test_a_lead_of_another_service_may_not_enter_it(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_lead: Membership
) -> None:
    other = MeasureFactory.create(
        organisation=invoices.organisation,
        service=ServiceFactory.create(organisation=invoices.organisation),
        partners=[partner],
    )
    with pytest.raises(PermissionDenied):
        save_figure(other, q3, partner, FigureEntry(D(96)), as_lead, submit=False)


def test_a_closed_period_takes_no_figures(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_admin: Membership
) -> None:
    ReportingPeriod.objects.filter(pk=q3.pk).update(state=ReportingPeriod.State.CLOSED)
    q3.refresh_from_db()
    with pytest.raises(PeriodClosed):
        save_figure(invoices, q3, partner, FigureEntry(D(96)), as_admin, submit=False)


def test_an_annual_measure_is_due_in_q4_only(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, as_admin: Membership
) -> None:
    invoices.frequency = Measure.Frequency.ANNUAL
    invoices.save()
    with pytest.raises(ValidationError) as refused:
        save_figure(invoices, q3, partner, FigureEntry(D(96)), as_admin, submit=False)
    assert errors_of(refused) == {"period": "FIN-01 is annual: its figure is due in Q4."}
