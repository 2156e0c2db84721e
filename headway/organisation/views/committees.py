"""Settings: committees, their members and meetings, and each one's report template."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.timezone import localdate as today
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.access import member_required, membership_of
from headway.committee import committees as rules
from headway.committee.models import Committee
from headway.forms import GovukForm, posted
from headway.lib.words import long_date
from headway.organisation.forms import (
    CommitteeForm,
    ConfirmForm,
    MeetingForm,
    MemberForm,
    TemplateForm,
)
from headway.organisation.views.common import ADMIN, found_or_404

GET_OR_POST = ["GET", "HEAD", "POST"]


def _committee(request: HttpRequest, pk: int) -> Committee:
    return found_or_404(rules.committees_of(membership_of(request).organisation), pk, "committee")


def _crumbs(committee: Committee | None = None) -> list[dict[str, str]]:
    items = [
        {"text": "Settings", "href": reverse("organisation:settings")},
        {"text": "Committees", "href": reverse("organisation:committees")},
    ]
    if committee is not None:
        items.append(
            {"text": committee.name, "href": reverse("organisation:committee", args=[committee.pk])}
        )
    return items


def _form_page(
    request: HttpRequest,
    form: GovukForm,
    title: str,
    fields: list[dict[str, Any]],
    crumbs: list[dict[str, str]],
    cancel: str,
    button: str,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "organisation/form.html",
        {
            "form": form,
            "title": title,
            "fields": fields,
            "crumbs": crumbs,
            "cancel": cancel,
            "button": button,
            "intro": intro,
        },
        status=400 if form.errors else 200,
    )


def _remove_page(
    request: HttpRequest,
    form: GovukForm,
    what: str,
    kind: str,
    uses: list[str],
    crumbs: list[dict[str, str]],
    back: str,
) -> HttpResponse:
    return render(
        request,
        "organisation/remove_item.html",
        {"form": form, "what": what, "kind": kind, "uses": uses, "crumbs": crumbs, "back": back},
        status=400 if form.errors else 200,
    )


@require_safe
@member_required(ADMIN)
def committee_list(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    rows = rules.committees_of(organisation).annotate(
        member_count=Count("members", distinct=True),
        next_meeting=Min("meetings__date", filter=Q(meetings__date__gte=today())),
    )
    return render(request, "organisation/committees.html", {"committees": list(rows)})


@require_safe
@member_required(ADMIN)
def committee(request: HttpRequest, pk: int) -> HttpResponse:
    found = _committee(request, pk)
    template = rules.template_of(found)
    return render(
        request,
        "organisation/committee.html",
        {
            "committee": found,
            "members": list(found.members.select_related("council")),
            "meetings": list(
                found.meetings.annotate(report_count=Count("reports")).order_by("-date")
            ),
            "header_fields": [
                label
                for value, label in template.HeaderField.choices
                if value in template.header_fields
            ],
            "implications": [label for _, label in template.implication_labels],
            "uses": rules.committee_uses(found),
        },
    )


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def committee_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = membership_of(request).organisation
    found = _committee(request, pk) if pk else None
    form = CommitteeForm(posted(request), initial={"name": found.name} if found else {})
    if request.method == "POST" and form.is_valid():
        with form.showing_refusal():
            saved = rules.save_committee(organisation, found, form.cleaned_data["name"])
            messages.success(request, f"{saved.name} saved.")
            return redirect("organisation:committee", pk=saved.pk)
    return _form_page(
        request,
        form,
        f"Rename {found.name}" if found else "Add a committee",
        [
            {
                "kind": "text",
                "name": "name",
                "label": "Name",
                "hint": "As the report header gives it, for example Joint Committee.",
            }
        ],
        _crumbs(found) if found else _crumbs(),
        reverse("organisation:committee", args=[found.pk])
        if found
        else reverse("organisation:committees"),
        "Save committee",
    )


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def remove_committee(request: HttpRequest, pk: int) -> HttpResponse:
    found = _committee(request, pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with form.showing_refusal():
            rules.remove_committee(found)
            messages.success(request, f"{found.name} removed.")
            return redirect("organisation:committees")
    return _remove_page(
        request,
        form,
        found.name,
        "committee",
        rules.committee_uses(found),
        _crumbs(found),
        reverse("organisation:committee", args=[found.pk]),
    )


def _member_fields(form: MemberForm) -> list[dict[str, Any]]:
    councils = [
        {"value": "", "text": "None"},
        *({"value": str(v.value), "text": t} for v, t in form.fields["council"].choices if v),  # type: ignore[attr-defined]
    ]
    return [
        {
            "kind": "text",
            "name": "name",
            "label": "Name",
            "hint": "For example, Councillor A. Member.",
        },
        {
            "kind": "text",
            "name": "role",
            "label": "Role (optional)",
            "hint": "For example, Chair.",
            "classes": "govuk-!-width-one-half",
        },
        {
            "kind": "select",
            "name": "council",
            "label": "Council they represent (optional)",
            "items": councils,
        },
    ]


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def member_form(
    request: HttpRequest, pk: int | None = None, member: int | None = None
) -> HttpResponse:
    organisation = membership_of(request).organisation
    found = (
        found_or_404(rules.members_of(organisation), member, "committee member") if member else None
    )
    parent = found.committee if found else _committee(request, pk or 0)
    initial = {"name": found.name, "role": found.role, "council": found.council_id} if found else {}
    form = MemberForm(organisation, posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form.showing_refusal():
            rules.save_member(parent, found, data["name"], data["role"], data["council"])
            messages.success(request, f"{data['name'].strip()} saved.")
            return redirect("organisation:committee", pk=parent.pk)
    return _form_page(
        request,
        form,
        f"Change {found.name}" if found else f"Add a member of {parent.name}",
        _member_fields(form),
        _crumbs(parent),
        reverse("organisation:committee", args=[parent.pk]),
        "Save member",
    )


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def remove_member(request: HttpRequest, member: int) -> HttpResponse:
    organisation = membership_of(request).organisation
    found = found_or_404(rules.members_of(organisation), member, "committee member")
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        found.delete()
        messages.success(request, f"{found.name} removed from {found.committee.name}.")
        return redirect("organisation:committee", pk=found.committee_id)
    return _remove_page(
        request,
        form,
        f"{found.name} from {found.committee.name}",
        "member",
        [],
        _crumbs(found.committee),
        reverse("organisation:committee", args=[found.committee_id]),
    )


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def meeting_form(
    request: HttpRequest, pk: int | None = None, meeting: int | None = None
) -> HttpResponse:
    organisation = membership_of(request).organisation
    found = found_or_404(rules.meetings_of(organisation), meeting, "meeting") if meeting else None
    parent = found.committee if found else _committee(request, pk or 0)
    initial = {"date": found.date, "venue": found.venue} if found else {}
    form = MeetingForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form.showing_refusal():
            saved = rules.save_meeting(parent, found, data["date"], data["venue"])
            messages.success(request, f"Meeting of {long_date(saved.date)} saved.")
            return redirect("organisation:committee", pk=parent.pk)
    return _form_page(
        request,
        form,
        f"Change the meeting of {long_date(found.date)}"
        if found
        else f"Add a meeting of {parent.name}",
        [
            {"kind": "date", "name": "date", "label": "Date", "hint": "For example, 11 3 2022"},
            {
                "kind": "text",
                "name": "venue",
                "label": "Venue (optional)",
                "hint": "For example, Havering Town Hall.",
            },
        ],
        _crumbs(parent),
        reverse("organisation:committee", args=[parent.pk]),
        "Save meeting",
        intro="Reports are written for a meeting: add the meetings the committee has planned.",
    )


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def remove_meeting(request: HttpRequest, meeting: int) -> HttpResponse:
    organisation = membership_of(request).organisation
    found = found_or_404(rules.meetings_of(organisation), meeting, "meeting")
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with form.showing_refusal():
            rules.remove_meeting(found)
            messages.success(request, f"Meeting of {long_date(found.date)} removed.")
            return redirect("organisation:committee", pk=found.committee_id)
    return _remove_page(
        request,
        form,
        f"the meeting of {long_date(found.date)}",
        "meeting",
        rules.meeting_uses(found),
        _crumbs(found.committee),
        reverse("organisation:committee", args=[found.committee_id]),
    )


@require_http_methods(GET_OR_POST)
@member_required(ADMIN)
def report_template(request: HttpRequest, pk: int) -> HttpResponse:
    found = _committee(request, pk)
    template = rules.template_of(found)
    initial = {"header_fields": template.header_fields, "implications": template.implications}
    form = TemplateForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form.showing_refusal():
            rules.save_template(found, data["header_fields"], data["implications"])
            messages.success(
                request,
                f"Report template of {found.name} saved. Reports drafted or redrafted from "
                "now on follow it.",
            )
            return redirect("organisation:committee", pk=found.pk)
    return _form_page(
        request,
        form,
        f"{found.name}: report template",
        [
            {
                "kind": "checkboxes",
                "name": "header_fields",
                "label": "Header fields",
                "hint": (
                    "The details the cover report's header gives, under the committee and "
                    "meeting date."
                ),
            },
            {
                "kind": "checkboxes",
                "name": "implications",
                "label": "Implications sections",
                "hint": "Each section drafts as “Not applicable” for the author to complete.",
            },
        ],
        _crumbs(found),
        reverse("organisation:committee", args=[found.pk]),
        "Save template",
    )
