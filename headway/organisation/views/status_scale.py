"""Settings: the status scale returns are rated on."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.accounts.access import member_required, membership_of
from headway.forms import posted
from headway.organisation.forms import ConfirmForm, StatusValueForm
from headway.organisation.views.common import ADMIN
from headway.progress import scale
from headway.progress.models import StatusValue


def _value_or_404(request: HttpRequest, pk: int) -> StatusValue:
    value = scale.value_of(membership_of(request).organisation, pk)
    if value is None:
        raise Http404("Your organisation's scale has no status with this number.")
    return value


@require_safe
@member_required(ADMIN)
def status_scale(request: HttpRequest) -> HttpResponse:
    values = scale.values_of(membership_of(request).organisation)
    rows = [(value, scale.where_used(value)) for value in values]
    return render(request, "organisation/status_scale.html", {"rows": rows})


def _details(form: StatusValueForm) -> scale.StatusDetails:
    data = form.cleaned_data
    return scale.StatusDetails(
        label=data["label"],
        meaning=data["meaning"],
        colour=data["colour"],
        tag=data["tag"],
        needs_mitigation=data["needs_mitigation"],
        means_complete=data["means_complete"],
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def status_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = membership_of(request).organisation
    value = _value_or_404(request, pk) if pk else None
    initial = (
        {
            "label": value.label,
            "meaning": value.meaning,
            "colour": value.colour,
            "tag": value.tag,
            "needs_mitigation": value.needs_mitigation,
            "means_complete": value.means_complete,
        }
        if value
        else {}
    )
    form = StatusValueForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if value is None:
                scale.add_value(organisation, _details(form))
            else:
                scale.change_value(value, _details(form))
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, f"Status “{form.cleaned_data['label'].strip()}” saved.")
            return redirect("organisation:status_scale")
    return render(
        request,
        "organisation/status_form.html",
        {"form": form, "value": value, "used": scale.where_used(value) if value else ""},
        status=400 if form.errors else 200,
    )


@require_POST
@member_required(ADMIN)
def move_status(request: HttpRequest, pk: int) -> HttpResponse:
    value = _value_or_404(request, pk)
    scale.move_value(value, -1 if request.POST.get("direction") == "up" else 1)
    return redirect("organisation:status_scale")


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def remove_status(request: HttpRequest, pk: int) -> HttpResponse:
    value = _value_or_404(request, pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            scale.remove_value(value)
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, f"Status “{value.label}” removed.")
            return redirect("organisation:status_scale")
    used = scale.where_used(value)
    return render(
        request,
        "organisation/remove.html",
        {
            "form": form,
            "what": value.label,
            "kind": "status",
            "uses": [used] if used else [],
            "back": "organisation:status_scale",
            "back_text": "Status scale",
        },
        status=400 if form.errors else 200,
    )
