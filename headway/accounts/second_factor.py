"""The second step after a Headway password: a code from an authenticator app, a security key
(or passkey), or, for someone who has lost those, one of their recovery codes.

Who must take it: every administrator and operator who signs in with a password, and everyone
in an organisation that asks it of all (Organisation.require_second_factor). Anyone else may
add one from their Two-step sign-in page, and is then asked for it too. Signing in with a
council's own account is never asked for one by Headway: the council's service asks.

allauth's MFA does the steps; this module decides who must, keeps the person at their
enrolment page until they have a second step, lets an administrator reset a colleague's, and
records each event in the person's record (the audit page reads it).
"""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.core.internal import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from headway.accounts.models import Membership, PersonEvent, Role, User
from headway.audit.signins import client_address
from headway.strategy.models import Organisation

COUNCIL = "socialaccount"  # allauth's record of a sign-in through a council's service
SECOND_STEP = "mfa"  # allauth's record of a second step taken
# What can be asked for at sign-in; recovery codes stand in for them.
STEPS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
STEP_NAMES = {
    Authenticator.Type.TOTP: "authenticator app",
    Authenticator.Type.WEBAUTHN: "security key",
    Authenticator.Type.RECOVERY_CODES: "recovery codes",
}

ENROL = "enrol"  # must add a second step before going on
CONFIRM = "confirm"  # has one, but this session has not used it


def required_for(user: Any) -> bool:
    """Whether the person must take a second step when they sign in with a password."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return (
        Membership.objects.filter(user=user)
        .filter(Q(role=Role.ADMINISTRATOR) | Q(organisation__require_second_factor=True))
        .exists()
    )


def enrolled(user: Any) -> bool:
    """Whether the person has a second step to take (recovery codes alone are not one)."""
    return Authenticator.objects.filter(user_id=user.pk, type__in=STEPS).exists()


def _records(request: HttpRequest) -> list[dict[str, Any]]:
    return get_authentication_records(request, request.user)


def through_council(request: HttpRequest) -> bool:
    """Whether this session was signed in through a council's sign-in service."""
    return any(record.get("method") == COUNCIL for record in _records(request))


def outstanding(request: HttpRequest) -> str | None:
    """What the signed-in person must do before they may use Headway: ENROL, CONFIRM or
    nothing. A session is let through once it has taken a second step or came through a
    council; any other session (a password, a password reset, one made some other way) of
    someone who must take the step is held, so no way in is forgotten."""
    user = request.user
    if not user.is_authenticated:
        return None
    records = _records(request)
    if any(record.get("method") in (COUNCIL, SECOND_STEP) for record in records):
        return None
    if not required_for(user):
        return None
    return CONFIRM if enrolled(user) else ENROL


class PasswordSecondStep(AuthenticateStage):
    """allauth's second step at sign-in, skipped for a council's account: the council's own
    service has asked for one already, as it sees fit."""

    def _should_handle(self, request: HttpRequest) -> bool:
        records = get_authentication_records(request, self.login.user)
        if records and records[-1].get("method") == COUNCIL:
            return False
        return bool(super()._should_handle(request))


class SecondFactorAdapter(DefaultMFAAdapter):
    """allauth's MFA in Headway's words, and a person who must have a second step cannot
    remove their last one."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "Enter the code your authenticator app shows now, or a recovery code",
        "cannot_delete_authenticator": (
            "You must keep a second step: add another way to take it before you remove this one"
        ),
        "cannot_generate_recovery_codes": (
            "Add an authenticator app or a security key before you make recovery codes"
        ),
    }

    def get_totp_issuer(self) -> str:
        return "Headway"

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        user = authenticator.user
        if authenticator.type not in STEPS or not required_for(user):
            return True
        others = Authenticator.objects.filter(user_id=user.pk, type__in=STEPS)
        return others.exclude(pk=authenticator.pk).exists()


def require_for_everyone(organisation: Organisation, require: bool) -> None:
    """The organisation asks everyone who signs in with a password for a second step, or only
    its administrators. Those without one set it up at their next page."""
    if organisation.require_second_factor != require:
        organisation.require_second_factor = require
        organisation.save(update_fields=["require_second_factor"])


def _organisations(user: Any) -> list[Membership]:
    return list(Membership.objects.filter(user_id=user.pk).select_related("organisation"))


def record(user: Any, kind: str, detail: str = "", by: User | None = None) -> None:
    """One row in the person's record in each organisation they belong to (an operator who
    belongs to none has their sign-ins in the audit's sign-in record only)."""
    PersonEvent.objects.bulk_create(
        PersonEvent(organisation=m.organisation, user_id=user.pk, kind=kind, detail=detail, by=by)
        for m in _organisations(user)
    )


@transaction.atomic
def reset(membership: Membership, *, reason: str, by: User) -> int:
    """An administrator removes a colleague's second steps (a lost phone, a lost key), so that
    their next sign-in with a password asks them to set one up again. Returns how many were
    removed. Refused for oneself (use your own Two-step sign-in page) and for Headway's
    operator, whose account no organisation manages."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why you are resetting their two-step sign-in"})
    user = membership.user
    if user.pk == by.pk:
        raise ValidationError(
            "You cannot reset your own two-step sign-in: change it on your Two-step sign-in page"
        )
    if user.is_superuser:
        raise ValidationError(
            "This is the account of Headway's operator: ask them to change it themselves"
        )
    removed, _ = Authenticator.objects.filter(user_id=user.pk).delete()
    # Whoever has the lost phone or key may be signed in as them: end every session they have.
    user.end_sessions()
    PersonEvent.objects.create(
        organisation=membership.organisation,
        user=user,
        kind=PersonEvent.Kind.SECOND_STEP_RESET,
        detail=f"because: {reason}"[:500],
        by=by,
    )
    return removed


# allauth's signals, recorded.


def steps_of(user: Any) -> str:
    """The person's second steps in words, for their page: ``Authenticator app, 2 security
    keys``, or the empty string."""
    kinds = list(
        Authenticator.objects.filter(user_id=user.pk, type__in=STEPS).values_list("type", flat=True)
    )
    words = []
    if Authenticator.Type.TOTP in kinds:
        words.append("Authenticator app")
    keys = kinds.count(Authenticator.Type.WEBAUTHN)
    if keys:
        words.append(f"{keys} security key" + ("s" if keys > 1 else ""))
    return ", ".join(words)


def _describe(authenticator: Authenticator) -> str:
    name = STEP_NAMES.get(authenticator.type, authenticator.type)
    if authenticator.type == Authenticator.Type.WEBAUTHN:
        label = authenticator.wrap().name
        return f"({name} “{label}”)" if label else f"({name})"
    return f"({name})"


def on_added(sender: Any, request: HttpRequest, user: Any, authenticator: Any, **_: Any) -> None:
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        return
    record(user, PersonEvent.Kind.SECOND_STEP_ADDED, _describe(authenticator), by=user)
    # Setting it up took a code from it (or the key itself): this session has taken the step.
    if request is not None and request.user.is_authenticated and request.user.pk == user.pk:
        record_authentication(
            request, user, SECOND_STEP, id=authenticator.pk, type=authenticator.type
        )


def on_removed(sender: Any, request: HttpRequest, user: Any, authenticator: Any, **_: Any) -> None:
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        return
    record(
        authenticator.user, PersonEvent.Kind.SECOND_STEP_REMOVED, _describe(authenticator), by=user
    )


def on_used(sender: Any, request: HttpRequest, user: Any, authenticator: Any, **_: Any) -> None:
    if authenticator.type != Authenticator.Type.RECOVERY_CODES:
        return
    # Read again: the code was marked used on another copy of the row.
    stored = Authenticator.objects.filter(pk=authenticator.pk).first()
    left = len(stored.wrap().get_unused_codes()) if stored else 0
    record(user, PersonEvent.Kind.RECOVERY_CODE_USED, f"({left} left)", by=user)


def on_failed(
    sender: Any,
    request: HttpRequest | None,
    user: Any,
    authenticator: Any,
    reauthentication: bool = False,
    **_: Any,
) -> None:
    address = client_address(request) or ""
    where = f" from {address}" if address else ""
    record(user, PersonEvent.Kind.SECOND_STEP_FAILED, f"{_describe(authenticator)}{where}", by=None)
    if request is not None and not reauthentication:
        count_failure(request, user)


def count_failure(request: HttpRequest, user: Any) -> None:
    """A wrong second step counts as a wrong password from this address for this account
    (headway.accounts.adapter): whoever knows the password cannot guess codes for long."""
    from headway.accounts.adapter import APP, login_failure_key

    for name in {user.username.lower(), user.email.lower()} - {""}:
        ratelimit.consume(
            request, app=APP, action="login_failed", key=login_failure_key(request, name)
        )
        ratelimit.consume(request, app=APP, action="login_failed_account", key=name)


def connect() -> None:
    from allauth.mfa import signals

    signals.authenticator_added.connect(on_added, dispatch_uid="headway.second_step.added")
    signals.authenticator_removed.connect(on_removed, dispatch_uid="headway.second_step.removed")
    signals.authenticator_used.connect(on_used, dispatch_uid="headway.second_step.used")
    signals.authentication_failed.connect(on_failed, dispatch_uid="headway.second_step.failed")
