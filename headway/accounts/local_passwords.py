"""Who may sign in with a password Headway keeps, rather than their council's account.

An organisation that signs its people in through their councils can switch local passwords
off (Organisation.allow_local_passwords). A person may then use a password only while one of
their organisations still allows it. Operators (superusers) keep theirs: they run Headway
itself and may belong to no organisation. With no council configured, everyone keeps theirs.
"""

from __future__ import annotations

from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from headway.accounts.models import Membership, User
from headway.accounts.single_sign_on import councils_offered
from headway.strategy.models import Organisation


def offered(request: HttpRequest) -> bool:
    """Whether the sign-in page shows the password form."""
    if not councils_offered(request):
        return True
    if not Organisation.objects.exists():
        return True
    return Organisation.objects.filter(allow_local_passwords=True).exists()


def allowed_for(request: HttpRequest, user: User) -> bool:
    if user.is_superuser or not councils_offered(request):
        return True
    memberships = Membership.objects.filter(user=user)
    if not memberships.exists():
        return True
    return memberships.filter(organisation__allow_local_passwords=True).exists()


def switch(request: HttpRequest, organisation: Organisation, *, allow: bool, by: User) -> None:
    """An administrator allows or stops local passwords for their organisation. Stopping them
    needs a council to sign in with instead, and an administrator who has signed in with it,
    so that the one who switches passwords off keeps a way in."""
    if not allow and organisation.allow_local_passwords:
        if not councils_offered(request):
            raise ValidationError(
                {
                    "allow_local_passwords": "No council's sign-in service is set up yet: ask "
                    "Headway's operator to add your council's before switching passwords off"
                }
            )
        if not SocialAccount.objects.filter(user=by).exists():
            raise ValidationError(
                {
                    "allow_local_passwords": "Sign in once with your council's account before "
                    "switching passwords off, so that you keep a way in"
                }
            )
    organisation.allow_local_passwords = allow
    organisation.save(update_fields=["allow_local_passwords"])
