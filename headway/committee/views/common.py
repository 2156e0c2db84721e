"""What the committee views share: finding the report and showing a refusal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from headway.accounts.access import membership_of
from headway.committee.detail import report_of
from headway.committee.models import Report


def report_or_404(request: HttpRequest, pk: int) -> Report:
    """The report, if it goes to a committee of the person's organisation."""
    report = report_of(membership_of(request).organisation, pk)
    if report is None:
        raise Http404("No report of your organisation has this number.")
    return report


def messages_of(error: ValidationError) -> list[str]:
    return list(error.messages)
