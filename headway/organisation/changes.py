"""Recording organisational changes, and the two that change the portfolio's shape as they
are recorded: moving a service to another directorate and merging one service into another.

Each runs in one transaction: the change is logged with the portfolio edit or not at all.
Initiatives are saved one by one, so django-simple-history records each one's move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from headway.accounts.models import User
from headway.indicators.models import Measure
from headway.lib.words import long_date
from headway.organisation.models import OrganisationalChange
from headway.strategy.models import Initiative, Organisation, Service

Kind = OrganisationalChange.Kind


@dataclass(frozen=True)
class ChangeDetails:
    """What the officer wrote: when, what kind, and the report's words."""

    date: date
    kind: str
    text: str


def changes_of(organisation: Organisation) -> QuerySet[OrganisationalChange]:
    """The organisation's log, newest first."""
    return OrganisationalChange.objects.filter(organisation=organisation).select_related(
        "service", "recorded_by"
    )


def change_of(organisation: Organisation, pk: int) -> OrganisationalChange | None:
    return changes_of(organisation).filter(pk=pk).first()


def _check(details: ChangeDetails) -> None:
    errors = {}
    if details.kind not in Kind.values:
        errors["kind"] = "Choose what kind of change it is"
    if not details.text.strip():
        errors["text"] = "Enter what changed, as the report should say it"
    if errors:
        raise ValidationError(errors)


def record_change(
    organisation: Organisation,
    details: ChangeDetails,
    by: User | None,
    service: Service | None = None,
) -> OrganisationalChange:
    _check(details)
    return OrganisationalChange.objects.create(
        organisation=organisation,
        date=details.date,
        kind=details.kind,
        text=details.text.strip(),
        service=service,
        recorded_by=by,
    )


@transaction.atomic
def correct_change(change: OrganisationalChange, details: ChangeDetails) -> None:
    """Correct the record. A service move or merge already made stays made: this changes
    the words and date the report uses, not the portfolio."""
    _check(details)
    if change.kind in (Kind.SERVICE_MOVE, Kind.SERVICE_MERGE) and details.kind != change.kind:
        raise ValidationError(
            {"kind": "A service move or merge stays one: correct its date and words instead"}
        )
    change.date = details.date
    change.kind = details.kind
    change.text = details.text.strip()
    change.save()


def remove_change(change: OrganisationalChange) -> None:
    """Take a change out of the log (and so out of the next draft of the report). A service
    move or merge it recorded is not undone."""
    change.delete()


def suggested_move_text(service: Service, directorate: str, day: date) -> str:
    before = f" from {service.directorate}" if service.directorate else ""
    return f"The {service.name} service moved{before} to {directorate} on {long_date(day)}."


@transaction.atomic
def move_service(
    service: Service, directorate: str, day: date, text: str, by: User | None
) -> OrganisationalChange:
    """Put the service in another directorate and log the move."""
    directorate = directorate.strip()
    locked = Service.objects.select_for_update().get(pk=service.pk)
    if not directorate:
        raise ValidationError({"directorate": "Enter the directorate it moves to"})
    if directorate == locked.directorate:
        raise ValidationError({"directorate": f"{locked.name} is already in {directorate}"})
    text = text.strip() or suggested_move_text(locked, directorate, day)
    locked.directorate = directorate
    locked.full_clean()
    locked.save()
    service.directorate = directorate
    return record_change(
        locked.organisation, ChangeDetails(day, Kind.SERVICE_MOVE, text), by, service=locked
    )


def suggested_merge_text(source: Service, into: Service, day: date) -> str:
    return f"The {source.name} service merged into {into.name} on {long_date(day)}."


@transaction.atomic
def merge_services(
    source: Service, into: Service, day: date, text: str, by: User | None
) -> OrganisationalChange:
    """Move every initiative and measure of ``source`` to ``into``, give its leads ``into``
    instead, log the merge and remove ``source``. Initiatives keep their returns and their
    history, measures their figures: each is saved, so its history records the new service."""
    if source.pk == into.pk:
        raise ValidationError({"into": "Choose another service to merge it into"})
    if source.organisation_id != into.organisation_id:
        raise ValidationError({"into": "Choose one of your organisation's services"})
    text = text.strip() or suggested_merge_text(source, into, day)
    for initiative in Initiative.objects.select_for_update().filter(service=source):
        initiative.service = into
        initiative._change_reason = f"Service merged into {into.name}"[:100]  # type: ignore[attr-defined]
        initiative.save(update_fields=["service"])
    # Its performance measures move too, so their figures keep their service.
    for measure in Measure.objects.select_for_update().filter(service=source):
        measure.service = into
        measure._change_reason = f"Service merged into {into.name}"[:100]  # type: ignore[attr-defined]
        measure.save(update_fields=["service"])
    for membership in source.lead_memberships.all():
        membership.services.add(into)
        membership.services.remove(source)
    change = record_change(
        source.organisation, ChangeDetails(day, Kind.SERVICE_MERGE, text), by, service=into
    )
    source.delete()
    return change
