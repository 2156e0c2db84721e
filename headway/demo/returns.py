"""What a service writes in its quarterly return, worded from the plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from headway.demo.catalogue import Kind, Status
from headway.demo.plan import DEPRIORITISED_ON, HELD_FROM, InitiativePlan, MilestonePlan
from headway.lib.fy import Quarter

# (risk, what is being done about it): the usual troubles of a shared back office.
RISKS = (
    (
        "Supplier resources have been stretched and configuration is behind plan",
        "a recovery plan has been agreed with the supplier, with weekly checkpoints",
    ),
    (
        "Key staff were redeployed to the councils' pandemic response",
        "backfill has been agreed with both councils and the timetable re-planned",
    ),
    (
        "Testing found data quality problems in the source systems",
        "service teams are cleansing the data before the next test cycle",
    ),
    (
        "Delivery depends on changes the councils are making to their own systems",
        "joint planning with Newham and Havering leads now meets every fortnight",
    ),
    (
        "Recruitment to two vacant posts has been slow",
        "interim staff are in place while a recruitment campaign runs",
    ),
    (
        "Costs are forecast to exceed the approved budget",
        "options to reduce the scope are going to the programme board",
    ),
    (
        "Decisions are needed from both councils' governance",
        "reports are scheduled for the next cabinet cycle in each council",
    ),
)

PARTNERS = {"N": "Newham", "H": "Havering", "NH": "Newham and Havering"}


@dataclass(frozen=True)
class ReturnText:
    narrative: str
    achievements: str
    next_steps: str
    risks: str
    percent_complete: int | None


def write_return(index: int, plan: InitiativePlan, quarter: Quarter, status: str) -> ReturnText:
    """The return for ``quarter``; ``index`` picks the risk, so neighbours differ."""
    return ReturnText(
        narrative=_narrative(plan, quarter, status),
        achievements=_achievements(plan, quarter, status),
        next_steps=_next_steps(plan, quarter, status),
        risks=_risks(index, plan, quarter, status),
        percent_complete=_percent(plan, quarter, status),
    )


def _done_in(plan: InitiativePlan, quarter: Quarter) -> list[MilestonePlan]:
    return [m for m in plan.milestones if m.completed_on and quarter.contains(m.completed_on)]


def _next(plan: InitiativePlan, quarter: Quarter) -> MilestonePlan | None:
    pending = [m for m in plan.milestones if not m.done_by(quarter.last_day)]
    return min(pending, key=lambda m: m.expected) if pending else None


def _expected(milestone: MilestonePlan, status: str) -> date:
    """When the return expects the milestone: on time while green, else as now forecast."""
    return milestone.due if status == "green" else milestone.forecast or milestone.due


def _progress(plan: InitiativePlan, quarter: Quarter, status: str) -> str:
    done = _done_in(plan, quarter)
    if done:
        return f"“{done[-1].title}” was reached in {done[-1].completed_on:%B %Y}."
    upcoming = _next(plan, quarter)
    if upcoming:
        expected = _expected(upcoming, status)
        return f"Work continues towards “{upcoming.title}”, expected in {expected:%B %Y}."
    return ""


def _narrative(plan: InitiativePlan, quarter: Quarter, status: str) -> str:
    spec = plan.spec
    partners = PARTNERS[spec.partners]
    if status == "blue":
        return (
            f"Completed in {plan.completed_on:%B %Y}. "
            "Benefits will be tracked as business as usual."
        )
    if not plan.started_by(quarter):
        return (
            f"Not due to start until {plan.start:%B %Y}. Preparation, including agreeing the "
            f"scope with {partners}, is on track."
        )
    if spec.status == Status.ON_HOLD and _stopped(plan, quarter):
        return f"On hold: {spec.note}."
    if spec.status == Status.DEPRIORITISED and _stopped(plan, quarter):
        return (
            f"Proposed for deprioritisation in consultation with {partners}: {spec.note}. "
            "Completed work will be kept and the remaining budget released."
        )
    opening = {
        "green": "On track.",
        "amber": "At risk but recoverable.",
        "red": "Off track: escalated to the one source management team.",
    }[status]
    if spec.kind == Kind.BAU and status == "green":
        opening = f"Service performance met its targets for {partners} this quarter."
    return f"{opening} {_progress(plan, quarter, status)}".strip()


def _achievements(plan: InitiativePlan, quarter: Quarter, status: str) -> str:
    done = _done_in(plan, quarter)
    if done:
        return "\n".join(f"{m.title} ({m.completed_on:%-d %B %Y})." for m in done)
    if not plan.started_by(quarter) or status in ("amber", "red"):
        return ""
    return {
        Kind.BAU: "Performance targets met for the quarter.",
        Kind.SERVICE_PLAN_ACTION: "The quarter's actions in the service plan were delivered.",
        Kind.ACTIVITY: "Work delivered as planned with both councils' leads.",
        Kind.PROJECT: "Project board held and the plan confirmed.",
    }[plan.spec.kind]


def _next_steps(plan: InitiativePlan, quarter: Quarter, status: str) -> str:
    if status == "blue":
        return "Close the initiative and hand over to business as usual."
    upcoming = _next(plan, quarter)
    if upcoming is None:
        return "Complete the remaining work and report completion next quarter."
    return f"{upcoming.title} by {_expected(upcoming, status):%B %Y}."


def _risks(index: int, plan: InitiativePlan, quarter: Quarter, status: str) -> str:
    if status not in ("amber", "red"):
        return ""
    if plan.spec.status == Status.ON_HOLD and _stopped(plan, quarter):
        return f"Work is {plan.spec.note}; the business case will be revisited when they report."
    if plan.spec.status == Status.DEPRIORITISED and _stopped(plan, quarter):
        return (
            f"The savings assumed from this work will not be delivered, as {plan.spec.note}. "
            "The partner councils are being consulted on releasing the budget."
        )
    risk, mitigation = RISKS[index % len(RISKS)]
    return f"{risk}. Mitigation: {mitigation}."


def _percent(plan: InitiativePlan, quarter: Quarter, status: str) -> int | None:
    if plan.spec.kind == Kind.BAU:
        return None  # business as usual is never "complete"
    if status == "blue":
        return 100
    if not plan.started_by(quarter):
        return 0
    elapsed = (min(quarter.last_day, plan.end) - plan.start).days / (plan.end - plan.start).days
    behind = {"green": 0, "amber": 10, "red": 20}[status]
    return max(5, min(95, round((elapsed * 100 - behind) / 5) * 5))


def _stopped(plan: InitiativePlan, quarter: Quarter) -> bool:
    """Whether the initiative on hold, or deprioritised, had stopped by the quarter's end."""
    stopped_on: date | None = {
        Status.ON_HOLD: HELD_FROM,
        Status.DEPRIORITISED: DEPRIORITISED_ON,
    }.get(plan.spec.status)
    return stopped_on is not None and stopped_on <= quarter.last_day
