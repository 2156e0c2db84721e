"""Small steps the roadmap tests share: propose a change, open it, answer it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from headway.accounts.models import Membership, User
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.consultation import answer_consultation
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Organisation


def membership(user: User, organisation: Organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


def proposed_change(
    organisation: Organisation,
    by: User,
    kind: str = ChangeRequest.Kind.RESCHEDULE,
    initiative: Initiative | None = None,
    proposed: dict[str, Any] | None = None,
    rationale: str = "The supplier cannot start until the summer.",
) -> ChangeRequest:
    if proposed is None and kind == ChangeRequest.Kind.RESCHEDULE:
        proposed = {"planned_start": "2021-07-01", "planned_end": "2022-06-30"}
    return propose(organisation, kind, by, rationale, proposed, initiative=initiative)


def opened_change(
    organisation: Organisation, by: User, closes_on: dt.date, **kwargs: Any
) -> ChangeRequest:
    request = proposed_change(organisation, by, **kwargs)
    open_consultation(request, closes_on, by)
    request.refresh_from_db()
    return request


def answer(request: ChangeRequest, user: User, response: str, comment: str = "") -> Consultation:
    member = membership(user, request.organisation)
    consultation = request.consultations.get(partner=member.partner)
    return answer_consultation(consultation, member, response, comment)
