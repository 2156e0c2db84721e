"""Import a past committee report: read and check the file, show what was recognised, and on
the officer's confirmation write it, all or nothing, as a read-only report of kind "imported"
with its meeting, its period, its original file and the history events the officer accepted.

The import page and ``headway import report`` both call these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from headway import clock
from headway.accounts.models import Membership
from headway.committee.committees import save_committee
from headway.committee.models import (
    Committee,
    Meeting,
    Report,
    ReportParagraph,
    ReportSection,
    ReportSource,
)
from headway.committee.past.events import ORGANISATION, STRATEGY, ProposedEvent, propose_events
from headway.committee.past.parsing import ParsedReport, parse_report
from headway.committee.past.reading import ReportFileRefused, read_lines
from headway.dataio.models import Upload, forget_stale_uploads
from headway.dataio.uploads import check_may_import
from headway.lib.fy import Quarter
from headway.organisation.changes import ChangeDetails, record_change
from headway.organisation.models import OrganisationalChange
from headway.progress.models import ReportingPeriod
from headway.search.sources import index_report
from headway.strategy.current import current_strategy
from headway.strategy.history import EventDetails, record_event
from headway.strategy.models import Organisation, Strategy, StrategyEvent

__all__ = [
    "Decisions",
    "EventDecision",
    "Reading",
    "ReportFileRefused",
    "confirm",
    "find",
    "read",
    "receive",
]

CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}
DISCARD = "discard"


@dataclass(frozen=True)
class Proposal:
    number: int
    event: ProposedEvent
    # The same kind of event on the same day is already in the history.
    already_recorded: bool


@dataclass(frozen=True)
class Reading:
    """What the file holds, and what it matches in Headway."""

    filename: str
    parsed: ParsedReport
    proposals: list[Proposal]
    committee: Committee | None
    period: ReportingPeriod | None
    strategy: Strategy | None

    @property
    def section_choices(self) -> list[tuple[str, str]]:
        """Where an unplaced paragraph may go: the end of one of the recognised sections."""
        return [(s.key, s.title) for s in self.parsed.sections]


@dataclass(frozen=True)
class EventDecision:
    accept: bool
    kind: str
    day: date | None
    text: str


@dataclass(frozen=True)
class Decisions:
    """What the officer confirms: the header as corrected, the quarter, where each unplaced
    paragraph goes (a section's key, or ``DISCARD``), and each proposed event's fate."""

    committee: str
    meeting_date: date | None
    subject: str
    author_name: str
    author_title: str
    author_contact: str
    financial_summary: str
    quarter: Quarter | None
    unplaced: list[str] = field(default_factory=list)
    events: list[EventDecision] = field(default_factory=list)
    # Whether it was a public paper (presented in public at the meeting): then it is
    # published, read by everyone as a published report is; if not (exempt), staff only.
    published: bool = True


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def match_committee(organisation: Organisation, name: str) -> Committee | None:
    """The committee the report names, however it capitalises or spaces the name
    ("ONESOURCE JOINT COMMITTEE" is the oneSource Joint Committee)."""
    wanted = _normal(name)
    if not wanted:
        return None
    return next(
        (
            c
            for c in Committee.objects.filter(organisation=organisation)
            if _normal(c.name) == wanted
        ),
        None,
    )


def _period(organisation: Organisation, quarter: Quarter | None) -> ReportingPeriod | None:
    if quarter is None:
        return None
    return ReportingPeriod.objects.filter(
        organisation=organisation, year=quarter.year, quarter=quarter.number
    ).first()


def strategy_for(organisation: Organisation, quarter: Quarter | None) -> Strategy | None:
    """The strategy the report is about: the one running in its quarter, else the current."""
    if quarter is not None:
        running = (
            Strategy.objects.filter(
                organisation=organisation,
                first_year__lte=quarter.year,
                last_year__gte=quarter.year,
            )
            .order_by("-first_year", "-pk")
            .first()
        )
        if running is not None:
            return running
    return current_strategy(organisation)


def _already(organisation: Organisation, strategy: Strategy | None, event: ProposedEvent) -> bool:
    if event.day is None:
        return False
    if event.target == STRATEGY:
        return strategy is not None and (
            StrategyEvent.objects.filter(
                strategy=strategy, kind=event.kind, date=event.day
            ).exists()
        )
    return OrganisationalChange.objects.filter(
        organisation=organisation, kind=event.kind, date=event.day
    ).exists()


def read_file(organisation: Organisation, filename: str, data: bytes) -> Reading:
    """Read the file; ``ReportFileRefused`` says why one cannot be read as a report."""
    parsed = parse_report(filename, read_lines(filename, data))
    strategy = strategy_for(organisation, parsed.quarter)
    proposals = [
        Proposal(i, event, _already(organisation, strategy, event))
        for i, event in enumerate(propose_events(parsed), start=1)
    ]
    return Reading(
        filename,
        parsed,
        proposals,
        match_committee(organisation, parsed.committee),
        _period(organisation, parsed.quarter),
        strategy,
    )


def proposed_decisions(reading: Reading) -> Decisions:
    """The decisions as the file suggests them: its header, its quarter, the unplaced
    paragraphs discarded, and every new, dated event accepted."""
    parsed = reading.parsed
    committee = reading.committee.name if reading.committee else parsed.committee
    return Decisions(
        committee=committee,
        meeting_date=parsed.meeting_date,
        subject=parsed.subject,
        author_name=parsed.author_name,
        author_title=parsed.author_title,
        author_contact=parsed.author_contact,
        financial_summary=parsed.financial_summary or "Not applicable",
        quarter=parsed.quarter,
        unplaced=[DISCARD] * len(parsed.unplaced),
        events=[
            EventDecision(
                accept=p.event.day is not None and not p.already_recorded,
                kind=p.event.kind,
                day=p.event.day,
                text=p.event.sentence,
            )
            for p in reading.proposals
        ],
    )


# The upload, held between the preview and the confirmation --------------------------------


def receive(membership: Membership, filename: str, data: bytes) -> tuple[Upload, Reading]:
    """Check the file (``ReportFileRefused`` if it is not a report) and hold it for its
    preview."""
    check_may_import(membership)
    reading = read_file(membership.organisation, filename, data)
    forget_stale_uploads()
    upload = Upload.objects.create(
        organisation=membership.organisation,
        kind=Upload.Kind.REPORT,
        filename=filename[:255],
        content=data,
        size=len(data),
        uploaded_by=membership.user,
    )
    return upload, reading


def find(token: str, membership: Membership) -> Upload | None:
    """The report upload the token names, if it is this person's and still in time."""
    check_may_import(membership)
    upload_id = Upload.from_token(token)
    if upload_id is None:
        return None
    return Upload.objects.filter(
        pk=upload_id,
        organisation=membership.organisation,
        uploaded_by=membership.user,
        kind=Upload.Kind.REPORT,
    ).first()


def read(upload: Upload) -> Reading:
    return read_file(upload.organisation, upload.filename, bytes(upload.content))


def imported_report(upload: Upload) -> Report | None:
    """The report an upload became, once confirmed."""
    pk = (upload.summary or {}).get("report")
    return Report.objects.filter(pk=pk).first() if pk else None


# Confirmation ------------------------------------------------------------------------------


def _check(reading: Reading, decisions: Decisions) -> None:
    errors: dict[str, str] = {}
    if not decisions.committee.strip():
        errors["committee"] = "Enter the committee the report went to"
    if decisions.meeting_date is None:
        errors["meeting_date"] = "Enter the date of the meeting, for example 11 March 2022"
    if not decisions.subject.strip():
        errors["subject"] = "Enter the report's subject heading"
    if not decisions.author_name.strip():
        errors["author_name"] = "Enter the name of the report's author"
    if decisions.quarter is None:
        errors["quarter"] = "Enter the quarter the report covers, for example 2021-22 Q3"
    elif decisions.meeting_date and decisions.meeting_date <= decisions.quarter.last_day:
        errors["quarter"] = (
            f"{decisions.quarter.label} ends on {decisions.quarter.last_day:%-d %B %Y}, after the "
            "meeting: choose the quarter the report covers"
        )
    keys = {key for key, _ in reading.section_choices}
    for i, where in enumerate(decisions.unplaced, start=1):
        if where != DISCARD and where not in keys:
            errors[f"unplaced-{i}"] = "Choose a section for this text, or discard it"
    for proposal, decision in zip(reading.proposals, decisions.events, strict=True):
        if not decision.accept:
            continue
        name = f"event-{proposal.number}"
        if decision.day is None:
            errors[f"{name}-date"] = "Enter the date it happened, or reject the event"
        if not decision.text.strip():
            errors[f"{name}-text"] = "Enter what the history should say, or reject the event"
        if proposal.event.target == STRATEGY and reading.strategy is None:
            errors[name] = "There is no strategy to record it in: reject it, or add the strategy"
    if errors:
        raise ValidationError(errors)


def _meeting(organisation: Organisation, decisions: Decisions) -> Meeting:
    assert decisions.meeting_date is not None
    committee = match_committee(organisation, decisions.committee) or save_committee(
        organisation, None, decisions.committee
    )
    meeting, _ = Meeting.objects.get_or_create(committee=committee, date=decisions.meeting_date)
    return meeting


def _period_for(organisation: Organisation, quarter: Quarter) -> ReportingPeriod:
    """The quarter's period; a quarter from before Headway was used is added, closed."""
    period = _period(organisation, quarter)
    if period is None:
        period = ReportingPeriod.objects.create(
            organisation=organisation,
            year=quarter.year,
            quarter=quarter.number,
            state=ReportingPeriod.State.CLOSED,
        )
    return period


def _slug(meeting: Meeting, period: ReportingPeriod) -> str:
    base = slugify(f"{meeting.committee.slug}-{meeting.date:%Y-%m-%d}-imported-{period.slug}")[:110]
    slug, n = base, 2
    while Report.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _write_sections(report: Report, reading: Reading, decisions: Decisions) -> None:
    paragraphs = {s.key: [(p.label, p.text) for p in s.paragraphs] for s in reading.parsed.sections}
    for unplaced, where in zip(reading.parsed.unplaced, decisions.unplaced, strict=True):
        if where != DISCARD:
            paragraphs[where].append(("", unplaced.text))
    for position, section in enumerate(reading.parsed.sections, start=1):
        row = ReportSection.objects.create(
            report=report,
            key=section.key,
            title=section.title,
            position=position,
            numbered=section.numbered,
        )
        ReportParagraph.objects.bulk_create(
            ReportParagraph(
                section=row,
                position=i,
                label=label,
                text=text,
                drafted_text=text,
                draft_key="imported",
            )
            for i, (label, text) in enumerate(paragraphs[section.key], start=1)
        )


def _write_events(
    organisation: Organisation,
    reading: Reading,
    decisions: Decisions,
    membership: Membership,
    meeting: Meeting,
) -> int:
    written = 0
    for proposal, decision in zip(reading.proposals, decisions.events, strict=True):
        if not decision.accept or decision.day is None:
            continue
        try:
            if proposal.event.target == ORGANISATION:
                record_change(
                    organisation,
                    ChangeDetails(decision.day, decision.kind, decision.text),
                    membership.user,
                )
            else:
                assert reading.strategy is not None
                at = Meeting.objects.filter(committee=meeting.committee, date=decision.day).first()
                record_event(
                    reading.strategy,
                    EventDetails(decision.day, decision.kind, decision.text, at),
                    membership,
                )
        except ValidationError as error:
            # The history's own rules refused it: say so beside the event's fields.
            name = f"event-{proposal.number}"
            raise ValidationError(
                {f"{name}-{key}": messages for key, messages in error.message_dict.items()}
            ) from None
        written += 1
    return written


def confirm(upload: Upload, membership: Membership, decisions: Decisions) -> Report:
    """Write the report, its meeting and period if missing, its original file and the
    accepted events, in one transaction. Confirming twice (a double click) imports once."""
    check_may_import(membership)
    organisation = membership.organisation
    with transaction.atomic():
        locked = Upload.objects.select_for_update().get(pk=upload.pk)
        if not locked.is_waiting:
            done = imported_report(locked)
            if done is not None:
                return done
        reading = read(locked)
        _check(reading, decisions)
        assert decisions.quarter is not None
        meeting = _meeting(organisation, decisions)
        period = _period_for(organisation, decisions.quarter)
        if Report.objects.filter(
            meeting=meeting, period=period, kind=Report.Kind.IMPORTED
        ).exists():
            raise ValidationError(
                {
                    "meeting_date": f"{meeting} already has an imported report for "
                    f"{period.label}: this report may have been imported already"
                }
            )
        report = Report(
            meeting=meeting,
            period=period,
            kind=Report.Kind.IMPORTED,
            state=Report.State.PUBLISHED if decisions.published else Report.State.APPROVED,
            published_at=clock.now() if decisions.published else None,
            published_by=membership.user if decisions.published else None,
            subject_heading=decisions.subject.strip()[:250],
            author_name=decisions.author_name.strip()[:200],
            author_title=decisions.author_title.strip()[:200],
            author_contact=decisions.author_contact.strip()[:200],
            financial_summary=(decisions.financial_summary.strip() or "Not applicable")[:500],
            slug=_slug(meeting, period),
        )
        report._history_user = membership.user  # type: ignore[attr-defined]
        report.full_clean(exclude=["snapshot"])
        report.save()
        _write_sections(report, reading, decisions)
        # bulk_create saved the paragraphs without signals: index them now, in the same
        # transaction, so the report is found as soon as it is imported.
        index_report(report.pk)
        data = bytes(locked.content)
        suffix = "." + locked.filename.rsplit(".", 1)[-1].casefold()
        ReportSource.objects.create(
            report=report,
            filename=locked.filename,
            content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
            content=data,
            size=len(data),
            imported_by=membership.user,
        )
        events = _write_events(organisation, reading, decisions, membership, meeting)
        locked.state = Upload.State.IMPORTED
        locked.imported_at = report.created_at
        locked.summary = {"report": report.pk, "events": events}
        locked.content = b""
        locked.save()
    return report
