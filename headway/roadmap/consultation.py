"""Partner councils answering a consultation, the reminders they get, and how their answers
read in a sentence."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from headway import clock
from headway.accounts.models import Membership
from headway.roadmap import emails
from headway.roadmap.models import ChangeRequest, Consultation, ConsultationReminder
from headway.roadmap.permissions import require_answerer

Response = Consultation.Response
REMINDER_DAYS_BEFORE_CLOSING = 2


def answer_consultation(
    consultation: Consultation,
    membership: Membership,
    response: str,
    comment: str = "",
    now: datetime | None = None,
) -> Consultation:
    """Record a partner council's answer. It may be changed until the closing date, as long
    as the change has not been decided; the proposer is emailed each time."""
    require_answerer(membership, consultation)
    moment = now or clock.now()
    comment = (comment or "").strip()
    with transaction.atomic():
        # Lock the request, not just the answer, so a decision cannot slip in between.
        request = ChangeRequest.objects.select_for_update().get(pk=consultation.change_request_id)
        if request.state != ChangeRequest.State.CONSULTING:
            raise ValidationError(
                f"This change is {request.get_state_display().lower()}: "
                "answers are no longer taken."
            )
        assert request.closes_on is not None
        if timezone.localdate(moment) > request.closes_on:
            raise ValidationError(
                f"The consultation closed on {request.closes_on:%-d %B %Y}: answers are no "
                "longer taken. Contact the team that proposed the change."
            )
        if response not in Response.values:
            raise ValidationError(
                {"response": "Choose supports, supports with comments, or objects."}
            )
        if response in Consultation.NEEDS_COMMENT and not comment:
            raise ValidationError(
                {
                    "comment": "Say why your council objects."
                    if response == Response.OBJECTS
                    else "Say what your comments are."
                }
            )
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        locked.response = response
        locked.comment = comment
        locked.answered_by = membership.user
        locked.answered_at = moment
        locked.save()
    consultation.refresh_from_db()
    emails.answer_received(consultation)
    return consultation


def outcome_summary(consultations: Iterable[Consultation]) -> str:
    """``Newham supports; Havering supports with comments``, in the partners' order."""
    ordered = sorted(consultations, key=lambda c: str(c.partner).casefold())
    return "; ".join(f"{c.partner} {c.response_phrase}" for c in ordered)


def unanswered(request: ChangeRequest) -> list[Consultation]:
    return list(request.consultations.filter(response="").select_related("partner"))


def send_consultation_reminders(today: date | None = None) -> int:
    """Remind partner contacts who have not answered, two days before the consultation
    closes (or on the next run, if a day was missed). Each consultation is reminded once,
    however often this runs; returns how many were reminded."""
    today = today or clock.today()
    due = (
        Consultation.objects.filter(
            response="",
            reminder__isnull=True,
            change_request__state=ChangeRequest.State.CONSULTING,
            change_request__closes_on__gte=today,
            change_request__closes_on__lte=today + timedelta(days=REMINDER_DAYS_BEFORE_CLOSING),
        )
        .select_related("partner", "change_request__organisation")
        .order_by("pk")
    )
    sent = 0
    for consultation in due:
        with transaction.atomic():
            reminder, created = ConsultationReminder.objects.get_or_create(
                consultation=consultation
            )
            if not created:
                continue
            # Sent inside the transaction: if sending fails, no reminder is recorded and the
            # next run tries again.
            reminder.sent_to = "\n".join(emails.reminder(consultation))
            reminder.save()
        sent += 1
    return sent
