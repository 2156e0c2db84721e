"""Asking the organisation's reviewers to approve a drafted report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection

from headway.accounts.models import Membership, Role, User
from headway.committee.document import long_date
from headway.committee.drafting import ReportNotEditable
from headway.committee.links import report_url
from headway.committee.models import Report
from headway.lib.words import join_words
from headway.progress.models import PeriodEvent


def reviewers_of(report: Report) -> list[User]:
    """The reviewers of the report's organisation who can be emailed."""
    organisation = report.meeting.committee.organisation_id
    return list(
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role=Role.REVIEWER,
            is_active=True,
        )
        .exclude(email="")
        .order_by("username")
    )


def ask_for_approval(report: Report, by: Membership) -> list[User]:
    """Email every reviewer a link to the draft; returns who was asked."""
    if report.state != Report.State.DRAFT:
        raise ReportNotEditable(
            f"This report is already {report.get_state_display().lower()}: "
            "only a draft needs approval."
        )
    if report.snapshot_id is None:
        raise ValidationError("Draft the report before asking for approval.")
    reviewers = reviewers_of(report)
    if not reviewers:
        raise ValidationError(
            f"Nobody in {by.organisation} is a reviewer with an email address: give someone "
            "the reviewer role (with their email address) first, or approve the report yourself."
        )
    meeting = report.meeting
    subject = f"Please approve the report “{report.subject_heading}”"
    body = (
        f"{by.user} asks you to approve the report “{report.subject_heading}” for the "
        f"{meeting.committee} meeting on {long_date(meeting.date)}.\n\n"
        f"Read it, and approve it if it is ready:\n{report_url(report.pk)}\n\n"
        "Once approved, the report cannot be changed unless it is reopened.\n"
    )
    reply_to = [by.user.email] if by.user.email else []
    messages = [
        EmailMessage(subject, body, to=[reviewer.email], reply_to=reply_to)
        for reviewer in reviewers
    ]
    get_connection().send_messages(messages)
    PeriodEvent.record(
        report.period_id,
        PeriodEvent.Kind.ASKED,
        by=by.user,
        reason=f"Asked {join_words([str(r) for r in reviewers])} to approve "
        f"“{report.subject_heading}”.",
    )
    return reviewers
