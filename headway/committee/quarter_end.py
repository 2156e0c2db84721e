"""The quarter end's joined-up steps: closing the quarter drafts its report, approving the
report starts its pack.

Each step is still the one rule it always was (``progress.lifecycle.close_period``,
``drafting.approve_report``, ``tasks.queue_pack`` ...), and each keeps its record in the
period's history; these functions only chain them, so the officer does not have to know
the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from headway.accounts.models import Membership
from headway.committee.drafting import approve_report
from headway.committee.models import Pack, Redraft, Report
from headway.committee.reports import find_committee, find_or_start_report
from headway.committee.tasks import queue_pack, queue_redraft
from headway.progress.lifecycle import close_period
from headway.progress.models import ReportingPeriod


@dataclass(frozen=True)
class QuarterClosed:
    """What closing did: the period, and the report's drafting, or why it could not start."""

    period: ReportingPeriod
    report: Report | None
    redraft: Redraft | None
    not_drafted: str = ""

    @property
    def message(self) -> str:
        closed = f"{self.period.label} is closed."
        if self.report is None:
            return f"{closed} The report could not be drafted: {self.not_drafted}"
        if self.redraft is None:
            return f"{closed} {self.not_drafted}"
        if self.redraft.state == Redraft.State.DONE:
            return f"{closed} The report for the {self.report.meeting} meeting is drafted."
        if self.redraft.state == Redraft.State.FAILED:
            return f"{closed} Drafting the report failed: {self.redraft.error}"
        return f"{closed} The report for the {self.report.meeting} meeting is being drafted."


def close_quarter(period: ReportingPeriod, by: Membership, force_reason: str = "") -> QuarterClosed:
    """Close the period, then draft its report for the committee's next meeting from the
    frozen figures, in the background.

    The close is refused as ``close_period`` refuses it. Once closed, the report is found (or
    started) and redrafted; if it cannot be (no committee, no meeting after the quarter, a
    report already approved), the close stands and the result says why.
    """
    closed = close_period(period, by=by, force_reason=force_reason)
    try:
        with transaction.atomic():
            report = find_or_start_report(closed, find_committee(closed))
    except ValidationError as error:
        return QuarterClosed(closed, None, None, " ".join(error.messages))
    if report.state != Report.State.DRAFT:
        return QuarterClosed(
            closed,
            report,
            None,
            f"The report for the {report.meeting} meeting is already "
            f"{report.get_state_display().lower()}, so it was not redrafted: reopen it to "
            "refresh its figures.",
        )
    return QuarterClosed(closed, report, queue_redraft(report, by=by.user))


@dataclass(frozen=True)
class ReportApproved:
    report: Report
    pack: Pack


def approve_and_start_pack(report: Report, by: Any) -> ReportApproved:
    """Approve the report, then hand its pack to the task worker: the committee pack is made
    from the approved words without anyone asking for it."""
    approved = approve_report(report, by=by)
    return ReportApproved(approved, queue_pack(approved, by=by))
