"""Numbered versions of an organisation's maps, and what changed between two of them.

Version 1 is the baseline: the maps as they stood before the first agreed change. Each
agreed change then records the next version, so any two versions can be compared.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from headway import clock
from headway.lib.fy import FinancialYear
from headway.roadmap.agreed import decision_record, with_consultations
from headway.roadmap.diff import MapDiff, diff_states
from headway.roadmap.models import ChangeRequest, MapVersion
from headway.roadmap.state import MapState, map_state
from headway.strategy.models import Organisation


def current_version(organisation: Organisation) -> MapVersion | None:
    return MapVersion.objects.filter(organisation=organisation).order_by("-number").first()


def lock_versions(organisation: Organisation) -> None:
    """Take the organisation's row lock, so versions are numbered one at a time.

    Call inside a transaction."""
    Organisation.objects.select_for_update().only("pk").get(pk=organisation.pk)


def ensure_baseline(organisation: Organisation, now: datetime | None = None) -> MapVersion:
    """The current version; if there is none yet, version 1 drawn from the live data."""
    with transaction.atomic():
        lock_versions(organisation)
        existing = current_version(organisation)
        if existing is not None:
            return existing
        moment = now or clock.now()
        year = FinancialYear.of(timezone.localdate(moment)).start
        return MapVersion.objects.create(
            organisation=organisation,
            number=1,
            created_at=moment,
            state=map_state(organisation, year).to_dict(),
            changes=[],
        )


def record_version(request: ChangeRequest, now: datetime | None = None) -> MapVersion:
    """The version an agreed request has just made. Call inside the decision's transaction,
    after the change is applied and a baseline exists."""
    previous = current_version(request.organisation)
    assert previous is not None, "ensure_baseline() comes before applying the first change"
    assert request.decided_on is not None
    state = map_state(request.organisation, FinancialYear.of(request.decided_on).start)
    diff = diff_states(MapState.from_dict(previous.state), state, [decision_record(request)])
    return MapVersion.objects.create(
        organisation=request.organisation,
        number=previous.number + 1,
        created_at=now or clock.now(),
        change_request=request,
        state=state.to_dict(),
        changes=[asdict(entry) for entry in diff.entries],
    )


def compare(version_a: MapVersion, version_b: MapVersion) -> MapDiff:
    """What changed from ``version_a`` to the later ``version_b``, with each change's reason
    and the partners' answers."""
    if version_a.organisation_id != version_b.organisation_id:
        raise ValueError("Compare two versions of the same organisation's maps.")
    if version_a.number > version_b.number:
        raise ValueError(
            f"Compare an earlier version with a later one: version {version_a.number} "
            f"comes after version {version_b.number}."
        )
    requests = with_consultations(
        ChangeRequest.objects.filter(
            resulting_version__organisation=version_a.organisation_id,
            resulting_version__number__gt=version_a.number,
            resulting_version__number__lte=version_b.number,
        ).order_by("resulting_version__number")
    )
    return diff_states(
        MapState.from_dict(version_a.state),
        MapState.from_dict(version_b.state),
        [decision_record(request) for request in requests],
    )
