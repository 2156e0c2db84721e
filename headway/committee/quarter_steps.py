"""Where a quarter's end stands, step by step: the quarter's page and the home page read it.

Six steps, in order: the returns come in, the quarter is closed, the report is drafted, a
reviewer approves it, its pack is generated, it is published. Each step's status is worked
out from the data every time (never stored), with what it waits on and the one screen where
it is done, so the page cannot say a step is done when it is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from django.core.exceptions import ValidationError
from django.urls import reverse

from headway import clock
from headway.committee.drafting import closed_since_drafted
from headway.committee.models import Pack, Redraft, Report
from headway.committee.packs import packs_since_approval
from headway.committee.reports import find_committee, next_meeting
from headway.committee.snapshot import changed_since
from headway.jinja import format_moment
from headway.lib.words import join_words
from headway.progress.dashboard import Headline, period_headline
from headway.progress.models import PeriodEvent, ReportingPeriod, Update

# How many of the returns left out of the figures the close step names before "and n more".
LISTED_RETURNS = 5


class Status(Enum):
    """The GOV.UK task list's statuses, and the tag each shows with ("" for plain text)."""

    COMPLETED = ("Completed", "")
    IN_PROGRESS = ("In progress", "govuk-tag--light-blue")
    NOT_STARTED = ("Not yet started", "govuk-tag--blue")
    CANNOT_START = ("Cannot start yet", "")
    OUT_OF_DATE = ("Out of date", "govuk-tag--orange")
    PROBLEM = ("There is a problem", "govuk-tag--red")
    WITHDRAWN = ("Withdrawn", "govuk-tag--grey")

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def tag(self) -> str:
        return self.value[1]

    @property
    def is_done(self) -> bool:
        return self in (Status.COMPLETED, Status.WITHDRAWN)


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    status: Status
    # What the step waits on, or how it went: one sentence.
    summary: str
    # More to read: a reviewer's comments, the returns left out, a reason.
    details: tuple[str, ...] = ()
    # The one screen where the step is done; None while it cannot be started.
    href: str | None = None
    # Work the task worker is doing for the step (a redraft, a pack), and where its page's
    # script asks how far it has got.
    work: Pack | Redraft | None = None
    status_url: str | None = None


@dataclass(frozen=True)
class QuarterSteps:
    period: ReportingPeriod
    headline: Headline
    report: Report | None
    steps: list[Step] = field(default_factory=list)
    # Once published: the address to send to the committee clerk.
    public_address: str | None = None
    # Overdue returns to chase from the page (the period is open and past its deadline).
    may_chase: bool = False
    # The officer may ask for approval from the page.
    may_ask_for_approval: bool = False

    @property
    def working(self) -> bool:
        """Whether the task worker is doing a step's work: the page then looks again."""
        return any(step.work is not None for step in self.steps)

    @property
    def next_step(self) -> Step | None:
        """The first step not done: the one the officer (or a reviewer) is to do now."""
        return next((step for step in self.steps if not step.status.is_done), None)

    def step(self, key: str) -> Step:
        return next(step for step in self.steps if step.key == key)


def _moment(value: datetime | None) -> str:
    if value is None:
        return "an unknown time"
    return format_moment(value)


def _returns(count: int) -> str:
    return f"{count} return" if count == 1 else f"{count} returns"


def the_report(period: ReportingPeriod) -> Report | None:
    """The period's report: the one Headway drafted for its latest meeting (normally its only one).

    A past report imported for the same quarter is history, not a step of this quarter's end.
    """
    return (
        Report.objects.filter(period=period, kind=Report.Kind.DRAFTED)
        .select_related("meeting__committee", "snapshot", "approved_by", "published_by")
        .defer("snapshot__data")
        .order_by("-meeting__date", "-pk")
        .first()
    )


def _last_event(period: ReportingPeriod, kind: str, since: datetime | None) -> PeriodEvent | None:
    events = PeriodEvent.objects.filter(period=period, kind=kind).select_related("by")
    if since is not None:
        events = events.filter(at__gte=since)
    return events.order_by("-at", "-id").first()


def quarter_steps(
    period: ReportingPeriod,
    today: date | None = None,
    public_address: str = "",
    headline: Headline | None = None,
) -> QuarterSteps:
    """Every step of the quarter's end as the data says it stands.

    ``public_address`` is the published report's address as the request sees it (the site's
    own name); the relative path is used without it. ``headline`` is the period's, when the
    caller read it already (the home page does, for its cycle card): it is not counted twice.
    """
    today = today or clock.today()
    headline = headline or period_headline(period, today)
    report = the_report(period)
    redraft = (
        Redraft.objects.filter(report=report).order_by("-requested_at", "-id").first()
        if report is not None
        else None
    )
    pack = (
        packs_since_approval(report).first()
        if report is not None and _is_approved(report)
        else None
    )
    asked = _asked(period, report)
    steps = [
        _returns_step(period, headline),
        _close_step(period, headline),
        _report_step(period, report, redraft),
        _approval_step(period, report, asked),
        _pack_step(report, pack),
        _publication_step(report, pack),
    ]
    address = None
    if report is not None and report.state in Report.LOCKED_STATES:
        address = public_address or reverse("committee:published_report", args=[report.slug])
    return QuarterSteps(
        period=period,
        headline=headline,
        report=report,
        steps=steps,
        public_address=address,
        may_chase=bool(period.is_open and headline.overdue),
        may_ask_for_approval=bool(
            period.is_closed
            and report is not None
            and report.state == Report.State.DRAFT
            and report.snapshot_id is not None
            and asked is None
        ),
    )


def _is_approved(report: Report | None) -> bool:
    return report is not None and report.state != Report.State.DRAFT


def _asked(period: ReportingPeriod, report: Report | None) -> PeriodEvent | None:
    """The request for approval the draft is waiting on: one made since the report was
    started and since a reviewer last returned it."""
    if report is None or report.state != Report.State.DRAFT:
        return None
    since = max(filter(None, [report.created_at, report.returned_at]))
    return _last_event(period, PeriodEvent.Kind.ASKED, since)


def _returns_step(period: ReportingPeriod, h: Headline) -> Step:
    title = "Get the returns in"
    href = reverse("progress:period_dashboard", args=[period.slug])
    counts = f"{h.approved} of {_returns(h.total)} approved"
    if period.state == ReportingPeriod.State.UPCOMING:
        return Step("returns", title, Status.CANNOT_START, "Returns are written once it opens.")
    if period.is_closed:
        left_out = h.total - h.approved
        summary = f"{counts} when the quarter closed."
        if left_out:
            summary += f" {_returns(left_out)} left out of the figures."
        return Step("returns", title, Status.COMPLETED, summary, href=href)
    if h.total and h.approved == h.total:
        return Step("returns", title, Status.COMPLETED, f"All {counts}.", href=href)
    summary = f"{counts}, {h.overdue} overdue."
    waiting = []
    if h.submitted:
        waiting.append(f"{h.submitted} to be reviewed")
    if h.outstanding:
        waiting.append(f"{h.outstanding} to be sent by their owners")
    details = (f"Waiting for {join_words(waiting)}.",) if waiting else ()
    return Step("returns", title, Status.IN_PROGRESS, summary, details, href=href)


def _not_approved(period: ReportingPeriod) -> list[Update]:
    return list(
        period.updates.exclude(state=Update.State.APPROVED)
        .select_related("initiative")
        .order_by("initiative__title", "pk")[: LISTED_RETURNS + 1]
    )


def _close_step(period: ReportingPeriod, h: Headline) -> Step:
    title = "Close the quarter"
    if period.is_closed:
        event = _last_event(period, PeriodEvent.Kind.CLOSED, None)
        by = f" by {event.by}" if event and event.by else ""
        summary = f"Closed{by} at {_moment(event.at if event else None)}."
        details = (f"Reason: {event.reason}",) if event and event.reason else ()
        return Step("close", title, Status.COMPLETED, summary, details)
    if not period.is_open:
        return Step("close", title, Status.CANNOT_START, "The quarter is not open yet.")
    href = reverse("progress:close_period", args=[period.slug])
    freezes = "Closing freezes every return and stops the reminders."
    left_out = h.total - h.approved
    if not left_out:
        return Step(
            "close", title, Status.NOT_STARTED, f"Every return is approved. {freezes}", href=href
        )
    listed = _not_approved(period)
    names = [u.initiative.title for u in listed[:LISTED_RETURNS]]
    more = left_out - len(names)
    if more > 0:
        names.append(f"{more} more")
    return Step(
        "close",
        title,
        Status.NOT_STARTED,
        f"{freezes} {_returns(left_out)} not approved would be left out of the figures, "
        "and closing would need a reason.",
        (f"Not approved: {join_words(names)}.",),
        href=href,
    )


def _why_no_report(period: ReportingPeriod) -> str:
    try:
        next_meeting(find_committee(period), period)
    except ValidationError as error:
        return " ".join(error.messages)
    return "It has not been started: start it from Committee reports."


def _report_step(period: ReportingPeriod, report: Report | None, redraft: Redraft | None) -> Step:
    title = "Draft the report"
    if not period.is_closed:
        details: tuple[str, ...] = ()
        if report is not None and report.snapshot is not None:
            details = (
                f"A draft for the {report.meeting} meeting has figures frozen at "
                f"{_moment(report.snapshot.taken_at)}; closing redrafts it, keeping any "
                "changes made to it.",
            )
        return Step(
            "report",
            title,
            Status.CANNOT_START,
            "Drafted for the committee's next meeting when the quarter closes.",
            details,
        )
    if report is None:
        return Step(
            "report",
            title,
            Status.PROBLEM,
            f"No report was drafted. {_why_no_report(period)}",
            href=reverse("committee:reports"),
        )
    href = reverse("committee:report", args=[report.pk])
    for_meeting = f"For the {report.meeting} meeting"
    drafting = redraft is not None and (
        report.snapshot is None or redraft.requested_at >= report.snapshot.taken_at
    )
    if redraft is not None and drafting and not redraft.finished:
        return Step(
            "report",
            title,
            Status.IN_PROGRESS,
            f"{for_meeting}: {redraft.get_state_display().lower()}.",
            href=reverse("committee:redraft_progress", args=[report.pk, redraft.pk]),
            work=redraft,
            status_url=reverse("committee:redraft_status", args=[report.pk, redraft.pk]),
        )
    if redraft is not None and drafting and redraft.state == Redraft.State.FAILED:
        return Step(
            "report",
            title,
            Status.PROBLEM,
            f"{for_meeting}: drafting failed. Try again from the report's page.",
            (redraft.error,),
            href=href,
        )
    if report.snapshot is None:
        return Step(
            "report", title, Status.NOT_STARTED, f"{for_meeting}: not drafted yet.", href=href
        )
    frozen = f"figures frozen at {_moment(report.snapshot.taken_at)}"
    if report.state in Report.LOCKED_STATES:
        return Step("report", title, Status.COMPLETED, f"{for_meeting}, from {frozen}.", href=href)
    closed = closed_since_drafted(report)
    if closed is not None:
        return Step(
            "report",
            title,
            Status.OUT_OF_DATE,
            f"{for_meeting}: its {frozen}, before the quarter closed at {_moment(closed)}. "
            "Refresh them on the report's page.",
            href=href,
        )
    if changed_since(report.snapshot):
        again = (
            "Refresh them on the report's page."
            if report.is_editable
            else "Reopen it to refresh them, or publish it as approved."
        )
        return Step(
            "report",
            title,
            Status.OUT_OF_DATE,
            f"{for_meeting}: something it uses has changed since its {frozen}. {again}",
            href=href,
        )
    return Step("report", title, Status.COMPLETED, f"{for_meeting}, from {frozen}.", href=href)


def _approval_step(
    period: ReportingPeriod, report: Report | None, asked: PeriodEvent | None
) -> Step:
    title = "Get the report approved"
    if report is None or report.snapshot_id is None or not period.is_closed:
        return Step(
            "approval", title, Status.CANNOT_START, "A reviewer approves it once it is drafted."
        )
    href = reverse("committee:report", args=[report.pk])
    if report.state != Report.State.DRAFT:
        by = report.approved_by or "a former user"
        return Step(
            "approval",
            title,
            Status.COMPLETED,
            f"Approved by {by} at {_moment(report.approved_at)}.",
            href=href,
        )
    if asked is not None:
        return Step(
            "approval",
            title,
            Status.IN_PROGRESS,
            f"With the reviewers since {_moment(asked.at)}: {asked.reason}",
            href=href,
        )
    if report.is_returned:
        by = report.returned_by or "a former user"
        return Step(
            "approval",
            title,
            Status.IN_PROGRESS,
            f"Returned by {by} at {_moment(report.returned_at)} with comments: change the "
            "draft, then ask again.",
            (report.return_comment,),
            href=href,
        )
    return Step(
        "approval",
        title,
        Status.NOT_STARTED,
        "Read the draft, then ask the reviewers to approve it.",
        href=href,
    )


def _pack_step(report: Report | None, pack: Pack | None) -> Step:
    title = "Generate the committee pack"
    if report is None or not _is_approved(report):
        return Step(
            "pack", title, Status.CANNOT_START, "Generated by itself when the report is approved."
        )
    if pack is None:
        return Step(
            "pack",
            title,
            Status.NOT_STARTED,
            "No pack since the report was approved: generate it from the report's page.",
            href=reverse("committee:report", args=[report.pk]),
        )
    href = reverse("committee:pack", args=[report.pk, pack.pk])
    if pack.state == Pack.State.DONE:
        return Step(
            "pack",
            title,
            Status.COMPLETED,
            "Ready: the Word report, the PowerPoint appendix, the web page, the PDF and the data.",
            href=href,
        )
    if pack.state == Pack.State.FAILED:
        return Step(
            "pack",
            title,
            Status.PROBLEM,
            "Generating the pack failed: try again from the report's page.",
            (pack.error,),
            href=href,
        )
    return Step(
        "pack",
        title,
        Status.IN_PROGRESS,
        f"{pack.get_state_display()}: {pack.step or 'waiting for the task worker'}.",
        href=href,
        work=pack,
        status_url=reverse("committee:pack_status", args=[report.pk, pack.pk]),
    )


def _publication_step(report: Report | None, pack: Pack | None) -> Step:
    title = "Publish the report"
    if report is None or not _is_approved(report):
        return Step(
            "publication", title, Status.CANNOT_START, "Published once the report is approved."
        )
    if report.state == Report.State.PUBLISHED:
        by = f" by {report.published_by}" if report.published_by else ""
        return Step(
            "publication",
            title,
            Status.COMPLETED,
            f"Published{by} at {_moment(report.published_at)}.",
        )
    if report.state == Report.State.WITHDRAWN:
        return Step(
            "publication",
            title,
            Status.WITHDRAWN,
            f"Withdrawn at {_moment(report.withdrawn_at)}.",
            (report.withdrawal_reason,),
        )
    ready = pack is not None and pack.state == Pack.State.DONE
    return Step(
        "publication",
        title,
        Status.NOT_STARTED,
        "Approved and ready to publish."
        if ready
        else "Approved: it can be published now; readers get the pack once it is ready.",
        href=reverse("committee:publish", args=[report.pk]) + "?from=quarter",
    )
