"""The audit pages, for an organisation's administrators only: the record of who did what,
filtered; one entry in full; the record as CSV; and how long it is kept."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.access import member_required, membership_of
from headway.accounts.models import Role
from headway.audit import retention
from headway.audit.feed import CSV_HEADERS, audit_page, csv_rows, find_entry
from headway.audit.forms import AuditFilterForm, RetentionForm
from headway.audit.values import short
from headway.dataio.writing import CSV_TYPE, csv_value
from headway.forms import posted

ADMIN = Role.ADMINISTRATOR


def _filter_query(request: HttpRequest) -> dict[str, str]:
    """The filters of the request, to keep them in the pages' and the CSV's links."""
    return {k: v for k in request.GET if k != "page" and (v := request.GET.get(k, ""))}


def _pagination(page: Any, query: dict[str, str]) -> dict[str, Any] | None:
    """GOV.UK pagination's parameters: previous, next, and the pages near this one."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        return "?" + urlencode({**query, "page": number})

    items: list[dict[str, Any]] = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(number), "current": number == page.number})
    return {
        "items": items,
        "previous": {"href": href(page.number - 1)} if page.has_previous() else None,
        "next": {"href": href(page.number + 1)} if page.has_next() else None,
        "landmarkLabel": "Pages of the audit record",
    }


@require_safe
@member_required(ADMIN)
def audit_record(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    form = AuditFilterForm(request.GET or None, organisation.pk)
    result = audit_page(organisation.pk, form.wanted(), request.GET.get("page") or 1)
    query = _filter_query(request)
    return render(
        request,
        "audit/record.html",
        {
            "form": form,
            "entries": result.entries,
            "page": result.page,
            "pagination": _pagination(result.page, query),
            "csv_href": "?" + urlencode(query) if query else "",
            "is_filtered": bool(query),
            "retention_years": organisation.audit_retention_years,
            "shorten": short,
        },
    )


@require_safe
@member_required(ADMIN)
def audit_entry(request: HttpRequest, source: str, pk: int) -> HttpResponse:
    organisation = membership_of(request).organisation
    entry = find_entry(organisation.pk, source, pk)
    if entry is None:
        raise Http404("Your organisation's audit record has no such entry.")
    return render(request, "audit/entry.html", {"entry": entry})


class _Line:
    """csv.writer writes here; each line is handed straight to the response."""

    def write(self, text: str) -> str:
        return text


def _csv_lines(organisation_id: int, form: AuditFilterForm) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    # The byte-order mark makes Excel read the file as UTF-8, as Headway's other exports.
    yield "\ufeff" + writer.writerow(CSV_HEADERS)
    for row in csv_rows(organisation_id, form.wanted()):
        yield writer.writerow([csv_value(value) for value in row])


@require_safe
@member_required(ADMIN)
def audit_csv(request: HttpRequest) -> Any:  # a StreamingHttpResponse
    organisation = membership_of(request).organisation
    form = AuditFilterForm(request.GET or None, organisation.pk)
    response = StreamingHttpResponse(_csv_lines(organisation.pk, form), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-audit.csv"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(ADMIN)
def audit_retention(request: HttpRequest) -> HttpResponse:
    organisation = membership_of(request).organisation
    form = RetentionForm(posted(request), initial={"years": organisation.audit_retention_years})
    if request.method == "POST" and form.is_valid():
        try:
            retention.set_retention(organisation, form.cleaned_data["years"])
        except ValidationError as error:
            form.refused(error)
        else:
            years = organisation.audit_retention_years
            messages.success(
                request,
                f"The audit record is now kept for {years} year{'s' if years != 1 else ''}.",
            )
            return redirect("audit:record")
    return render(request, "audit/retention.html", {"form": form})
