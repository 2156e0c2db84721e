"""One generated organisation's portfolio and returns, as rows: pure, seeded, no database.

Everything here is drawn from ``random.Random`` seeded by the run's seed and the
organisation's number, so an organisation is the same whether 1 or 40 are generated, and
the same every run. The rows keep the rules the models check: a milestone is not due before
its initiative starts, a submitted return has a status and a narrative, an Amber or Red one
says its risks, a Blue one its completion date, a reviewed one its reviewer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from headway.lib.fy import Quarter
from headway.strategy.models import Initiative

LONDON = ZoneInfo("Europe/London")
Kind = Initiative.Kind
Status = Initiative.Status

# How often each status occurs in a council's portfolio, roughly.
STATUSES = (
    (Status.IN_PROGRESS, 60),
    (Status.PLANNED, 14),
    (Status.ON_HOLD, 5),
    (Status.COMPLETED, 12),
    (Status.DEPRIORITISED, 4),
    (Status.CANCELLED, 2),
    (Status.PROPOSED, 3),
)
KINDS = (
    (Kind.SERVICE_PLAN_ACTION, 40),
    (Kind.PROJECT, 25),
    (Kind.ACTIVITY, 20),
    (Kind.BAU, 15),
)
VERBS = (
    "Replace",
    "Review",
    "Automate",
    "Consolidate",
    "Move to the cloud",
    "Improve",
    "Procure",
    "Retender",
    "Digitise",
    "Simplify",
)
SUBJECTS = (
    "the payroll system",
    "debt recovery",
    "the contact centre",
    "supplier payments",
    "recruitment",
    "the asset register",
    "audit follow-up",
    "the records store",
    "council tax billing",
    "the intranet",
    "training for managers",
    "the print room",
    "contract management",
    "the pensions service",
    "business rates",
)
RISKS = (
    "Supplier resources are stretched and configuration is behind plan. Mitigation: a "
    "recovery plan is agreed with weekly checkpoints.",
    "Key staff were moved to other work. Mitigation: backfill is agreed and the plan revised.",
    "Testing found data quality problems. Mitigation: the data is being cleansed first.",
    "Costs are forecast to exceed the budget. Mitigation: options to reduce scope are going "
    "to the programme board.",
)
# Draws that give, in turn: approved, submitted, returned, being written, not started.
EVERY_STATE = (0.1, 0.6, 0.68, 0.75, 0.9)
RETURNED_COMMENT = "Please say when the next milestone will now be reached, and who agreed it."


@dataclass(frozen=True)
class Context:
    """What an organisation's rows point at: ids made before its portfolio."""

    organisation_id: int
    service_ids: tuple[int, ...]
    service_codes: tuple[str, ...]
    lead_ids: tuple[int, ...]  # the service lead of each service, in the same order
    priority_ids: tuple[int, ...]
    partner_ids: tuple[int, ...]
    reviewer_id: int
    period_ids: tuple[int, ...]  # oldest first; the last is the open one
    quarters: tuple[Quarter, ...]
    deadlines: tuple[date, ...]
    status_ids: dict[str, int]  # BRAG code -> StatusValue id
    today: date


@dataclass
class Rows:
    """Rows for each table, in the column order of ``COLUMNS``."""

    initiatives: list[tuple[Any, ...]] = field(default_factory=list)
    priority_links: list[tuple[int, int]] = field(default_factory=list)
    partner_links: list[tuple[int, int]] = field(default_factory=list)
    milestones: list[tuple[Any, ...]] = field(default_factory=list)
    updates: list[tuple[Any, ...]] = field(default_factory=list)


INITIATIVE_COLUMNS = (
    "id",
    "organisation_id",
    "kind",
    "title",
    "description",
    "service_id",
    "owner_id",
    "planned_start",
    "planned_end",
    "status",
    "is_key_project",
    "external_reference",
    "horizon",
    "map_position",
    "map_version",
)
MILESTONE_COLUMNS = ("id", "initiative_id", "title", "due", "forecast", "completed_on")
UPDATE_COLUMNS = (
    "id",
    "initiative_id",
    "period_id",
    "status_id",
    "narrative",
    "achievements",
    "next_steps",
    "risks",
    "percent_complete",
    "milestone_dates",
    "state",
    "is_late",
    "review_comment",
    "version",
    "created_at",
    "updated_at",
    "submitted_at",
    "submitted_by_id",
    "reviewed_at",
    "reviewed_by_id",
    "completed_on",
    "started_at",
    "last_edited_by_id",
    "previous_id",
)


@dataclass(frozen=True)
class _Milestone:
    id: int
    due: date
    forecast: date | None
    completed_on: date | None


def _pick(rng: random.Random, weighted: tuple[tuple[Any, int], ...]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _at(day: date, rng: random.Random) -> datetime:
    """A working-hours moment on ``day``."""
    minutes = 9 * 60 + rng.randrange(8 * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=LONDON)


def build_rows(
    rng: random.Random,
    context: Context,
    count: int,
    initiative_ids: list[int],
    milestone_ids: list[int],
    update_ids: list[int],
) -> Rows:
    """``count`` initiatives with their links, milestones and one return per quarter.

    ``milestone_ids`` must hold at least ``5 * count`` ids and ``update_ids``
    ``count * len(context.quarters)``; unused ones are left as gaps.
    """
    rows = Rows()
    first_day = context.quarters[0].first_day
    open_quarter = context.quarters[-1]
    milestone_pool = iter(milestone_ids)
    update_pool = iter(update_ids)
    actives = 0  # active initiatives so far
    for index, initiative_id in enumerate(initiative_ids[:count]):
        kind = _pick(rng, KINDS)
        status = _pick(rng, STATUSES)
        service = rng.randrange(len(context.service_ids))
        code = context.service_codes[service]
        start = (
            first_day
            - timedelta(days=rng.randrange(365))
            + timedelta(days=rng.randrange((open_quarter.last_day - first_day).days + 1))
        )
        end = start + timedelta(days=rng.randrange(180, 1080))
        if status == Status.COMPLETED:
            end = max(start, min(end, open_quarter.last_day - timedelta(days=rng.randrange(60))))
        owner = context.lead_ids[service] if rng.random() < 0.3 else None
        title = f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}"
        rows.initiatives.append(
            (
                initiative_id,
                context.organisation_id,
                kind,
                title,
                f"{title}, for the councils the organisation serves.",
                context.service_ids[service],
                owner,
                start,
                end,
                status,
                rng.random() < 0.05,
                f"{code}-{index + 1:04d}",
                rng.choice(Initiative.Horizon.values),
                index,
                1,
            )
        )
        linked = rng.sample(context.priority_ids, 2 if rng.random() < 0.3 else 1)
        rows.priority_links.extend((initiative_id, p) for p in linked)
        if rng.random() < 0.9:
            served = rng.sample(context.partner_ids, rng.randint(1, len(context.partner_ids)))
            rows.partner_links.extend((initiative_id, p) for p in served)
        milestones = _milestones(rng, context, initiative_id, start, end, milestone_pool)
        rows.milestones.extend(
            (m.id, initiative_id, f"Stage {n} complete", m.due, m.forecast, m.completed_on)
            for n, m in enumerate(milestones, start=1)
        )
        writer = owner or context.lead_ids[service]
        _returns(
            rng,
            context,
            rows,
            initiative_id,
            status,
            kind,
            start,
            end,
            writer,
            milestones,
            update_pool,
            index,
            actives,
        )
        actives += status in Initiative.ACTIVE_STATUSES
    return rows


def _milestones(
    rng: random.Random,
    context: Context,
    initiative_id: int,
    start: date,
    end: date,
    pool: Any,
) -> list[_Milestone]:
    span = max(1, (end - start).days)
    milestones = []
    for due_after in sorted(rng.randrange(span + 1) for _ in range(rng.randint(0, 5))):
        due = start + timedelta(days=due_after)
        completed_on = forecast = None
        if due < context.today and rng.random() < 0.8:
            completed_on = min(context.today, due + timedelta(days=rng.randrange(-10, 40)))
            completed_on = max(start, completed_on)
        elif rng.random() < 0.3:
            forecast = due + timedelta(days=rng.randrange(30, 120))
        milestones.append(_Milestone(next(pool), due, forecast, completed_on))
    return milestones


def _returns(
    rng: random.Random,
    context: Context,
    rows: Rows,
    initiative_id: int,
    status: str,
    kind: str,
    start: date,
    end: date,
    writer: int,
    milestones: list[_Milestone],
    pool: Any,
    index: int,
    turn: int,
) -> None:
    """One return a quarter: approved in closed periods; in the open one, in every state."""
    previous: int | None = None
    active = status in Initiative.ACTIVE_STATUSES
    last = len(context.quarters) - 1
    for q, (quarter, period_id, deadline) in enumerate(
        zip(context.quarters, context.period_ids, context.deadlines, strict=True)
    ):
        update_id = next(pool)
        state, started = "approved", True
        if q == last and active:
            # The first initiatives take each state in turn, so even a small portfolio has
            # returns in every state; the rest are drawn.
            roll = EVERY_STATE[turn] if turn < len(EVERY_STATE) else rng.random()
            state = (
                "approved"
                if roll < 0.5
                else "submitted"
                if roll < 0.65
                else "returned"
                if roll < 0.7
                else "draft"
            )
            started = state != "draft" or roll < 0.82
        code = rng.choices(("green", "amber", "red"), weights=(62, 27, 11))[0]
        completed_on: date | None = None
        if status == Status.COMPLETED and q == last:
            code, completed_on = "blue", min(end, context.today)
        narrative = {
            "green": "On track.",
            "amber": "At risk but recoverable.",
            "red": "Off track: escalated to the management team.",
            "blue": "Completed; benefits are tracked as business as usual.",
        }[
            code
        ] + f" Work this quarter ({quarter.label}) followed the plan agreed with the partners."
        risks = RISKS[(index + q) % len(RISKS)] if code in ("amber", "red") else ""
        elapsed = (min(quarter.last_day, end) - start).days / max(1, (end - start).days)
        percent = None if kind == Kind.BAU else max(0, min(100, round(elapsed * 20) * 5))
        if code == "blue":
            percent = None if kind == Kind.BAU else 100
        dates = {
            str(m.id): {
                "forecast": m.forecast.isoformat() if m.forecast else None,
                "completed_on": m.completed_on.isoformat()
                if m.completed_on and m.completed_on <= quarter.last_day
                else None,
            }
            for m in milestones
        }
        is_late = state != "draft" and rng.random() < 0.1
        submitted_at = submitted_by = reviewed_at = reviewed_by = None
        if state != "draft":
            offset = rng.randrange(1, 5) if is_late else -rng.randrange(0, 10)
            submitted_at = _at(min(context.today, deadline + timedelta(days=offset)), rng)
            submitted_by = writer
        if state in ("approved", "returned"):
            assert submitted_at is not None
            reviewed_at = submitted_at + timedelta(days=rng.randrange(1, 5))
            reviewed_by = context.reviewer_id
        created_at = _at(quarter.last_day + timedelta(days=1), rng)
        started_at = created_at + timedelta(days=rng.randrange(1, 7)) if started else None
        if not started:
            # Not started: as the period opened it, with nothing written yet.
            code_id, narrative, risks, percent, dates = None, "", "", None, dates
            achievements = next_steps = ""
        else:
            code_id = context.status_ids[code]
            achievements = "" if state == "draft" else "The quarter's actions were delivered."
            next_steps = "" if state == "draft" else "Reach the next milestone next quarter."
        moment = reviewed_at or submitted_at or started_at or created_at
        rows.updates.append(
            (
                update_id,
                initiative_id,
                period_id,
                code_id,
                narrative,
                achievements,
                next_steps,
                risks,
                percent,
                dates,
                state,
                is_late,
                RETURNED_COMMENT if state == "returned" else "",
                1,
                created_at,
                moment,
                submitted_at,
                submitted_by,
                reviewed_at,
                reviewed_by,
                completed_on,
                started_at,
                writer if started else None,
                previous,
            )
        )
        if state == "approved":
            previous = update_id
