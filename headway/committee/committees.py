"""Keeping an organisation's committees: their members, meetings and report template.

A committee or meeting that reports went to is kept: the reports, and the change requests
decided at its meetings, name it. The refusal says so and what to do instead.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from headway.committee.models import Committee, Meeting, Report, ReportTemplate
from headway.committee.models.committee import CommitteeMember
from headway.lib.words import join_words, long_date, plural
from headway.strategy.models import Organisation, Partner


def committees_of(organisation: Organisation) -> QuerySet[Committee]:
    return Committee.objects.filter(organisation=organisation)


def members_of(organisation: Organisation) -> QuerySet[CommitteeMember]:
    return CommitteeMember.objects.filter(committee__organisation=organisation).select_related(
        "committee", "council"
    )


def meetings_of(organisation: Organisation) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee__organisation=organisation).select_related("committee")


@transaction.atomic
def save_committee(organisation: Organisation, committee: Committee | None, name: str) -> Committee:
    name = name.strip()
    clash = committees_of(organisation).filter(name__iexact=name)
    if committee is not None:
        clash = clash.exclude(pk=committee.pk)
    if clash.exists():
        raise ValidationError({"name": f"There is already a committee called {name}"})
    if committee is None:
        base = slugify(name)[:70] or "committee"
        slug, n = base, 2
        while committees_of(organisation).filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        committee = Committee(organisation=organisation, slug=slug)
    committee.name = name
    committee.full_clean()
    committee.save()
    ReportTemplate.objects.get_or_create(committee=committee)
    return committee


def _reports_at(meetings: QuerySet[Meeting]) -> int:
    return Report.objects.filter(meeting__in=meetings).count()


def committee_uses(committee: Committee) -> list[str]:
    reports = _reports_at(committee.meetings.all())
    return [plural(reports, "report")] if reports else []


@transaction.atomic
def remove_committee(committee: Committee) -> None:
    locked = Committee.objects.select_for_update().get(pk=committee.pk)
    uses = committee_uses(locked)
    if uses:
        raise ValidationError(
            f"{locked.name} cannot be removed: {join_words(uses)} went to its meetings, and "
            "keep its name. Rename it instead if it has changed"
        )
    locked.delete()


def save_member(
    committee: Committee,
    member: CommitteeMember | None,
    name: str,
    role: str,
    council: Partner | None,
) -> CommitteeMember:
    if council is not None and council.organisation_id != committee.organisation_id:
        raise ValidationError({"council": "Choose one of your organisation's partner councils"})
    if member is None:
        member = CommitteeMember(committee=committee)
    member.name = name.strip()
    member.role = role.strip()
    member.council = council
    member.full_clean()
    member.save()
    return member


def save_meeting(committee: Committee, meeting: Meeting | None, day: date, venue: str) -> Meeting:
    clash = committee.meetings.filter(date=day)
    if meeting is not None:
        clash = clash.exclude(pk=meeting.pk)
    if clash.exists():
        raise ValidationError({"date": f"{committee.name} already meets on {long_date(day)}"})
    if meeting is None:
        meeting = Meeting(committee=committee)
    elif day != meeting.date and meeting.reports.exclude(state=Report.State.DRAFT).exists():
        raise ValidationError(
            {
                "date": "A report to this meeting is approved or published with this date: "
                "add a meeting for the new date instead"
            }
        )
    meeting.date = day
    meeting.venue = venue.strip()
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_uses(meeting: Meeting) -> list[str]:
    uses = []
    reports = meeting.reports.count()
    if reports:
        uses.append(f"{plural(reports, 'report')} to it")
    decided = meeting.change_requests.count()
    if decided:
        uses.append(f"{plural(decided, 'change request')} decided at it")
    return uses


@transaction.atomic
def remove_meeting(meeting: Meeting) -> None:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    uses = meeting_uses(locked)
    if uses:
        raise ValidationError(
            f"The meeting of {long_date(locked.date)} cannot be removed: it has "
            f"{join_words(uses)}. Correct its date or venue instead"
        )
    locked.delete()


def template_of(committee: Committee) -> ReportTemplate:
    template, _ = ReportTemplate.objects.get_or_create(committee=committee)
    return template


def save_template(committee: Committee, header_fields: list[str], implications: list[str]) -> None:
    """The header fields and implications sections the committee's cover report has, in the
    order the template lists them. Reports drafted from now on follow it."""
    template = template_of(committee)
    order = {
        "header_fields": ReportTemplate.HeaderField.values,
        "implications": ReportTemplate.Implication.values,
    }
    template.header_fields = [v for v in order["header_fields"] if v in header_fields]
    template.implications = [v for v in order["implications"] if v in implications]
    template.full_clean()
    template.save()
