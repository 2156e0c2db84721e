"""Settings: the organisation's services (with their leads) and partner councils (with their
contacts)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Membership, Role
from headway.forms import posted
from headway.organisation import services as rules
from headway.organisation.forms import ConfirmForm, PartnerForm, ServiceForm
from headway.organisation.views.common import ADMIN, found_or_404
from headway.strategy.models import Organisation, Partner, Service


def _services(organisation: Organisation) -> QuerySet[Service]:
    return Service.objects.filter(organisation=organisation)


def _partners(organisation: Organisation) -> QuerySet[Partner]:
    return Partner.objects.filter(organisation=organisation)


@require_safe
@member_required(ADMIN)
def service_list(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    leads = Membership.objects.filter(role=Role.SERVICE_LEAD).select_related("user")
    rows = (
        _services(organisation)
        .annotate(initiative_count=Count("initiatives"))
        .prefetch_related(Prefetch("lead_memberships", queryset=leads, to_attr="leads"))
        .order_by("directorate", "name")
    )
    return render(request, "organisation/services.html", {"services": list(rows)})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def service_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = membership_of(request).organisation
    service = found_or_404(_services(organisation), pk, "service") if pk else None
    initial = (
        {
            "name": service.name,
            "head_of_service": service.head_of_service,
            "directorate": service.directorate,
        }
        if service
        else {}
    )
    form = ServiceForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = rules.save_service(
                organisation, service, data["name"], data["head_of_service"], data["directorate"]
            )
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, f"{saved.name} {'saved' if service else 'added'}.")
            return redirect("organisation:services")
    return render(
        request,
        "organisation/service_form.html",
        {"form": form, "service": service},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def remove_service(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = membership_of(request).organisation
    service = found_or_404(_services(organisation), pk, "service")
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            rules.remove_service(service)
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, f"{service.name} removed.")
            return redirect("organisation:services")
    return render(
        request,
        "organisation/remove.html",
        {
            "form": form,
            "what": service.name,
            "kind": "service",
            "uses": rules.service_uses(service),
            "back": "organisation:services",
            "back_text": "Services",
        },
        status=400 if form.errors else 200,
    )


@require_safe
@member_required(ADMIN)
def partner_list(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    contacts = Membership.objects.filter(role=Role.PARTNER_CONTACT).select_related("user")
    rows = (
        _partners(organisation)
        .annotate(initiative_count=Count("initiatives"))
        .prefetch_related(Prefetch("contacts", queryset=contacts, to_attr="partner_contacts"))
    )
    return render(request, "organisation/partners.html", {"partners": list(rows)})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def partner_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = membership_of(request).organisation
    partner = found_or_404(_partners(organisation), pk, "partner council") if pk else None
    initial = {"name": partner.name, "short_name": partner.short_name} if partner else {}
    form = PartnerForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = rules.save_partner(organisation, partner, data["name"], data["short_name"])
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, f"{saved.name} {'saved' if partner else 'added'}.")
            return redirect("organisation:partners")
    return render(
        request,
        "organisation/partner_form.html",
        {"form": form, "partner": partner},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def remove_partner(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = membership_of(request).organisation
    partner = found_or_404(_partners(organisation), pk, "partner council")
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            rules.remove_partner(partner)
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, f"{partner.name} removed.")
            return redirect("organisation:partners")
    return render(
        request,
        "organisation/remove.html",
        {
            "form": form,
            "what": partner.name,
            "kind": "partner council",
            "uses": rules.partner_uses(partner),
            "back": "organisation:partners",
            "back_text": "Partner councils",
        },
        status=400 if form.errors else 200,
    )
