"""The log of organisational changes: the list by quarter, recording, correcting and removing
a change, and moving or merging services."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.access import member_required, membership_of
from headway.forms import posted
from headway.organisation import changes
from headway.organisation.changes import ChangeDetails
from headway.organisation.forms import ChangeForm, MergeServicesForm, MoveServiceForm
from headway.organisation.models import OrganisationalChange
from headway.organisation.views.common import ADMIN, found_or_404
from headway.strategy.models import Service

MOVES = (OrganisationalChange.Kind.SERVICE_MOVE, OrganisationalChange.Kind.SERVICE_MERGE)


def _status(form: object) -> int:
    return 400 if getattr(form, "errors", None) else 200


@require_safe
@member_required(ADMIN)
def change_log(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    rows = list(changes.changes_of(organisation))
    quarters = [(quarter, list(items)) for quarter, items in groupby(rows, lambda c: c.quarter)]
    return render(
        request,
        "organisation/changes.html",
        {
            "quarters": quarters,
            "has_services": Service.objects.filter(organisation=organisation).exists(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def add_change(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    form = ChangeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = changes.record_change(
                membership.organisation,
                ChangeDetails(data["date"], data["kind"], data["text"]),
                by=membership.user,
            )
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(
                request,
                f"Change recorded in {change.quarter.label}. A report for that quarter "
                "includes it when it is next drafted or redrafted.",
            )
            return redirect("organisation:changes")
    return render(
        request,
        "organisation/change_form.html",
        {"form": form, "change": None},
        status=_status(form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def edit_change(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = membership_of(request).organisation
    change = found_or_404(changes.changes_of(organisation), pk, "recorded change")
    initial = {"date": change.date, "kind": change.kind, "text": change.text}
    form = ChangeForm(posted(request), initial=initial, moved_or_merged=change.kind in MOVES)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changes.correct_change(change, ChangeDetails(data["date"], data["kind"], data["text"]))
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, "Change corrected.")
            return redirect("organisation:changes")
    return render(
        request,
        "organisation/change_form.html",
        {"form": form, "change": change},
        status=_status(form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def remove_change(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = membership_of(request).organisation
    change = found_or_404(changes.changes_of(organisation), pk, "recorded change")
    if request.method == "POST":
        changes.remove_change(change)
        messages.success(request, "Change removed from the log.")
        return redirect("organisation:changes")
    return render(request, "organisation/change_remove.html", {"change": change})


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def move_service(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    initial = {"service": request.GET.get("service")}
    form = MoveServiceForm(membership.organisation, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changes.move_service(
                data["service"], data["directorate"], data["date"], data["text"], membership.user
            )
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(
                request, f"{data['service'].name} is now in {data['directorate'].strip()}."
            )
            return redirect("organisation:changes")
    return render(request, "organisation/move_service.html", {"form": form}, status=_status(form))


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def merge_services(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    initial = {"source": request.GET.get("service")}
    form = MergeServicesForm(membership.organisation, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source, into = data["source"], data["into"]
        moved = source.initiatives.count()
        try:
            changes.merge_services(source, into, data["date"], data["text"], membership.user)
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(
                request,
                f"{source.name} is merged into {into.name}: {moved} initiative"
                f"{'' if moved == 1 else 's'} moved, with their returns and history.",
            )
            return redirect("organisation:changes")
    return render(request, "organisation/merge_services.html", {"form": form}, status=_status(form))
