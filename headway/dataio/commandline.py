"""What the ``headway import`` and ``headway export`` commands share: finding the
organisation, the period and the person they act for, or saying what to type instead."""

from __future__ import annotations

from django.core.management.base import CommandError

from headway.accounts.models import Membership, Role
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Organisation


def find_organisation(slug: str | None) -> Organisation:
    if slug:
        found = Organisation.objects.filter(slug=slug).first()
        if found is None:
            known = ", ".join(Organisation.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No organisation has the slug {slug!r}. There are: {known}.")
        return found
    organisations = list(Organisation.objects.all()[:2])
    if len(organisations) != 1:
        raise CommandError(
            "Name the organisation with --organisation SLUG."
            if organisations
            else "There is no organisation yet: run `headway demo --no-serve` or add one."
        )
    return organisations[0]


def find_period(organisation: Organisation, text: str | None) -> ReportingPeriod:
    """The period named (2021-22-Q3), or the organisation's open one."""
    if not text:
        found = ReportingPeriod.objects.filter(
            organisation=organisation, state=ReportingPeriod.State.OPEN
        ).first()
        if found is None:
            raise CommandError(f"{organisation} has no open period: name one with --period.")
        return found
    try:
        quarter = Quarter.parse(text)
    except ValueError as error:
        raise CommandError(str(error)) from None
    found = ReportingPeriod.objects.filter(
        organisation=organisation, year=quarter.year, quarter=quarter.number
    ).first()
    if found is None:
        raise CommandError(f"{organisation} has no reporting period {quarter.label}.")
    return found


def find_administrator(organisation: Organisation, username: str | None) -> Membership | None:
    if not username:
        return None
    membership = (
        Membership.objects.filter(organisation=organisation, user__username=username)
        .select_related("user", "organisation")
        .first()
    )
    if membership is None:
        raise CommandError(f"{username} is not a member of {organisation}.")
    if membership.role != Role.ADMINISTRATOR:
        raise CommandError(
            f"{username} is a {membership.get_role_display().lower()} of {organisation}; "
            "only an administrator may import."
        )
    return membership
