"""What the change request and consultation pages show, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from headway import clock
from headway.accounts.models import Membership
from headway.roadmap.changes import stale_reason
from headway.roadmap.consultation import outcome_summary
from headway.roadmap.describe import ComparisonRow, comparison, describe, what_it_means
from headway.roadmap.models import ChangeRequest, Consultation
from headway.roadmap.permissions import change_requests_visible_to, consultations_visible_to
from headway.strategy.models import Organisation

State = ChangeRequest.State
ADDITIONS = (ChangeRequest.Kind.ADD_PRIORITY, ChangeRequest.Kind.ADD_INITIATIVE)

# GOV.UK tag colours for each state.
STATE_TAGS = {
    State.DRAFT: "grey",
    State.CONSULTING: "blue",
    State.AGREED: "green",
    State.REJECTED: "red",
    State.WITHDRAWN: "grey",
}


def _with_everything(requests: QuerySet[ChangeRequest]) -> QuerySet[ChangeRequest]:
    return requests.select_related(
        "organisation",
        "initiative",
        "priority__strategy",
        "proposed_by",
        "decided_by",
        "meeting__committee",
        "resulting_version",
    ).prefetch_related(
        Prefetch(
            "consultations",
            queryset=Consultation.objects.select_related("partner", "answered_by").order_by(
                "partner__name"
            ),
        )
    )


@dataclass(frozen=True)
class ChangeRequestRow:
    request: ChangeRequest
    answered: int
    consulted: int

    @property
    def tag(self) -> str:
        return STATE_TAGS[State(self.request.state)]


def change_request_rows(membership: Membership) -> list[ChangeRequestRow]:
    """The change requests the member may read: open ones first, then the latest."""
    requests = (
        change_requests_visible_to(membership)
        .select_related("initiative", "priority__strategy")
        .annotate(
            consulted=Count("consultations"),
            answered=Count("consultations", filter=~Q(consultations__response="")),
        )
        .order_by("-proposed_at", "-pk")
    )
    rows = [ChangeRequestRow(r, r.answered, r.consulted) for r in requests]
    return sorted(rows, key=lambda row: not row.request.is_open)


@dataclass(frozen=True)
class ChangeRequestPage:
    request: ChangeRequest
    sentence: str
    rows: list[ComparisonRow]
    consultations: list[Consultation]
    is_addition: bool
    stale: str | None = None
    """Why it can no longer be applied, if a change to its initiative was agreed since."""

    @property
    def tag(self) -> str:
        return STATE_TAGS[State(self.request.state)]

    @property
    def unanswered(self) -> list[Consultation]:
        return [c for c in self.consultations if not c.is_answered]

    @property
    def outcome(self) -> str:
        return outcome_summary(self.consultations)

    @property
    def closed_for_answers(self) -> bool:
        closes = self.request.closes_on
        return closes is not None and clock.today() > closes


def change_request_page(organisation: Organisation, pk: int) -> ChangeRequestPage | None:
    request = _with_everything(
        ChangeRequest.objects.filter(organisation=organisation, pk=pk)
    ).first()
    if request is None:
        return None
    return ChangeRequestPage(
        request=request,
        sentence=describe(request),
        rows=comparison(request),
        consultations=list(request.consultations.all()),
        is_addition=request.kind in ADDITIONS,
        stale=stale_reason(request, request.initiative) if request.is_open else None,
    )


@dataclass(frozen=True)
class ConsultationPage:
    consultation: Consultation
    change: ChangeRequestPage
    meaning: str
    description: str
    """The initiative's description, for what the change means to the council."""

    @property
    def may_answer(self) -> bool:
        return self.change.request.state == State.CONSULTING and not self.change.closed_for_answers

    @property
    def others(self) -> list[Consultation]:
        return [c for c in self.change.consultations if c.pk != self.consultation.pk]


def _own_council(membership: Membership) -> QuerySet[Consultation]:
    """The consultations of the member's own council, of those they may read."""
    if membership.partner_id is None:
        return Consultation.objects.none()
    return consultations_visible_to(membership).filter(partner=membership.partner_id)


def consultation_of(membership: Membership, pk: int) -> Consultation | None:
    """One of the consultations of the member's own council, or None."""
    return _own_council(membership).filter(pk=pk).first()


def consultation_page(membership: Membership, pk: int) -> ConsultationPage | None:
    consultation = consultation_of(membership, pk)
    if consultation is None:
        return None
    change = change_request_page(membership.organisation, consultation.change_request_id)
    assert change is not None
    own = next(c for c in change.consultations if c.pk == consultation.pk)
    initiative = change.request.initiative
    description = (
        initiative.description
        if initiative is not None
        else str((change.request.proposed or {}).get("description") or "")
    )
    return ConsultationPage(
        consultation=own,
        change=change,
        meaning=what_it_means(change.request, own.partner),
        description=description,
    )


@dataclass(frozen=True)
class ConsultationRow:
    consultation: Consultation

    @property
    def request(self) -> ChangeRequest:
        return self.consultation.change_request

    @property
    def awaiting(self) -> bool:
        """Open, before its closing date, and not answered yet."""
        closes = self.request.closes_on
        return (
            self.request.state == State.CONSULTING
            and not self.consultation.is_answered
            and (closes is None or closes >= clock.today())
        )


def consultation_rows(membership: Membership) -> list[ConsultationRow]:
    """The consultations of the member's council: those awaiting an answer first."""
    consultations = (
        _own_council(membership)
        .select_related(
            "partner",
            "change_request__initiative",
            "change_request__priority__strategy",
        )
        .order_by("-change_request__opened_on", "-pk")
    )
    rows = [ConsultationRow(c) for c in consultations]
    return sorted(rows, key=lambda row: not row.awaiting)
