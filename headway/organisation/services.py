"""An organisation's services and partner councils, as administrators keep them.

A service or council still in use is not removed: the message says where it is used and
what to do instead, since removing it would take initiatives, returns or answers with it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from headway.accounts.models import Role
from headway.indicators.models import Figure
from headway.lib.words import join_words, plural
from headway.strategy.models import Organisation, Partner, Service


@transaction.atomic
def save_service(
    organisation: Organisation,
    service: Service | None,
    name: str,
    head_of_service: str,
    directorate: str | None = None,
) -> Service:
    """Add a service, or rename one. Its directorate changes only when it is added: a move
    afterwards is an organisational change (``headway.organisation.changes.move_service``)."""
    name = name.strip()
    clash = Service.objects.filter(organisation=organisation, name__iexact=name)
    if service is not None:
        clash = clash.exclude(pk=service.pk)
    if clash.exists():
        raise ValidationError({"name": f"There is already a service called {name}"})
    if service is None:
        service = Service(organisation=organisation, directorate=(directorate or "").strip())
    service.name = name
    service.head_of_service = head_of_service.strip()
    service.full_clean()
    service.save()
    return service


def service_uses(service: Service) -> list[str]:
    """What still refers to the service, in words."""
    uses = []
    initiatives = service.initiatives.count()
    if initiatives:
        uses.append(plural(initiatives, "initiative"))
    measures = service.measures.count()
    if measures:
        uses.append(plural(measures, "performance measure"))
    leads = service.lead_memberships.filter(role=Role.SERVICE_LEAD).count()
    if leads:
        uses.append(plural(leads, "service lead"))
    return uses


@transaction.atomic
def remove_service(service: Service) -> None:
    locked = Service.objects.select_for_update().get(pk=service.pk)
    uses = service_uses(locked)
    if uses:
        raise ValidationError(
            f"{locked.name} cannot be removed: it has {join_words(uses)}. Merge it into "
            "another service instead, which moves them there and keeps their history"
        )
    locked.delete()


@transaction.atomic
def save_partner(
    organisation: Organisation, partner: Partner | None, name: str, short_name: str
) -> Partner:
    name = name.strip()
    clash = Partner.objects.filter(organisation=organisation, name__iexact=name)
    if partner is not None:
        clash = clash.exclude(pk=partner.pk)
    if clash.exists():
        raise ValidationError({"name": f"There is already a partner council called {name}"})
    if partner is None:
        partner = Partner(organisation=organisation)
    partner.name = name
    partner.short_name = short_name.strip()
    partner.full_clean()
    partner.save()
    return partner


def partner_uses(partner: Partner) -> list[str]:
    uses = []
    contacts = partner.contacts.count()
    if contacts:
        uses.append(plural(contacts, "partner contact"))
    initiatives = partner.initiatives.count()
    if initiatives:
        uses.append(f"{plural(initiatives, 'initiative')} serving it")
    measures = partner.measures.count()
    if measures:
        uses.append(f"{plural(measures, 'performance measure')} reported for it")
    elif Figure.objects.filter(partner=partner).exists():
        uses.append("performance figures reported for it")
    consultations = partner.consultations.count()
    if consultations:
        uses.append(f"{plural(consultations, 'consultation')} on changes to the maps")
    return uses


@transaction.atomic
def remove_partner(partner: Partner) -> None:
    locked = Partner.objects.select_for_update().get(pk=partner.pk)
    uses = partner_uses(locked)
    if uses:
        raise ValidationError(
            f"{locked.name} cannot be removed: it has {join_words(uses)}. Its record stays "
            "with the consultations and initiatives; change its contacts' roles first if "
            "they no longer answer for it"
        )
    locked.delete()
