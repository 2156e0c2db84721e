"""A lead's figures in the quarterly cycle, through the pages: the task list, the entry form
that asks for the exception note, the reviewer's queue, approval and correction."""

from __future__ import annotations

from decimal import Decimal

from headway.accounts.models import User
from headway.indicators.models import Figure, Measure
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner
from tests.conftest import signed_in
from tests.indicators.factories import FigureFactory

D = Decimal


def _entry(measure: Measure, period: ReportingPeriod, partner: Partner) -> str:
    return f"/measures/{measure.pk}/figures/{period.slug}/{partner.pk}/"


def test_the_task_list_has_the_leads_figures_per_council(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, lead: User
) -> None:
    text = signed_in(lead).get("/returns/").content.decode()
    assert "Performance figures" in text
    assert "2 of 2 figures to do." in text
    assert "FIN-01 Invoices paid within 30 days: North" in text
    assert _entry(invoices, q3, partner) in text


def test_a_figure_off_target_asks_for_the_exception_note_then_goes_for_review(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, lead: User, reviewer: User
) -> None:
    client = signed_in(lead)
    form = client.get(_entry(invoices, q3, partner))
    assert "Target 95.0%, tolerance 2.0%. Higher is better." in form.content.decode()
    refused = client.post(
        _entry(invoices, q3, partner), {"value": "91", "weight": "3000", "action": "submit"}
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "There is a problem" in text
    assert (
        "The figure is off target (target 95.0%, tolerance 2.0%, higher is better): "
        "say why it is off target." in text
    )
    assert not Figure.objects.exists()
    sent = client.post(
        _entry(invoices, q3, partner),
        {
            "value": "91",
            "weight": "3000",
            "exception_why": "Two vacancies.",
            "exception_action": "Agency staff.",
            "exception_recovery": "By the end of Q4",
            "action": "submit",
        },
    )
    assert sent.status_code == 302
    figure = Figure.objects.get()
    assert (figure.state, figure.value) == ("submitted", D(91))

    reviewing = signed_in(reviewer)
    queue = reviewing.get("/review/").content.decode()
    assert "Performance figures to review" in queue
    assert f"/figures/{figure.pk}/review/" in queue
    page = reviewing.get(f"/figures/{figure.pk}/review/").content.decode()
    assert "Two vacancies." in page
    approved = reviewing.post(
        f"/figures/{figure.pk}/review/", {"action": "approve", "version": figure.version}
    )
    assert approved.status_code == 302
    figure.refresh_from_db()
    assert figure.state == "approved"


def test_a_correction_needs_a_reason(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, reviewer: User
) -> None:
    figure = FigureFactory.create(
        measure=invoices, period=q3, partner=partner, value=D(96), weight=D(10)
    )
    client = signed_in(reviewer)
    refused = client.post(f"/figures/{figure.pk}/correct/", {"value": "97", "weight": "10"})
    assert refused.status_code == 400
    assert "Say why the approved figure is being corrected." in refused.content.decode()
    done = client.post(
        f"/figures/{figure.pk}/correct/",
        {"value": "97", "weight": "10", "reason": "A late batch of invoices was found."},
    )
    assert done.status_code == 302
    page = client.get(f"/measures/{invoices.pk}/").content.decode()
    assert "Correction:</strong> A late batch of invoices was found." in page


def test_a_lead_may_not_enter_another_services_figures(
    invoices: Measure, q3: ReportingPeriod, partner: Partner, lead: User
) -> None:
    from tests.factories import ServiceFactory

    invoices.service = ServiceFactory.create(organisation=invoices.organisation)
    invoices.save()
    assert signed_in(lead).get(_entry(invoices, q3, partner)).status_code == 404


def test_an_administrator_adds_a_measure_and_its_target(
    org: object, service: object, partner: Partner, admin_user: User
) -> None:
    client = signed_in(admin_user)
    refused = client.post("/measures/add/", {"reference": "", "whole_service": "weighted"})
    assert refused.status_code == 400
    assert "reference, like FIN-PI-01" in refused.content.decode()
    made = client.post(
        "/measures/add/",
        {
            "reference": "BS-PI-01",
            "name": "Calls answered",
            "unit": "percentage",
            "polarity": "higher",
            "frequency": "monthly",
            "service": str(service.pk),  # type: ignore[attr-defined]
            "partners": [str(partner.pk)],
            "whole_service": "weighted",
            "weight_label": "calls offered",
            "is_collected": "on",
        },
    )
    assert made.status_code == 302, made.content.decode()
    measure = Measure.objects.get(reference="BS-PI-01")
    assert list(measure.partners.all()) == [partner]
    target = client.post(
        f"/measures/{measure.pk}/targets/add/",
        {
            "year": "2021-22",
            "quarter": "",
            "council": str(partner.pk),
            "value": "90",
            "tolerance_kind": "absolute",
            "tolerance": "3",
        },
    )
    assert target.status_code == 302
    assert measure.targets.get().value == D(90)
    twice = client.post(
        f"/measures/{measure.pk}/targets/add/",
        {
            "year": "2021-22",
            "quarter": "",
            "council": str(partner.pk),
            "value": "91",
            "tolerance_kind": "absolute",
            "tolerance": "3",
        },
    )
    assert twice.status_code == 400
    assert "already has a target for this year" in twice.content.decode()
