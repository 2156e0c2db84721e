"""Who may sign in with a password Headway keeps, rather than their council's account.

An organisation that signs its people in through their councils can switch local passwords
off (Organisation.allow_local_passwords). A person may then use a password only while one of
their organisations still allows it. Operators (superusers) keep theirs: they run Headway
itself and may belong to no organisation. With no council configured, everyone keeps theirs.
"""

from __future__ import annotations

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
