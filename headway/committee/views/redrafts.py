"""Following a report's redraft while the task worker runs it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from headway.accounts.access import member_required
from headway.committee import permissions
from headway.committee.models import Redraft, Report
from headway.committee.views.common import report_or_404
from headway.committee.views.report import REDRAFTED
from headway.lib.background import progress_json


def _redraft_or_404(report: Report, pk: int) -> Redraft:
    found = Redraft.objects.filter(report=report, pk=pk).select_related("requested_by").first()
    if found is None:
        raise Http404("This report has no redraft with this number.")
    return found


@require_safe
@member_required(*permissions.COMPOSE)
def progress(request: HttpRequest, pk: int, redraft: int) -> HttpResponse:
    """The redraft's progress; once it is done, the report, saying so."""
    report = report_or_404(request, pk)
    found = _redraft_or_404(report, redraft)
    if found.state == Redraft.State.DONE:
        messages.success(request, REDRAFTED)
        return redirect("committee:report", report.pk)
    return render(request, "committee/redraft.html", {"report": report, "redraft": found})


@require_safe
@member_required(*permissions.COMPOSE)
def status(request: HttpRequest, pk: int, redraft: int) -> JsonResponse:
    """The redraft's progress, for the page's script to poll (as a pack's is)."""
    found = _redraft_or_404(report_or_404(request, pk), redraft)
    return progress_json(found)
