"""An organisation's people: inviting a colleague with a role, changing the role, switching an
account off and on. Each change is recorded as a ``PersonEvent`` in the same transaction.

The pages call these; so may a command or the API. An administrator works only on their own
organisation's memberships: ``person_of`` finds one, or nothing, by organisation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from headway.accounts.models import Membership, PersonEvent, Role, User
from headway.strategy.models import Organisation, Partner, Service


@dataclass(frozen=True)
class RoleChoice:
    """What an administrator chose for a person: a role and what goes with it."""

    role: str
    services: tuple[Service, ...] = ()
    partner: Partner | None = None

    def check(self, organisation: Organisation) -> None:
        """Refuse a role without what it needs, or with another organisation's service or
        council."""
        if self.role not in Role.values:
            raise ValidationError({"role": "Choose a role"})
        if self.role == Role.SERVICE_LEAD and not self.services:
            raise ValidationError(
                {"services": "Choose the services this service lead writes returns for"}
            )
        if self.role == Role.PARTNER_CONTACT and self.partner is None:
            raise ValidationError(
                {"partner": "Choose the council this partner contact answers for"}
            )
        if any(s.organisation_id != organisation.pk for s in self.services):
            raise ValidationError({"services": "Choose from your organisation's services"})
        if self.partner is not None and self.partner.organisation_id != organisation.pk:
            raise ValidationError({"partner": "Choose one of your organisation's partner councils"})

    def describe(self) -> str:
        """``Service lead for Finance and ICT``, as the person's record says it."""
        label = Role(self.role).label
        if self.role == Role.SERVICE_LEAD:
            return f"{label} for {_join(s.name for s in self.services)}"
        if self.role == Role.PARTNER_CONTACT and self.partner is not None:
            return f"{label} for {self.partner.name}"
        return label


def _join(names: Iterable[str]) -> str:
    items = sorted(names)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def role_of(membership: Membership) -> RoleChoice:
    return RoleChoice(
        membership.role,
        tuple(membership.services.all()) if membership.role == Role.SERVICE_LEAD else (),
        membership.partner if membership.role == Role.PARTNER_CONTACT else None,
    )


def people_of(organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's memberships, by name, with what their rows show."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "partner")
        .prefetch_related("services")
        .order_by("-user__is_active", "user__first_name", "user__last_name", "user__username")
    )


def person_of(organisation: Organisation, pk: int) -> Membership | None:
    """One of the organisation's memberships, or None for anyone else's."""
    return people_of(organisation).filter(pk=pk).first()


def _record(membership: Membership, kind: str, detail: str, by: User | None) -> PersonEvent:
    return PersonEvent.objects.create(
        organisation=membership.organisation,
        user=membership.user,
        kind=kind,
        detail=detail,
        by=by,
    )


def _apply(membership: Membership, choice: RoleChoice) -> None:
    membership.role = choice.role
    membership.partner = choice.partner
    membership.full_clean(exclude=["user", "organisation"])
    membership.save()
    membership.services.set(choice.services)


@dataclass(frozen=True)
class Invitation:
    membership: Membership
    # False when the address already belonged to a Headway account, which now has a role here
    # too: that person signs in with the password they have.
    new_account: bool


def invite_person(
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    choice: RoleChoice,
    by: User | None,
) -> Invitation:
    """Give the person at ``email`` a role in the organisation, making their account if
    Headway has none for that address. The account has no password until they choose one
    from the invitation's link (``headway.accounts.invitations``)."""
    try:
        return _invite(organisation, email, first_name, last_name, choice, by)
    except IntegrityError:
        # Someone else invited the same address at the same moment; nothing of ours was kept.
        raise ValidationError(
            {"email": f"{email.strip()} was given an account a moment ago: find them on People"}
        ) from None


@transaction.atomic
def _invite(
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    choice: RoleChoice,
    by: User | None,
) -> Invitation:
    email = email.strip()
    choice.check(organisation)
    existing = User.objects.filter(email__iexact=email).order_by("pk").first()
    if (
        existing is not None
        and Membership.objects.filter(user=existing, organisation=organisation).exists()
    ):
        raise ValidationError(
            {"email": f"{email} already has an account here: change their role on their page"}
        )
    user = existing
    if user is None:
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError({"email": f"{email} is already someone's username in Headway"})
        user = User(username=email.lower(), email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        # allauth signs people in by an address it knows; it is the one the invitation went to.
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    membership = Membership(user=user, organisation=organisation, role=choice.role)
    _apply(membership, choice)
    _record(membership, PersonEvent.Kind.INVITED, f"as {choice.describe()}", by)
    return Invitation(membership, new_account=existing is None)


def record_invitation_sent_again(membership: Membership, by: User | None) -> None:
    _record(membership, PersonEvent.Kind.INVITATION_SENT_AGAIN, f"to {membership.user.email}", by)


@transaction.atomic
def change_role(membership: Membership, choice: RoleChoice, by: User | None) -> bool:
    """Give the person another role here (or other services or council). False if nothing
    changed, so nothing is recorded."""
    choice.check(membership.organisation)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    before = role_of(locked)
    if (before.role, set(before.services), before.partner) == (
        choice.role,
        set(choice.services),
        choice.partner,
    ):
        return False
    if (
        locked.role == Role.ADMINISTRATOR
        and choice.role != Role.ADMINISTRATOR
        and _is_last_administrator(locked)
    ):
        raise ValidationError(
            {"role": "Your organisation needs an administrator: make someone else one first"}
        )
    _apply(locked, choice)
    membership.refresh_from_db()
    _record(
        locked,
        PersonEvent.Kind.ROLE_CHANGED,
        f"from {before.describe()} to {choice.describe()}",
        by,
    )
    return True


def _is_last_administrator(membership: Membership) -> bool:
    return (
        not Membership.objects.filter(
            organisation=membership.organisation_id,
            role=Role.ADMINISTRATOR,
            user__is_active=True,
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def deactivate(membership: Membership, by: User | None) -> None:
    """Switch the person's account off: they can no longer sign in, and returns they owned go
    to their service's leads. Refused for one's own account, for the last administrator, and
    for an account another organisation also uses (its administrators would lose them)."""
    user = User.objects.select_for_update().get(pk=membership.user_id)
    if not user.is_active:
        raise ValidationError("This account is already switched off")
    if by is not None and by.pk == user.pk:
        raise ValidationError("You cannot switch off your own account")
    if membership.role == Role.ADMINISTRATOR and _is_last_administrator(membership):
        raise ValidationError(
            "Your organisation needs an administrator: make someone else one first"
        )
    if user.memberships.exclude(organisation=membership.organisation_id).exists():
        raise ValidationError(
            "This person also works for another organisation in Headway, so their account "
            "stays on. Change their role here to Viewer, or ask the service's operator to "
            "remove them"
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    membership.user.is_active = False
    _record(membership, PersonEvent.Kind.DEACTIVATED, "", by)


@transaction.atomic
def reactivate(membership: Membership, by: User | None) -> None:
    user = User.objects.select_for_update().get(pk=membership.user_id)
    if user.is_active:
        raise ValidationError("This account is already switched on")
    user.is_active = True
    user.save(update_fields=["is_active"])
    membership.user.is_active = True
    _record(membership, PersonEvent.Kind.REACTIVATED, "", by)


def events_of(membership: Membership) -> QuerySet[PersonEvent]:
    """The record of the person in this organisation, newest first."""
    return PersonEvent.objects.filter(
        organisation=membership.organisation_id, user=membership.user_id
    ).select_related("by")
