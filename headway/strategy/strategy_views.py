"""The strategy's page: everyone in the organisation reads it; administrators record its
history and look after its priorities here, not in Django admin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Membership, Role
from headway.lib.fy import FinancialYear
from headway.strategy.current import current_strategy
from headway.strategy.forms import EventForm, PriorityForm, RetireForm, StrategyForm
from headway.strategy.history import (
    TIMELINE_KINDS,
    correct_event,
    may_edit_strategy,
    record_event,
    remove_event,
)
from headway.strategy.models import Priority, Strategy, StrategyEvent
from headway.strategy.overview import strategy_overview
from headway.strategy.priorities import (
    change_priority,
    initiatives_only_under,
    move_priority,
    reinstate_priority,
    retire_priority,
    retire_years,
)
from headway.strategy.strategies import save_strategy

ADMIN = Role.ADMINISTRATOR
GET_OR_POST = ["GET", "HEAD", "POST"]


def _strategy_or_404(membership: Membership) -> Strategy:
    strategy = current_strategy(membership.organisation)
    if strategy is None:
        raise Http404("Your organisation has no strategy yet.")
    return strategy


def _event_or_404(membership: Membership, pk: int) -> StrategyEvent:
    event = (
        StrategyEvent.objects.filter(
            pk=pk, strategy__organisation=membership.organisation, kind__in=TIMELINE_KINDS
        )
        .select_related("strategy", "meeting__committee")
        .first()
    )
    if event is None:
        raise Http404("No event in your organisation's strategy has this number.")
    return event


def _priority_or_404(membership: Membership, pk: int) -> Priority:
    priority = (
        Priority.objects.filter(pk=pk, strategy__organisation=membership.organisation)
        .select_related("strategy")
        .first()
    )
    if priority is None:
        raise Http404("No priority of your organisation's strategy has this number.")
    return priority


def _timeline_url(anchor: str = "history") -> str:
    return f"{reverse('strategy')}#{anchor}"


@require_safe
@member_required()
def strategy(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    found = current_strategy(membership.organisation)
    return render(
        request,
        "strategy/strategy.html",
        {
            "overview": strategy_overview(found) if found else None,
            "may_edit": may_edit_strategy(membership, found),
            # The committees' pages, where each meeting has its row, are the administrators'.
            "may_open_meetings": membership.role == ADMIN,
        },
    )


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def edit_strategy(request: HttpRequest) -> HttpResponse:
    """The strategy's title, vision and framework; the first strategy, if there is none."""
    membership = membership_of(request)
    found = current_strategy(membership.organisation)
    initial = (
        {"title": found.title, "vision": found.vision, "framework": found.framework}
        if found
        else {}
    )
    form = StrategyForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_strategy(found, form.cleaned_data, by=membership)
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, f"Saved {saved.title}.")
            return redirect("strategy")
    return render(request, "strategy/strategy_edit.html", {"form": form, "strategy": found})


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def add_event(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    found = _strategy_or_404(membership)
    form = EventForm(found, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            event = record_event(found, form.details(), by=membership)
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(
                request,
                f"Added “{event.get_kind_display()}” on {event.date:%-d %B %Y} to the "
                "strategy's history. Redraft a report to use it in its background.",
            )
            return redirect(_timeline_url(f"event-{event.pk}"))
    return render(request, "strategy/event.html", {"form": form, "strategy": found, "event": None})


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def change_event(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    event = _event_or_404(membership, pk)
    form = EventForm(
        event.strategy,
        request.POST if request.method == "POST" else None,
        initial=EventForm.initial_for(event),
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = correct_event(event, form.details(), by=membership)
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(
                request,
                f"Saved “{event.get_kind_display()}” on {event.date:%-d %B %Y}. "
                "Redraft a report to use the change in its background.",
            )
            return redirect(_timeline_url(f"event-{event.pk}"))
    return render(
        request, "strategy/event.html", {"form": form, "strategy": event.strategy, "event": event}
    )


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def remove_event_page(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    event = _event_or_404(membership, pk)
    if request.method == "POST":
        remove_event(event, by=membership)
        messages.success(
            request,
            f"Removed “{event.get_kind_display()}” on {event.date:%-d %B %Y} from the "
            "strategy's history. Reports already drafted keep their words until redrafted.",
        )
        return redirect(_timeline_url())
    return render(request, "strategy/event_remove.html", {"event": event})


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def change_priority_page(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    priority = _priority_or_404(membership, pk)
    initial = {
        "title": priority.title,
        "description": priority.description,
        "owner": priority.owner,
    }
    form = PriorityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            priority = change_priority(priority, by=membership, **form.cleaned_data)
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, f"Saved priority {priority.number}, “{priority.title}”.")
            return redirect(_timeline_url(f"priority-{priority.pk}"))
    return render(request, "strategy/priority.html", {"form": form, "priority": priority})


@require_POST
@member_required(ADMIN)
def move_priority_page(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    priority = _priority_or_404(membership, pk)
    try:
        moved = move_priority(priority, str(request.POST.get("direction", "")), by=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_timeline_url("priorities"))
    messages.success(request, f"“{moved.title}” is now priority {moved.number}.")
    return redirect(_timeline_url(f"priority-{moved.pk}"))


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def retire_priority_page(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    priority = _priority_or_404(membership, pk)
    years = retire_years(priority)
    form = RetireForm(years, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            priority = retire_priority(priority, form.cleaned_data["last_year"], by=membership)
        except ValidationError as error:
            form.refused(error)
        else:
            assert priority.active_to is not None
            messages.success(
                request,
                f"Priority {priority.number}, “{priority.title}”, is retired after "
                f"{FinancialYear(priority.active_to).label}. Reports and map versions that "
                "showed it keep it.",
            )
            return redirect(_timeline_url("priorities"))
    return render(
        request,
        "strategy/priority_retire.html",
        {
            "form": form,
            "priority": priority,
            "years": [(y, FinancialYear(y).label) for y in years],
            "stranded": initiatives_only_under(priority),
        },
    )


@require_POST
@member_required(ADMIN)
def reinstate_priority_page(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_of(request)
    priority = _priority_or_404(membership, pk)
    try:
        priority = reinstate_priority(priority, by=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Priority {priority.number}, “{priority.title}”, applies again.")
    return redirect(_timeline_url(f"priority-{priority.pk}"))
