"""The indicators' pages: the measures list and a measure's page for every member;
measures and targets for administrators; figures for service leads and reviewers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Membership
from headway.forms import posted
from headway.indicators import cycle
from headway.indicators.access import ENTERERS, MANAGERS, may_enter_figures
from headway.indicators.cycle import goal_for
from headway.indicators.detail import WHOLE_SERVICE_KEY, measure_page
from headway.indicators.forms import (
    CorrectionForm,
    FigureForm,
    MeasureForm,
    ReviewFigureForm,
    TargetForm,
)
from headway.indicators.listing import measure_list
from headway.indicators.measures import remove_target, save_measure, save_target
from headway.indicators.models import Figure, Measure, Target
from headway.indicators.units import format_value
from headway.organisation.views.common import found_or_404
from headway.progress.errors import PeriodClosed
from headway.progress.permissions import REVIEWER_ROLES
from headway.progress.views.common import period_or_404
from headway.strategy.models import Partner


def _measure_or_404(membership: Membership, pk: int) -> Measure:
    measures = (
        Measure.objects.of(membership.organisation_id)
        .select_related("service", "priority")
        .prefetch_related("partners")
    )
    return found_or_404(measures, pk, "measure")


@require_safe
@member_required()
def measures(request: HttpRequest) -> HttpResponse:
    listing = measure_list(membership_of(request), request.GET, request.GET.get("page", "1"))
    return render(request, "indicators/measures.html", {"m": listing})


@require_safe
@member_required()
def measure(request: HttpRequest, pk: int) -> HttpResponse:
    page = measure_page(membership_of(request), pk)
    if page is None:
        raise Http404("Your organisation has no measure with this number.")
    return render(request, "indicators/measure.html", {"page": page})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*MANAGERS)
def measure_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    membership = membership_of(request)
    measure = _measure_or_404(membership, pk) if pk else None
    initial = MeasureForm.initial_of(measure) if measure else {"is_collected": True}
    form = MeasureForm(membership.organisation, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with form.showing_refusal():
            saved = save_measure(measure, form.fields_typed(), membership)
            messages.success(request, f"{saved.reference} {saved.name} saved.")
            return redirect("indicators:measure", pk=saved.pk)
    return render(
        request,
        "indicators/measure_form.html",
        {"form": form, "measure": measure},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*MANAGERS)
def target_form(request: HttpRequest, pk: int, target: int | None = None) -> HttpResponse:
    membership = membership_of(request)
    measure = _measure_or_404(membership, pk)
    found = Target.objects.filter(measure=measure, pk=target).first() if target else None
    if target and found is None:
        raise Http404("This measure has no target with this number.")
    initial = TargetForm.initial_of(found) if found else {"tolerance": 0}
    form = TargetForm(measure, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with form.showing_refusal():
            save_target(measure, found, form.fields_typed(), membership)
            messages.success(request, f"Target for {measure.reference} saved.")
            return redirect("indicators:measure", pk=measure.pk)
    return render(
        request,
        "indicators/target_form.html",
        {"form": form, "measure": measure, "target": found},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*MANAGERS)
def target_remove(request: HttpRequest, pk: int, target: int) -> HttpResponse:
    membership = membership_of(request)
    measure = _measure_or_404(membership, pk)
    found = Target.objects.filter(measure=measure, pk=target).select_related("partner").first()
    if found is None:
        raise Http404("This measure has no target with this number.")
    if request.method == "POST":
        remove_target(found, membership)
        messages.success(request, f"Target for {found.period_label} removed.")
        return redirect("indicators:measure", pk=measure.pk)
    return render(request, "indicators/target_remove.html", {"measure": measure, "target": found})


def _council(measure: Measure, key: str) -> Partner | None:
    if key == WHOLE_SERVICE_KEY:
        if not measure.whole_service_is_returned:
            raise Http404("The whole service's figure of this measure is computed.")
        return None
    partner = next((p for p in measure.partners.all() if str(p.pk) == key), None)
    if partner is None:
        raise Http404("This measure is not reported for that council.")
    return partner


def _figure_context(
    measure: Measure, figure: Figure | None, period_year: int, quarter: int, partner: Partner | None
) -> dict[str, object]:
    goal = goal_for(measure, period_year, quarter, partner)
    return {
        "measure": measure,
        "figure": figure,
        "council": str(partner) if partner else "Whole service",
        "target": format_value(goal.value, measure.unit) if goal else "",
        "tolerance": format_value(goal.band, measure.unit) if goal and goal.band else "",
        "needs_weight": measure.is_weighted and partner is not None,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*ENTERERS)
def figure_form(request: HttpRequest, pk: int, period: str, council: str) -> HttpResponse:
    """A service lead's entry of one figure for the open period: draft or submit."""
    membership = membership_of(request)
    measure = _measure_or_404(membership, pk)
    found_period = period_or_404(membership, period)
    partner = _council(measure, council)
    if not may_enter_figures(membership, measure):
        raise Http404("Only a lead of the measure's service enters its figures.")
    figure = Figure.objects.filter(measure=measure, period=found_period, partner=partner).first()
    initial = {
        "value": figure.value if figure else None,
        "weight": figure.weight if figure else None,
        "exception_why": figure.exception_why if figure else "",
        "exception_action": figure.exception_action if figure else "",
        "exception_recovery": figure.exception_recovery if figure else "",
        "version": figure.version if figure else None,
    }
    form = FigureForm(posted(request), initial=initial)
    read_only = ""
    if figure and figure.state == Figure.State.APPROVED:
        read_only = "This figure has been approved. A reviewer can correct it, giving a reason."
    elif not found_period.is_open:
        read_only = f"{found_period.label} is not open: figures are entered for the open period."
    if request.method == "POST" and not read_only and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            cycle.save_figure(
                measure,
                found_period,
                partner,
                form.entry(),
                membership,
                submit,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.refused(error)
        except PeriodClosed as error:
            messages.error(request, str(error))
            return redirect("indicators:measure", pk=measure.pk)
        else:
            who = str(partner) if partner else "the whole service"
            if submit:
                messages.success(
                    request,
                    f"Your {found_period.label} figure of {measure.reference} for {who} "
                    "has been sent for review.",
                )
                return redirect("progress:my_returns")
            messages.success(
                request, f"Your draft figure of {measure.reference} for {who} has been saved."
            )
            return redirect("indicators:figure", pk=measure.pk, period=period, council=council)
    context = _figure_context(measure, figure, found_period.year, found_period.quarter, partner)
    context |= {"form": form, "period": found_period, "read_only": read_only}
    return render(request, "indicators/figure.html", context, status=400 if form.errors else 200)


def _figure_or_404(membership: Membership, pk: int) -> Figure:
    figures = Figure.objects.of(membership.organisation_id).select_related(
        "measure", "period", "partner", "submitted_by"
    )
    return found_or_404(figures, pk, "figure")


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*REVIEWER_ROLES)
def review_figure(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    figure = _figure_or_404(membership, pk)
    form = ReviewFigureForm(posted(request), initial={"version": figure.version})
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            if request.POST.get("action") == "approve":
                cycle.approve_figure(figure, membership, version)
                messages.success(
                    request, f"You approved {figure.measure.reference} for {figure.partner_name}."
                )
            else:
                cycle.return_figure(figure, membership, form.cleaned_data["comment"], version)
                messages.success(
                    request,
                    f"You returned {figure.measure.reference} for {figure.partner_name} "
                    "with your comment.",
                )
        except ValidationError as error:
            form.refused(error)
        except PeriodClosed as error:
            messages.error(request, str(error))
        else:
            return redirect("progress:review_queue")
    context = _figure_context(
        figure.measure, figure, figure.period.year, figure.period.quarter, figure.partner
    )
    context |= {"form": form, "period": figure.period}
    return render(
        request, "indicators/review_figure.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*REVIEWER_ROLES)
def correct_figure(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    figure = _figure_or_404(membership, pk)
    initial = {
        "value": figure.value,
        "weight": figure.weight,
        "exception_why": figure.exception_why,
        "exception_action": figure.exception_action,
        "exception_recovery": figure.exception_recovery,
    }
    form = CorrectionForm(posted(request), initial=initial)
    read_only = (
        ""
        if figure.state == Figure.State.APPROVED
        else "Only an approved figure is corrected: this one is still in the cycle."
    )
    if request.method == "POST" and not read_only and form.is_valid():
        try:
            cycle.correct_figure(figure, form.entry(), form.cleaned_data["reason"], membership)
        except ValidationError as error:
            form.refused(error)
        except PeriodClosed as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"You corrected {figure.measure.reference} for {figure.partner_name}."
            )
            return redirect("indicators:measure", pk=figure.measure_id)
    context = _figure_context(
        figure.measure, figure, figure.period.year, figure.period.quarter, figure.partner
    )
    context |= {"form": form, "period": figure.period, "read_only": read_only}
    return render(
        request, "indicators/correct_figure.html", context, status=400 if form.errors else 200
    )
