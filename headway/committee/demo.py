"""The demo's committee: oneSource's Joint Committee, its 2021-22 meetings and reports.

Q1 and Q2 reports are published and Q3's is a draft, as the performance team would find
them at the end of the third quarter. Idempotent and deterministic: snapshots and
approvals are dated from the meetings, never from the clock.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from headway.accounts.models import User
from headway.committee.drafting import approve_report, draft_report, publish_report
from headway.committee.models import Committee, Meeting, Report, ReportTemplate
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation, StrategyEvent

LONDON = dt.UTC

MEETINGS = (
    (dt.date(2021, 4, 30), "Virtual meeting"),
    (dt.date(2021, 9, 22), "Town Hall, Havering"),
    (dt.date(2021, 12, 8), "Newham Dockside"),
    (dt.date(2022, 3, 11), "Town Hall, Havering"),
)

# (quarter, meeting date, state)
REPORTS = (
    (1, dt.date(2021, 9, 22), Report.State.PUBLISHED),
    (2, dt.date(2021, 12, 8), Report.State.PUBLISHED),
    (3, dt.date(2022, 3, 11), Report.State.DRAFT),
)


def _moment(day: dt.date, days_before: int) -> dt.datetime:
    return dt.datetime.combine(day - dt.timedelta(days=days_before), dt.time(9), tzinfo=LONDON)


@transaction.atomic
def load_committee_demo(organisation: Organisation, officer: User | None = None) -> Committee:
    committee, _ = Committee.objects.get_or_create(
        organisation=organisation,
        slug="joint-committee",
        defaults={"name": f"{organisation.name.upper()} JOINT COMMITTEE"},
    )
    ReportTemplate.objects.get_or_create(committee=committee)
    meetings = {
        day: Meeting.objects.get_or_create(
            committee=committee, date=day, defaults={"venue": venue}
        )[0]
        for day, venue in MEETINGS
    }
    # The strategy's history says at which of these meetings things happened to it.
    for day, meeting in meetings.items():
        StrategyEvent.objects.filter(
            strategy__organisation=organisation, date=day, meeting__isnull=True
        ).update(meeting=meeting)
    for quarter, day, state in REPORTS:
        period = ReportingPeriod.objects.filter(
            organisation=organisation, year=2021, quarter=quarter
        ).first()
        if (
            period is None
            or Report.objects.filter(
                meeting=meetings[day], period=period, kind=Report.Kind.DRAFTED
            ).exists()
        ):
            continue
        report = Report.objects.create(
            meeting=meetings[day],
            period=period,
            subject_heading=f"One Source Strategy 2020-23 Progress Report for Q{quarter}",
            author_name="Assistant Director (demo)",
            author_title="Performance, Policy and Programmes",
            author_contact="performance@example.org",
            financial_summary="Not applicable",
            slug=f"{committee.slug}-{day:%Y-%m-%d}-strategy-{period.slug.lower()}",
        )
        report = draft_report(report, by=officer, as_of=_moment(day, 21))
        if state != Report.State.DRAFT:
            report = approve_report(report, by=officer, at=_moment(day, 14))
            publish_report(report, at=_moment(day, 7))
    return committee
