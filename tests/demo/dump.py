"""A stable picture of the demo data, by natural keys, to compare one load with another."""

from __future__ import annotations

from typing import Any

from headway.accounts.models import Membership
from headway.indicators.models import Figure, Measure, Target
from headway.progress.models import ReportingPeriod, Update
from headway.strategy.models import (
    Initiative,
    Milestone,
    Organisation,
    Partner,
    Priority,
    Service,
    StrategyEvent,
)


def demo_counts() -> dict[str, int]:
    models: list[Any] = [
        Organisation,
        Partner,
        Service,
        Priority,
        StrategyEvent,
        Initiative,
        Milestone,
        ReportingPeriod,
        Update,
        Membership,
        Measure,
        Target,
        Figure,
    ]
    return {model.__name__: model.objects.count() for model in models}


def _username(user: Any) -> str | None:
    return user.username if user else None


def demo_dump() -> dict[str, Any]:
    initiatives = Initiative.objects.select_related("service", "owner").prefetch_related(
        "priorities", "partners"
    )
    updates = Update.objects.select_related(
        "initiative", "period", "status", "submitted_by", "reviewed_by"
    )
    return {
        "services": sorted(Service.objects.values_list("name", "head_of_service")),
        "priorities": sorted(Priority.objects.values_list("number", "title", "description")),
        "events": sorted(StrategyEvent.objects.values_list("date", "kind", "text")),
        "initiatives": sorted(
            (
                i.external_reference,
                i.kind,
                i.title,
                i.description,
                i.service.name,
                _username(i.owner),
                i.planned_start,
                i.planned_end,
                i.status,
                i.is_key_project,
                sorted(p.number for p in i.priorities.all()),
                sorted(p.name for p in i.partners.all()),
            )
            for i in initiatives
        ),
        "milestones": sorted(
            Milestone.objects.values_list(
                "initiative__external_reference", "title", "due", "forecast", "completed_on"
            )
        ),
        "periods": sorted(
            ReportingPeriod.objects.values_list("year", "quarter", "state", "deadline")
        ),
        "updates": sorted(
            (
                u.initiative.external_reference,
                u.period.label,
                u.status.code if u.status else "",
                u.narrative,
                u.achievements,
                u.next_steps,
                u.risks,
                u.percent_complete or 0,
                u.state,
                u.is_late,
                u.review_comment,
                str(u.submitted_at),
                _username(u.submitted_by) or "",
                str(u.reviewed_at),
                _username(u.reviewed_by) or "",
            )
            for u in updates
        ),
        "memberships": sorted(
            (
                m.user.username,
                m.user.get_full_name(),
                m.user.email,
                m.role,
                m.partner.name if m.partner else "",
                sorted(s.name for s in m.services.all()),
            )
            for m in Membership.objects.select_related("user", "partner").prefetch_related(
                "services"
            )
        ),
    }
