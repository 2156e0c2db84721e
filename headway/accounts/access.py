"""Who may do what: a user's membership of the organisation they are working in.

Every page calls these rather than looking at roles itself, so a rule about who may see
what is written once. A user of one organisation never sees another's data: views filter
by ``request.membership.organisation``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from headway.accounts.models import Membership, Role

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]

SESSION_KEY = "headway_organisation"


def current_membership(request: HttpRequest) -> Membership | None:
    """The membership the signed-in user is working under, or None if they have none.

    A person in several organisations works in one at a time, chosen in their session;
    otherwise their first membership.
    """
    user = request.user
    if not user.is_authenticated:
        return None
    cached = getattr(request, "_membership", None)
    if cached is not None:
        return cached
    memberships = Membership.objects.filter(user=user).select_related("organisation", "partner")
    chosen = request.session.get(SESSION_KEY)
    membership = None
    if chosen is not None:
        membership = memberships.filter(organisation_id=chosen).first()
    if membership is None:
        membership = memberships.order_by("organisation__name").first()
    request._membership = membership  # type: ignore[attr-defined]
    return membership


def member_required(*roles: str) -> Callable[[View[P]], View[P]]:
    """Let in signed-in members of an organisation, optionally only in the given roles.

    Anonymous visitors are sent to sign in; members in other roles get 403. The view finds
    the membership on ``request.membership``.
    """

    def decorator(view: View[P]) -> View[P]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = current_membership(request)
            if membership is None or (roles and membership.role not in roles):
                raise PermissionDenied
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        # Read by the permission test, which checks every URL for every role.
        wrapped.access = tuple(roles) or ALL_ROLES  # type: ignore[attr-defined]
        return wrapped

    return decorator


def public(view: View[P]) -> View[P]:
    """Mark a view that anyone may open, signed in or not (the permission test reads this)."""
    view.access = "public"  # type: ignore[attr-defined]
    return view


def membership_of(request: HttpRequest) -> Membership:
    """The membership ``member_required`` found. Only for views behind it."""
    membership: Any = getattr(request, "membership", None)
    if membership is None:
        raise PermissionDenied
    return membership


STAFF_ROLES = (Role.ADMINISTRATOR, Role.REVIEWER)
ALL_ROLES = tuple(Role.values)
