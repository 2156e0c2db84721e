from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Role
from headway.committee.quarter_steps import quarter_steps
from headway.progress.dashboard import cycle_summary
from headway.progress.errors import PeriodClosed
from headway.progress.lifecycle import add_return, period_missing_return
from headway.progress.permissions import may_chase_returns
from headway.strategy.branding import save_branding
from headway.strategy.detail import initiative_detail
from headway.strategy.forms import BrandingForm, OwnerForm
from headway.strategy.models import Initiative
from headway.strategy.ownership import possible_owners, set_owner
from headway.strategy.portfolio import PortfolioFilters, build_portfolio


@require_safe
@member_required()
def portfolio(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    organisation = membership.organisation
    filters = PortfolioFilters.from_query(request.GET)
    # Those who chase returns see where the quarter stands first.
    cycle = cycle_summary(organisation.pk) if may_chase_returns(membership, organisation) else None
    # The performance team also sees the quarter end's next step, and goes to its page.
    steps = (
        quarter_steps(cycle.period, headline=cycle.headline)
        if cycle is not None and membership.role == Role.ADMINISTRATOR
        else None
    )
    return render(
        request,
        "strategy/portfolio.html",
        {
            "portfolio": build_portfolio(
                organisation, filters, member=membership, page=request.GET.get("page", "1")
            ),
            "cycle": cycle,
            "quarter": steps,
        },
    )


@require_safe
@member_required()
def initiative(request: HttpRequest, pk: int) -> HttpResponse:
    detail = initiative_detail(membership_of(request), pk)
    if detail is None:
        raise Http404("No initiative of your organisation has this number.")
    membership = membership_of(request)
    return render(
        request,
        "strategy/initiative.html",
        {
            "detail": detail,
            "may_choose_owner": membership.role == Role.ADMINISTRATOR,
            "missing_return": period_missing_return(detail.initiative, membership),
        },
    )


@require_POST
@member_required()
def start_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The open period's return for an initiative started since the period opened."""
    membership = membership_of(request)
    found = Initiative.objects.filter(pk=pk, organisation=membership.organisation).first()
    period = found and period_missing_return(found, membership)
    if found is None:
        raise Http404("No initiative of your organisation has this number.")
    if not period:
        messages.error(request, "There is no return to start: it exists or no period is open.")
        return redirect("initiative", pk=found.pk)
    try:
        created = add_return(found, period, by=membership)
    except (ValidationError, PeriodClosed) as error:
        refused = error.messages if isinstance(error, ValidationError) else [str(error)]
        messages.error(request, " ".join(refused))
        return redirect("initiative", pk=found.pk)
    messages.success(request, f"The {period.label} return for {found.title} is started.")
    return redirect("progress:return", pk=created.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(Role.ADMINISTRATOR)
def initiative_owner(request: HttpRequest, pk: int) -> HttpResponse:
    """Who writes the initiative's return: a named owner, or the service's leads."""
    membership = membership_of(request)
    found = (
        Initiative.objects.filter(pk=pk, organisation=membership.organisation)
        .select_related("service", "owner")
        .first()
    )
    if found is None:
        raise Http404("No initiative of your organisation has this number.")
    people = possible_owners(found)
    form = OwnerForm(
        request.POST if request.method == "POST" else None,
        initial={"owner": str(found.owner_id) if found.owner_id else OwnerForm.SERVICE_LEADS},
        choices=[(str(m.user_id), str(m.user)) for m in people],
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["owner"]
        owner = next((m.user for m in people if str(m.user_id) == chosen), None)
        try:
            set_owner(found, owner, by=membership)
        except ValidationError as error:
            form.refused(error)
        else:
            who = str(owner) if owner else f"the leads of {found.service}"
            messages.success(request, f"Returns for {found.title} are now written by {who}.")
            return redirect("initiative", pk=found.pk)
    choices = [{"value": OwnerForm.SERVICE_LEADS, "text": f"The leads of {found.service}"}] + [
        {"value": str(m.user_id), "text": str(m.user), "hint": m.get_role_display()} for m in people
    ]
    return render(
        request,
        "strategy/initiative_owner.html",
        {"initiative": found, "form": form, "choices": choices},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@member_required(Role.ADMINISTRATOR)
def branding(request: HttpRequest) -> HttpResponse:
    """The organisation's look in its committee packs, set by an administrator."""
    organisation = membership_of(request).organisation
    initial = {"colour": organisation.colour, "accent_colour": organisation.accent_colour}
    form = BrandingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save_branding(
                organisation,
                colour=data["colour"],
                accent_colour=data["accent_colour"],
                logo=data["logo"],
                deck_template=data["deck_template"],
                remove_logo=data["remove_logo"],
                remove_template=data["remove_template"],
            )
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, "Branding saved: the next pack you generate uses it.")
            return redirect("branding")
    return render(
        request,
        "strategy/branding.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )
