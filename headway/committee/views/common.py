"""What the committee views share: finding the report and showing a refusal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, JsonResponse

from headway.accounts.access import membership_of
from headway.committee.detail import report_of
from headway.committee.models import Pack, Redraft, Report


def report_or_404(request: HttpRequest, pk: int) -> Report:
    """The report, if it goes to a committee of the person's organisation."""
    report = report_of(membership_of(request).organisation, pk)
    if report is None:
        raise Http404("No report of your organisation has this number.")
    return report


def messages_of(error: ValidationError) -> list[str]:
    return list(error.messages)


def progress_json(work: Pack | Redraft) -> JsonResponse:
    """Background work's progress (a pack's, a redraft's), for its page's script to poll."""
    return JsonResponse(
        {
            "state": work.state,
            "state_label": work.get_state_display(),
            "progress": work.progress,
            "step": work.step,
            "finished": work.state in ("done", "failed"),
        },
        headers={"Cache-Control": "no-store"},
    )
