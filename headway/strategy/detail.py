"""One initiative as its page shows it: details, milestones and every update, newest first.

Six queries whatever the initiative holds, however many versions each update has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from headway.accounts.models import Membership
from headway.progress.models import Update
from headway.progress.permissions import returns_visible_to
from headway.progress.ratings import Rating
from headway.progress.versions import UpdateVersion, versions_of
from headway.strategy.models import Initiative, Milestone, Partner, Priority


@dataclass(frozen=True)
class UpdateEntry:
    period_label: str
    rating: Rating | None
    state: str
    is_late: bool
    percent_complete: int | None
    narrative: str
    achievements: str
    next_steps: str
    risks: str
    # Every saved version, newest first: who saved it, when, and what changed.
    versions: list[UpdateVersion] = field(default_factory=list)


@dataclass(frozen=True)
class InitiativeDetail:
    initiative: Initiative
    owner: str
    priorities: list[Priority]
    partners: list[Partner]
    milestones: list[Milestone]
    updates: list[UpdateEntry]


def initiative_detail(membership: Membership, pk: int) -> InitiativeDetail | None:
    """The initiative if it belongs to the member's organisation, else None: others' work
    stays hidden. Its returns are those the member may read (approved ones only for partner
    contacts and viewers)."""
    updates = returns_visible_to(membership).select_related("period", "status")
    updates = updates.order_by("-period__year", "-period__quarter")
    initiative = (
        Initiative.objects.filter(organisation_id=membership.organisation_id, pk=pk)
        .select_related("service", "owner")
        .prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.select_related("strategy")),
            "partners",
            "milestones",
            Prefetch("updates", queryset=updates),
        )
        .first()
    )
    if initiative is None:
        return None
    updates_shown = list(initiative.updates.all())
    versions = versions_of(update.pk for update in updates_shown)
    priorities = sorted(
        initiative.priorities.all(), key=lambda p: (-p.strategy.first_year, p.number)
    )
    owner = initiative.owner
    return InitiativeDetail(
        initiative=initiative,
        owner=str(owner) if owner else f"Service leads for {initiative.service}",
        priorities=priorities,
        partners=list(initiative.partners.all()),
        milestones=list(initiative.milestones.all()),
        updates=[_entry(update, versions.get(update.pk, [])) for update in updates_shown],
    )


def _entry(update: Update, versions: list[UpdateVersion]) -> UpdateEntry:
    period = update.period
    return UpdateEntry(
        period_label=period.label,
        rating=Rating.of(update.status, period.as_quarter) if update.status else None,
        state=update.get_state_display(),
        is_late=update.is_late,
        percent_complete=update.percent_complete,
        narrative=update.narrative,
        achievements=update.achievements,
        next_steps=update.next_steps,
        risks=update.risks,
        versions=versions,
    )
