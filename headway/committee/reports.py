"""Find or start the report a committee receives for a reporting period."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from headway.committee.compose.cover import title_without_years
from headway.committee.drafting import draft_report
from headway.committee.models import Committee, Meeting, Report
from headway.committee.snapshot import strategy_for
from headway.progress.models import ReportingPeriod


def find_committee(period: ReportingPeriod, name: str | None = None) -> Committee:
    committees = Committee.objects.filter(organisation=period.organisation_id)
    if name:
        match = committees.filter(name__iexact=name).first() or committees.filter(slug=name).first()
        if match is None:
            known = ", ".join(c.name for c in committees) or "none yet"
            raise ValidationError(f"No committee is called {name!r}. Committees: {known}.")
        return match
    first = committees.order_by("name").first()
    if first is None:
        raise ValidationError(
            f"{period.organisation} has no committee yet: add one (with its meetings) first."
        )
    return first


def meetings_after(period: ReportingPeriod) -> models.QuerySet[Meeting]:
    """The meetings of the organisation's committees that could take the period's report."""
    return Meeting.objects.filter(
        committee__organisation=period.organisation_id, date__gt=period.end
    ).select_related("committee")


def next_meeting(committee: Committee, period: ReportingPeriod) -> Meeting:
    meeting = committee.meetings.filter(date__gt=period.end).order_by("date").first()
    if meeting is None:
        raise ValidationError(
            f"{committee} has no meeting after {period.end:%-d %B %Y} to take the "
            f"{period.label} report: add the meeting first."
        )
    return meeting


def _check_meeting(period: ReportingPeriod, meeting: Meeting) -> None:
    if meeting.committee.organisation_id != period.organisation_id:
        raise ValidationError({"meeting": "Choose a meeting of your organisation's committees."})
    if meeting.date <= period.end:
        raise ValidationError(
            {
                "meeting": f"The meeting on {meeting.date:%-d %B %Y} is before {period.label} "
                f"ends ({period.end:%-d %B %Y}): choose a later meeting."
            }
        )


@transaction.atomic
def report_for(
    period: ReportingPeriod,
    committee: Committee | None = None,
    by: object = None,
    meeting: Meeting | None = None,
) -> Report:
    """The report for the period, drafted: the one for ``meeting`` if given, else the
    committee's latest; a new one (for ``meeting``, or the committee's next) if none."""
    report = find_or_start_report(period, committee, meeting)
    if report.snapshot_id is None:
        report = draft_report(report, by=by)
    return report


def find_or_start_report(
    period: ReportingPeriod, committee: Committee | None = None, meeting: Meeting | None = None
) -> Report:
    """The report for the period (as ``report_for`` finds it), or a new one, not yet drafted."""
    if meeting is not None:
        _check_meeting(period, meeting)
        committee = meeting.committee
        found = Report.objects.filter(period=period, meeting=meeting)
    elif committee is not None:
        found = Report.objects.filter(period=period, meeting__committee=committee)
    else:
        raise TypeError("Give the committee or the meeting.")
    # A past report imported for the period is kept as it was: the draft is another report.
    found = found.filter(kind=Report.Kind.DRAFTED)
    report = found.order_by("-meeting__date").first()
    if report is None:
        meeting = meeting or next_meeting(committee, period)
        strategy = strategy_for(period)
        title = title_without_years(strategy.title) if strategy else "Strategy"
        years = f" {strategy.years_label}" if strategy else ""
        report = Report.objects.create(
            meeting=meeting,
            period=period,
            subject_heading=f"{title}{years} Progress Report for Q{period.quarter}",
            author_name="Performance team",
            slug=slugify(f"{committee.slug}-{meeting.date:%Y-%m-%d}-strategy-{period.slug}"),
        )
    return report
