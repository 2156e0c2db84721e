"""Agreed changes as the committee report lists them: what, why, and what the partners said."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch, QuerySet

from headway.roadmap.consultation import outcome_summary
from headway.roadmap.describe import describe, meeting_label
from headway.roadmap.diff import Decision, PartnerAnswer
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Organisation


def with_consultations(requests: QuerySet[ChangeRequest]) -> QuerySet[ChangeRequest]:
    return requests.select_related(
        "initiative", "priority__strategy", "meeting__committee"
    ).prefetch_related(
        Prefetch(
            "consultations",
            queryset=Consultation.objects.select_related("partner").order_by("partner__name"),
        )
    )


def decision_record(request: ChangeRequest) -> Decision:
    consultations: Iterable[Consultation] = request.consultations.all()
    return Decision(
        request_id=request.pk,
        kind=request.kind,
        kind_label=request.get_kind_display(),
        target=request.target_label,
        description=describe(request),
        rationale=request.rationale,
        outcome=outcome_summary(consultations),
        responses=tuple(
            PartnerAnswer(
                partner=str(c.partner),
                response=c.response,
                phrase=c.response_phrase,
                comment=c.comment,
            )
            for c in consultations
        ),
        decided_on=request.decided_on.isoformat() if request.decided_on else None,
        meeting=meeting_label(request.meeting),
        decision_note=request.decision_note,
        initiative_id=request.initiative_id,
        priority_id=request.priority_id,
    )


def changes_agreed_between(organisation: Organisation, start: date, end: date) -> list[Decision]:
    """Changes agreed from ``start`` to ``end`` inclusive, oldest first: for the cover
    report's paragraph and the "changes since the last quarter" slide."""
    requests = with_consultations(
        ChangeRequest.objects.filter(
            organisation=organisation,
            state=ChangeRequest.State.AGREED,
            decided_on__gte=start,
            decided_on__lte=end,
        ).order_by("decided_on", "pk")
    )
    return [decision_record(request) for request in requests]
