"""Who may use each API endpoint: the pages' roles, declared on each view class.

A view class says which roles may read it (``access``), which may change things through it
(``write_access``) and, where one action differs, ``action_access``. The rules about a
particular return, consultation or change request are then checked by the domain's own
functions (``headway.progress.permissions``, ``headway.roadmap.permissions``), as for the
pages. ``mark_access`` copies the roles onto each URL's view function as ``access`` (the
roles that may open it) and ``access_by_method``, where the permission test reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.urls import URLPattern, URLResolver
from rest_framework.exceptions import PermissionDenied as Refused
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from headway.accounts.access import ALL_ROLES, current_membership
from headway.accounts.models import Membership, Role

if TYPE_CHECKING:
    from rest_framework.views import APIView

Roles = tuple[str, ...]


def roles_for(view: Any, method: str, action: str | None) -> Roles:
    """The roles that may call ``view`` with ``method`` (for a viewset, ``action``)."""
    overrides: dict[str, Roles] = getattr(view, "action_access", {}) or {}
    if action and action in overrides:
        return overrides[action]
    if method.upper() in SAFE_METHODS:
        return tuple(getattr(view, "access", ALL_ROLES))
    return tuple(getattr(view, "write_access", ()))


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _names(roles: Iterable[str]) -> str:
    """``an administrator or reviewer``."""
    labels = [Role(role).label.lower() for role in roles]
    listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
    return _a(listed)


class MemberAccess(BasePermission):
    """Signed-in members of an organisation, in the roles the view declares."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False  # DRF answers 401 with the bearer challenge.
        membership = current_membership(request._request)
        if membership is None:
            raise Refused(
                "You are not a member of any organisation in Headway. Ask an administrator "
                "to give you a role."
            )
        request._request.membership = membership  # type: ignore[attr-defined]
        roles = roles_for(view, request.method or "GET", getattr(view, "action", None))
        if membership.role not in roles:
            if not roles:
                raise Refused("This cannot be changed through the API.")
            raise Refused(
                f"Only {_names(roles)} may do this; you are "
                f"{_a(membership.get_role_display().lower())}."
            )
        return True


def membership_of(request: Request | HttpRequest) -> Membership:
    """The membership ``MemberAccess`` found: only for views behind it."""
    raw: Any = getattr(request, "_request", request)
    membership: Membership = raw.membership
    return membership


def _access_of(cls: Any, callback: Any) -> tuple[Any, dict[str, Any]]:
    if getattr(cls, "access", None) == "public":
        return "public", {}
    actions: dict[str, str] = getattr(callback, "actions", None) or {}
    methods: dict[str, str | None] = dict(actions) or {
        m: None for m in ("get", "post", "put", "patch", "delete") if hasattr(cls, m)
    }
    by_method = {m.upper(): roles_for(cls, m, action) for m, action in methods.items()}
    opening = by_method.get("GET") or next(iter(by_method.values()), ())
    return opening, by_method


def mark_access(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Put each API view's roles on its URL's view function, for the permission test."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            mark_access(pattern.url_patterns)
            continue
        cls = getattr(pattern.callback, "cls", None)
        if cls is None:
            continue  # A page: member_required or public has marked it already.
        access, by_method = _access_of(cls, pattern.callback)
        pattern.callback.access = access  # type: ignore[attr-defined]
        pattern.callback.access_by_method = by_method  # type: ignore[attr-defined]
    return patterns
