"""The demo's history of map changes, made through the same functions people use.

In 2021-22 a new project was added in Q2 and an activity deprioritised in Q3, each after
both partner councils answered; a reschedule is out for consultation, with Newham's answer
in and Havering's awaited. Loading twice changes nothing.

The demo's portfolio lists initiatives as they stand at the end of that history: it loads
the added project after this history (see ``headway.demo.maps``), and an activity it already
shows as deprioritised (serving both councils, with no request yet) is the one the history
deprioritises: it is put back on the maps first, as it stood before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from headway.accounts.models import Membership, Role, User
from headway.lib.fy import Quarter
from headway.roadmap.changes import open_consultation, propose
from headway.roadmap.consultation import answer_consultation
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation
from headway.roadmap.state import strategy_for_year
from headway.roadmap.versions import ensure_baseline
from headway.strategy.models import Initiative, Organisation, Priority, Service

Kind = ChangeRequest.Kind
Response = Consultation.Response
Proposal = Mapping[str, Any]

NEW_PROJECT = "Digital mailroom"
NEW_PROJECT_WHY = (
    "Post for both councils is still scanned by hand. A digital mailroom frees staff time and "
    "gets letters to services the day they arrive; both councils asked for it this spring."
)
DEPRIORITISE_WHY = (
    "Demand for printing and post has fallen with hybrid working, and the digital mailroom "
    "needs the staff. This activity can wait, and will be proposed again if the councils need "
    "it sooner."
)
RESCHEDULE_WHY = (
    "The supplier has moved its delivery date, so the last stage cannot finish as planned. "
    "Moving the end by a quarter keeps the testing the councils asked for."
)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _member(organisation: Organisation, username: str) -> Membership:
    membership = (
        Membership.objects.filter(organisation=organisation, user__username=username)
        .select_related("user", "partner")
        .first()
    )
    if membership is None:
        raise ValueError(
            f"The road map demo needs the user {username!r} in {organisation}: load the "
            "organisation's demo data first."
        )
    return membership


def _answer(
    request: ChangeRequest, contact: Membership, response: str, comment: str, day: dt.date
) -> None:
    consultation = request.consultations.get(partner=contact.partner)
    answer_consultation(consultation, contact, response, comment, now=_at(day))


def _done(organisation: Organisation, rationale: str) -> bool:
    return ChangeRequest.objects.filter(organisation=organisation, rationale=rationale).exists()


def _on_map(organisation: Organisation) -> list[Initiative]:
    return list(
        Initiative.objects.filter(organisation=organisation)
        .exclude(status__in=Initiative.OFF_MAP_STATUSES)
        .prefetch_related("partners")
        .order_by("external_reference", "title", "pk")
    )


def _serves(initiative: Initiative, partner_ids: list[int | None]) -> bool:
    """Whether a change to it would consult both councils: it serves both, or no one."""
    own = {p.pk for p in initiative.partners.all()}
    return not own or set(partner_ids) <= own


def _already_deprioritised(organisation: Organisation, partner_ids: list[int | None]) -> None:
    """Put back on the maps the activity the portfolio shows as deprioritised, so that the
    history can deprioritise it through a change request."""
    candidates = (
        Initiative.objects.filter(
            organisation=organisation,
            kind=Initiative.Kind.ACTIVITY,
            status=Initiative.Status.DEPRIORITISED,
            change_requests__isnull=True,
        )
        .prefetch_related("partners")
        .order_by("external_reference", "title", "pk")
    )
    target = next((i for i in candidates if _serves(i, partner_ids)), None)
    if target is not None:
        Initiative.objects.filter(pk=target.pk).update(status=Initiative.Status.IN_PROGRESS)


def _deprioritise_target(organisation: Organisation, partner_ids: list[int | None]) -> Initiative:
    """An activity serving both councils, else any initiative on the maps but the new one."""
    candidates = [i for i in _on_map(organisation) if i.title != NEW_PROJECT]
    both = [i for i in candidates if _serves(i, partner_ids)]
    activities = [i for i in both if i.kind == Initiative.Kind.ACTIVITY]
    return (activities or both or candidates)[0]


def _pick_service(organisation: Organisation) -> Service:
    services = list(Service.objects.filter(organisation=organisation).order_by("name"))
    for word in ("ict", "digital", "technology", "customer", "exchequer"):
        for service in services:
            if word in service.name.casefold():
                return service
    return services[0]


def _pick_priority(organisation: Organisation) -> Priority:
    strategy = strategy_for_year(organisation, 2021)
    assert strategy is not None, "The road map demo needs the organisation's strategy."
    priorities = list(strategy.priorities.order_by("number"))
    for word in ("digital", "technolog", "efficien", "modern"):
        for priority in priorities:
            if word in priority.title.casefold():
                return priority
    return priorities[0]


def default_new_project(organisation: Organisation, partner_ids: list[int | None]) -> Proposal:
    """The new project's proposed values, for an organisation whose demo names none."""
    return {
        "title": NEW_PROJECT,
        "kind": Initiative.Kind.PROJECT,
        "description": "Scan, sort and route incoming post for both councils electronically.",
        "service": _pick_service(organisation).pk,
        "priorities": [_pick_priority(organisation).pk],
        "partners": partner_ids,
        "planned_start": "2021-07-01",
        "planned_end": "2022-06-30",
        "horizon": Initiative.Horizon.NOW,
    }


def _new_project(
    organisation: Organisation,
    admin: User,
    reviewer: User,
    contacts: list[Membership],
    proposal: Proposal,
) -> None:
    newham, havering = contacts
    request = propose(
        organisation,
        Kind.ADD_INITIATIVE,
        admin,
        NEW_PROJECT_WHY,
        dict(proposal),
        now=_at(dt.date(2021, 6, 14)),
    )
    open_consultation(request, dt.date(2021, 6, 30), admin, now=_at(dt.date(2021, 6, 14)))
    _answer(request, newham, Response.SUPPORTS, "", dt.date(2021, 6, 21))
    _answer(
        request,
        havering,
        Response.SUPPORTS_WITH_COMMENTS,
        "Havering's post room moves in the autumn: please plan the switch-over with us.",
        dt.date(2021, 6, 28),
    )
    decide(
        request,
        ChangeRequest.State.AGREED,
        reviewer,
        dt.date(2021, 7, 1),
        now=_at(dt.date(2021, 7, 1)),
    )


def _deprioritise(
    organisation: Organisation, admin: User, reviewer: User, contacts: list[Membership]
) -> None:
    newham, havering = contacts
    target = _deprioritise_target(organisation, [newham.partner_id, havering.partner_id])
    request = propose(
        organisation,
        Kind.DEPRIORITISE,
        admin,
        DEPRIORITISE_WHY,
        initiative=target,
        now=_at(dt.date(2021, 10, 11)),
    )
    open_consultation(request, dt.date(2021, 10, 29), admin, now=_at(dt.date(2021, 10, 11)))
    _answer(request, newham, Response.SUPPORTS, "", dt.date(2021, 10, 18))
    _answer(request, havering, Response.SUPPORTS, "", dt.date(2021, 10, 27))
    decide(
        request,
        ChangeRequest.State.AGREED,
        reviewer,
        dt.date(2021, 11, 10),
        now=_at(dt.date(2021, 11, 10)),
    )


def _reschedule(
    organisation: Organisation, admin: User, contacts: list[Membership], closes_on: dt.date
) -> None:
    newham, havering = contacts
    partner_ids = [newham.partner_id, havering.partner_id]
    projects = [
        i
        for i in _on_map(organisation)
        if i.kind == Initiative.Kind.PROJECT
        and i.title != NEW_PROJECT
        and i.planned_end
        and _serves(i, partner_ids)
    ]
    projects.sort(key=lambda i: not i.is_key_project)
    target = projects[0] if projects else _on_map(organisation)[0]
    end = target.planned_end or dt.date(2022, 3, 31)
    request = propose(
        organisation,
        Kind.RESCHEDULE,
        admin,
        RESCHEDULE_WHY,
        {"end_quarter": Quarter.of(end).next().label},
        initiative=target,
        now=_at(dt.date(2022, 2, 14)),
    )
    open_consultation(request, closes_on, admin, now=_at(dt.date(2022, 2, 14)))
    # Before the demo's today (18 February 2022): Havering has not answered yet.
    _answer(request, newham, Response.SUPPORTS, "", dt.date(2022, 2, 16))


# The open consultation's closing date: fixed, like every date of the demo, which shows the
# organisation in February 2022. It falls before the Joint Committee of 11 March 2022, where
# the reschedule would be decided.
CLOSES_ON = dt.date(2022, 3, 4)


def load_roadmap_demo(
    organisation: Organisation,
    new_project: Proposal | None = None,
    closes_on: dt.date = CLOSES_ON,
) -> None:
    """Load the demo's map history into an organisation that already has its demo data
    (the ``admin``, ``reviewer``, ``partner`` and ``partner-havering`` users).

    ``new_project`` holds the proposed values of the project the history adds (as
    ``proposals.clean_proposal`` reads them); by default a digital mailroom.

    The open consultation closes on ``closes_on``. By default that date is fixed, so the
    demo is the same whenever it is loaded; since it is now past, Havering can no longer
    answer and the request waits for a decision that must say why it was taken without
    Havering's answer. Give a later date for a consultation that partners can still answer.
    """
    admin = _member(organisation, "admin").user
    reviewer = _member(organisation, "reviewer").user
    contacts = [_member(organisation, "partner"), _member(organisation, "partner-havering")]
    for contact in contacts:
        if contact.role != Role.PARTNER_CONTACT or contact.partner_id is None:
            raise ValueError(f"{contact.user.username!r} must be a partner contact.")
    # The demo's history is not news: nobody is emailed about it.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        if not _done(organisation, DEPRIORITISE_WHY):
            _already_deprioritised(organisation, [c.partner_id for c in contacts])
        ensure_baseline(organisation, now=_at(dt.date(2021, 4, 30)))
        if not _done(organisation, NEW_PROJECT_WHY):
            partner_ids = [c.partner_id for c in contacts]
            proposal = new_project or default_new_project(organisation, partner_ids)
            _new_project(organisation, admin, reviewer, contacts, proposal)
        if not _done(organisation, DEPRIORITISE_WHY):
            _deprioritise(organisation, admin, reviewer, contacts)
        if not _done(organisation, RESCHEDULE_WHY):
            _reschedule(organisation, admin, contacts, closes_on)
