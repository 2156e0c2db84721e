"""Changing, adding, removing and moving a report's paragraphs; numbering follows."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from headway.accounts.access import member_required, membership_of
from headway.committee import permissions
from headway.committee.detail import ParagraphRow, ReportDetail, SectionRows, report_detail
from headway.committee.drafting import (
    ReportNotEditable,
    add_paragraph,
    edit_paragraph,
    move_paragraph,
    remove_paragraph,
)
from headway.committee.forms import ParagraphForm
from headway.committee.views.report import report_page

GONE = "This paragraph is no longer in the report: it may have been removed or redrafted."


def _detail(request: HttpRequest, pk: int) -> ReportDetail:
    detail = report_detail(membership_of(request).organisation, pk)
    if detail is None:
        raise Http404("No report of your organisation has this number.")
    return detail


def _paragraph(detail: ReportDetail, paragraph: int) -> tuple[SectionRows, ParagraphRow]:
    found = detail.find(paragraph)
    if found is None:
        raise Http404(GONE)
    return found


def _locked(detail: ReportDetail) -> ReportNotEditable | None:
    report = detail.report
    if report.is_editable:
        return None
    return ReportNotEditable(
        f"This report is {report.get_state_display().lower()}: only a draft can be changed."
    )


def _back_to(detail: ReportDetail, paragraph_pk: int | None = None) -> HttpResponse:
    url = reverse("committee:report", args=[detail.report.pk])
    return redirect(f"{url}#paragraph-{paragraph_pk}" if paragraph_pk else url)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*permissions.COMPOSE)
def edit(request: HttpRequest, pk: int, paragraph: int) -> HttpResponse:
    detail = _detail(request, pk)
    section, row = _paragraph(detail, paragraph)
    refusal = _locked(detail)
    form = ParagraphForm.of(row.paragraph)
    if request.method == "POST":
        form = ParagraphForm(request.POST)
        if form.is_valid():
            try:
                edit_paragraph(row.paragraph, form.cleaned_data["text"])
            except ReportNotEditable as error:
                refusal = error
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"{row.sentence_name} has been saved.")
                return _back_to(detail, row.paragraph.pk)
    context = {"detail": detail, "section": section, "row": row, "form": form, "refusal": refusal}
    status = 409 if refusal and request.method == "POST" else 200
    return render(request, "committee/paragraph.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*permissions.COMPOSE)
def add(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    """Add a paragraph to a section: after the paragraph ``?after=`` names, else at its end."""
    detail = _detail(request, pk)
    rows = detail.section(section)
    if rows is None:
        raise Http404("This section is no longer in the report: it may have been redrafted.")
    after = _after(detail, rows, request.GET.get("after") or request.POST.get("after"))
    refusal = _locked(detail)
    form = ParagraphForm()
    if request.method == "POST":
        form = ParagraphForm(request.POST)
        if form.is_valid():
            try:
                added = add_paragraph(
                    rows.section, form.cleaned_data["text"], after.paragraph if after else None
                )
            except ReportNotEditable as error:
                refusal = error
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The paragraph has been added.")
                return _back_to(detail, added.pk)
    context = {
        "detail": detail,
        "section": rows,
        "after": after,
        "number": detail.number_if_added(rows, after),
        "form": form,
        "refusal": refusal,
    }
    status = 409 if refusal and request.method == "POST" else 200
    return render(request, "committee/paragraph_add.html", context, status=status)


def _after(detail: ReportDetail, section: SectionRows, value: str | None) -> ParagraphRow | None:
    if not value:
        return None
    found = detail.find(int(value)) if value.isdigit() else None
    if found is None or found[0] != section:
        raise Http404(GONE)
    return found[1]


@require_http_methods(["GET", "HEAD", "POST"])
@member_required(*permissions.COMPOSE)
def remove(request: HttpRequest, pk: int, paragraph: int) -> HttpResponse:
    """Ask before removing: a removed paragraph can only be typed in again."""
    detail = _detail(request, pk)
    section, row = _paragraph(detail, paragraph)
    refusal = _locked(detail)
    if request.method == "POST":
        try:
            remove_paragraph(row.paragraph)
        except ReportNotEditable as error:
            refusal = error
        else:
            messages.success(
                request, f"{row.sentence_name} has been removed. The rest are renumbered."
            )
            return _back_to(detail)
    context = {"detail": detail, "section": section, "row": row, "refusal": refusal}
    status = 409 if refusal and request.method == "POST" else 200
    return render(request, "committee/paragraph_remove.html", context, status=status)


@require_POST
@member_required(*permissions.COMPOSE)
def move(request: HttpRequest, pk: int, paragraph: int) -> HttpResponse:
    detail = _detail(request, pk)
    _, row = _paragraph(detail, paragraph)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        return report_page(
            request, pk, errors=["Choose to move the paragraph up or down."], status=400
        )
    try:
        move_paragraph(row.paragraph, offset)
    except ReportNotEditable as error:
        return report_page(request, pk, errors=list(error.messages), status=409)
    return _back_to(detail, row.paragraph.pk)
