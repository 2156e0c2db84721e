"""Three quarters of returns: 2021-22 Q1 and Q2 closed and approved, Q3 open and part done.

The periods of 2020-21 Q1 to Q3 are there too, closed, for last year's performance figures
(``headway.demo.indicators``): returns were still collected by spreadsheet then."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from headway.accounts.models import User
from headway.demo.people import lead_of
from headway.demo.plan import AS_OF, InitiativePlan
from headway.demo.records import upsert
from headway.demo.returns import write_return
from headway.lib.fy import Quarter
from headway.progress.lifecycle import PREFILLED_FIELDS
from headway.progress.milestone_dates import MilestoneDates
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.progress.models.latest import deferred_refresh
from headway.progress.models.status import ensure_status_scale
from headway.strategy.models import Initiative, Milestone, Organisation

LONDON = ZoneInfo("Europe/London")
State = Update.State

PERIODS = (
    (Quarter(2020, 1), ReportingPeriod.State.CLOSED, date(2020, 7, 17)),
    (Quarter(2020, 2), ReportingPeriod.State.CLOSED, date(2020, 10, 16)),
    (Quarter(2020, 3), ReportingPeriod.State.CLOSED, date(2021, 1, 15)),
    (Quarter(2021, 1), ReportingPeriod.State.CLOSED, date(2021, 7, 16)),
    (Quarter(2021, 2), ReportingPeriod.State.CLOSED, date(2021, 10, 15)),
    (Quarter(2021, 3), ReportingPeriod.State.OPEN, date(2022, 1, 14)),
)
OPEN_QUARTER = Quarter(2021, 3)
DEADLINES = {quarter: deadline for quarter, _, deadline in PERIODS}

# Where the open quarter's returns stand; every other return in it is approved.
SUBMITTED = ("EXT-002", "PAY-002", "AM-002", "PRO-002", "LEG-005", "HR-004")
RETURNED = {
    "FIN-004": "Please say what the pilot with budget holders found, and when the reports "
    "will be available to all of them.",
    "ICT-003": "The status is Amber but there is no new date: when will the contact centre "
    "migration be re-planned, and who is agreeing it with Havering?",
}
DRAFT = ("FIN-006", "LEG-003", "BS-003")
NOT_STARTED = ("EXT-004", "HR-006", "IA-005", "BS-005")


def load_progress(
    organisation: Organisation,
    plans: tuple[InitiativePlan, ...],
    initiatives: dict[str, Initiative],
    users: dict[str, User],
) -> dict[Quarter, ReportingPeriod]:
    scale = ensure_status_scale(organisation)
    values = {value.code: value for value in scale.values.select_related("scale")}
    periods: dict[Quarter, ReportingPeriod] = {}
    for quarter, _, deadline in PERIODS:
        period, _ = ReportingPeriod.objects.get_or_create(
            organisation=organisation,
            year=quarter.year,
            quarter=quarter.number,
            defaults={"state": ReportingPeriod.State.UPCOMING, "deadline": deadline},
        )
        # A closed period refuses every change, so the demo thaws its periods while it puts
        # their returns back, then closes them again. Only the demo loader may do this.
        ReportingPeriod.objects.filter(pk=period.pk).update(state=ReportingPeriod.State.UPCOMING)
        period.state = ReportingPeriod.State.UPCOMING
        periods[quarter] = period
    # One refresh of the initiatives' latest status at the end, not one per return.
    with deferred_refresh():
        for index, plan in enumerate(plans):
            spec = plan.spec
            initiative = initiatives[spec.reference]
            writer = initiative.owner or users[lead_of(spec.service_code)]
            previous: Update | None = None
            milestones = list(initiative.milestones.all())
            for quarter, status in sorted(plan.statuses.items()):
                fields = _update(index, plan, quarter, values[status], writer, users["reviewer"])
                fields["milestone_dates"] = _milestones_as_reported(plan, quarter, milestones)
                _start_from(previous, fields)
                update = upsert(
                    Update, {"initiative": initiative, "period": periods[quarter]}, fields
                )
                if update.state == State.APPROVED:
                    previous = update
    for quarter, state, deadline in PERIODS:
        ReportingPeriod.objects.filter(pk=periods[quarter].pk).update(
            state=state, deadline=deadline
        )
        periods[quarter].refresh_from_db()
    return periods


def _update(
    index: int,
    plan: InitiativePlan,
    quarter: Quarter,
    status: StatusValue,
    writer: User,
    reviewer: User,
) -> dict[str, object]:
    reference = plan.spec.reference
    text = write_return(index, plan, quarter, status.code)
    if quarter == OPEN_QUARTER:
        state = _open_state(reference)
        # Returns come in over the week before the demo's today.
        submitted = _at(AS_OF - timedelta(days=3 + index % 5), index)
        is_late = False
    else:
        state = State.APPROVED
        # Most returns come in the week before the deadline; a few arrive late.
        deadline = DEADLINES[quarter]
        is_late = index % 9 == 4
        early, late = timedelta(days=index % 6), timedelta(days=1 + index % 3)
        submitted = _at(deadline + late if is_late else deadline - early, index)
    values: dict[str, object] = {
        "status": status,
        "narrative": text.narrative,
        "achievements": text.achievements,
        "next_steps": text.next_steps,
        "risks": text.risks,
        "percent_complete": text.percent_complete,
        "completed_on": plan.completed_on if status.means_complete else None,
        "state": state,
        "is_late": is_late,
        "review_comment": RETURNED.get(reference, "") if state == State.RETURNED else "",
        "submitted_at": None,
        "submitted_by": None,
        "reviewed_at": None,
        "reviewed_by": None,
    }
    if state != State.DRAFT:
        values |= {"submitted_at": submitted, "submitted_by": writer}
    if state in (State.APPROVED, State.RETURNED):
        wait = timedelta(days=1 if quarter == OPEN_QUARTER else 3)
        reviewed = _at(submitted.date() + wait, index + 5)
        values |= {"reviewed_at": reviewed, "reviewed_by": reviewer}
    # Someone first saved it a couple of days before submitting; untouched returns are not
    # started (the task list and the dashboard tell the two apart by this).
    values["started_at"] = submitted - timedelta(days=2)
    if reference in NOT_STARTED and quarter == OPEN_QUARTER:
        values |= {key: "" for key in ("narrative", "achievements", "next_steps", "risks")}
        values |= {"status": None, "percent_complete": None, "started_at": None}
    elif state == State.DRAFT:
        # Half written: the progress so far; the rest is still last quarter's, as pre-filled.
        values |= {"achievements": "", "next_steps": "", "percent_complete": None}
    return values


def _milestones_as_reported(
    plan: InitiativePlan, quarter: Quarter, milestones: list[Milestone]
) -> MilestoneDates:
    """The milestone dates a quarter's return reported: its latest return reports them as
    they are; an earlier one, the milestones completed by the end of its quarter, and a new
    forecast only if the initiative's status has not moved since (a slip comes with a change
    of status, so the reviewer sees the date move in the return that turned it)."""
    latest = max(plan.statuses)
    settled = plan.statuses[quarter] == plan.statuses[latest]
    return {
        str(m.pk): {
            "forecast": m.forecast.isoformat()
            if m.forecast and (quarter == latest or settled)
            else None,
            "completed_on": m.completed_on.isoformat()
            if m.completed_on and (quarter == latest or m.completed_on <= quarter.last_day)
            else None,
        }
        for m in milestones
    }


def _start_from(previous: Update | None, fields: dict[str, object]) -> None:
    """Link a return to last quarter's approved one, as opening a period does, and keep the
    text it was pre-filled with wherever a draft has not been rewritten yet."""
    fields["previous"] = previous
    if previous is None or fields["state"] != State.DRAFT:
        return
    for name in PREFILLED_FIELDS:
        field = name.removesuffix("_id")
        if fields[field] in ("", None):
            fields[field] = getattr(previous, field)


def _open_state(reference: str) -> State:
    if reference in SUBMITTED:
        return State.SUBMITTED
    if reference in RETURNED:
        return State.RETURNED
    if reference in DRAFT or reference in NOT_STARTED:
        return State.DRAFT
    return State.APPROVED


def _at(day: date, index: int) -> datetime:
    """A working-hours time on ``day`` (or the Monday after a weekend) that differs from one
    return to the next."""
    if day.weekday() >= 5:
        day += timedelta(days=7 - day.weekday())
    minutes = 9 * 60 + (index * 37) % (8 * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=LONDON)
