"""The emails a change request sends: to partner contacts when they are consulted, reminded
and told the decision, and to the proposer when a partner answers.

Plain text, one message per person, so nobody sees another council's addresses.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import EmailMessage, get_connection
from django.urls import NoReverseMatch, reverse

from headway.accounts.models import Membership, Role, User
from headway.roadmap.describe import comparison, describe, meeting_label, what_it_means
from headway.roadmap.models import ChangeRequest, Consultation
from headway.site_address import absolute_url
from headway.strategy.models import Partner


def page_url(name: str, pk: int) -> str:
    """The address of a Headway page, or the home page if that page does not exist yet."""
    try:
        path = reverse(name, kwargs={"pk": pk})
    except NoReverseMatch:
        path = "/"
    return absolute_url(path)


def partner_contacts(partner: Partner) -> list[User]:
    memberships = Membership.objects.filter(
        partner=partner, role=Role.PARTNER_CONTACT, organisation=partner.organisation_id
    ).select_related("user")
    return [m.user for m in memberships if m.user.email and m.user.is_active]


def _send(recipients: Iterable[User], subject: str, body: str) -> list[str]:
    addresses = sorted({user.email for user in recipients if user.email})
    messages = [EmailMessage(subject=subject, body=body, to=[address]) for address in addresses]
    if messages:
        get_connection().send_messages(messages)
    return addresses


def _day(request: ChangeRequest) -> str:
    return f"{request.closes_on:%-d %B %Y}" if request.closes_on else "the closing date"


def _values(request: ChangeRequest) -> str:
    rows = [row for row in comparison(request) if row.changes]
    if request.kind in (ChangeRequest.Kind.ADD_PRIORITY, ChangeRequest.Kind.ADD_INITIATIVE):
        return "\n".join(f"- {row.label}: {row.proposed}" for row in rows)
    return "\n".join(f"- {row.label}: {row.current} → {row.proposed}" for row in rows)


def consultation_opened(consultation: Consultation) -> list[str]:
    request = consultation.change_request
    organisation = request.organisation.display_name
    partner = consultation.partner
    body = (
        f"{organisation} proposes a change to its priority map and road map, and asks "
        f"{partner} for its view.\n\n"
        f"What: {describe(request)}\n\n{_values(request)}\n\n"
        f"Why: {request.rationale}\n\n"
        f"What it means for {partner}: {what_it_means(request, partner)}\n\n"
        f"Please answer by {_day(request)}: supports, supports with comments, or objects.\n"
        f"Answer in Headway: {page_url('roadmap:consultation', consultation.pk)}\n"
    )
    subject = f"Your view on a change to the {organisation} road map: {request.target_label}"
    return _send(partner_contacts(partner), subject, body)


def reminder(consultation: Consultation) -> list[str]:
    request = consultation.change_request
    partner = consultation.partner
    body = (
        f"{partner} has not yet answered the consultation on this change:\n\n"
        f"{describe(request)}\n\nWhy: {request.rationale}\n\n"
        f"The consultation closes on {_day(request)}. Answer in Headway: "
        f"{page_url('roadmap:consultation', consultation.pk)}\n"
    )
    subject = f"Reminder: answer by {_day(request)}: {request.target_label}"
    return _send(partner_contacts(partner), subject, body)


def answer_received(consultation: Consultation) -> list[str]:
    request = consultation.change_request
    comment = f"\n\nTheir comment: {consultation.comment}" if consultation.comment else ""
    answered = request.consultations.exclude(response="").count()
    body = (
        f"{consultation.partner} has answered the consultation: "
        f"{consultation.get_response_display()}.{comment}\n\n"
        f"The change: {describe(request)}\n\n"
        f"{answered} of {request.consultations.count()} partner councils have answered. "
        f"The consultation closes on {_day(request)}.\n"
        f"See the request: {page_url('roadmap:change_request', request.pk)}\n"
    )
    subject = f"{consultation.partner} {consultation.response_phrase}: {request.target_label}"
    return _send([request.proposed_by] if request.proposed_by else [], subject, body)


def _answers(request: ChangeRequest) -> str:
    lines = []
    for consultation in request.consultations.select_related("partner"):
        comment = f": “{consultation.comment}”" if consultation.comment else ""
        lines.append(f"- {consultation.partner} {consultation.response_phrase}{comment}")
    return "\n".join(lines)


def decision(request: ChangeRequest) -> list[str]:
    outcome = "agreed" if request.state == ChangeRequest.State.AGREED else "not agreed"
    meeting = f" at {meeting_label(request.meeting)}" if request.meeting_id else ""
    note = f"\n\nNote on the decision: {request.decision_note}" if request.decision_note else ""
    effect = (
        "The priority map and road map now show it."
        if outcome == "agreed"
        else "The maps stay as they were."
    )
    body = (
        f"This change was {outcome} on {request.decided_on:%-d %B %Y}{meeting}:\n\n"
        f"{describe(request)}\n\n{effect}{note}\n\n"
        f"How each partner council's answer was recorded:\n{_answers(request)}\n\n"
        f"See the decision: {page_url('roadmap:change_request', request.pk)}\n"
    )
    subject = f"Change {outcome}: {request.target_label}"
    recipients: list[User] = []
    for consultation in request.consultations.select_related("partner", "answered_by"):
        recipients.extend(partner_contacts(consultation.partner))
        if consultation.answered_by is not None:
            recipients.append(consultation.answered_by)
    return _send(recipients, subject, body)


def withdrawn(request: ChangeRequest) -> list[str]:
    body = (
        f"This proposed change has been withdrawn, so no answer is needed:\n\n"
        f"{describe(request)}\n\nThe maps stay as they were.\n"
    )
    recipients: list[User] = []
    for consultation in request.consultations.select_related("partner"):
        recipients.extend(partner_contacts(consultation.partner))
    return _send(recipients, f"Change withdrawn: {request.target_label}", body)
