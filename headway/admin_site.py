"""Django admin is the operator's tool: only the operator's superusers may open it.

Organisation administrators run their organisation from Headway's own pages, which keep
each organisation's data apart; Django admin does not, so it is not theirs. Anyone else
signed in who opens it gets a plain 403 (Django's own admin would send them to sign in
again, which Headway's sign-in page sends straight back: a redirect loop).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def is_operator(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


class OperatorAdminSite(AdminSite):
    site_header = "Headway operator administration"
    site_title = "Headway operator administration"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_operator(request.user)

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def refuse_members(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return refuse_members


class OperatorAdminConfig(AdminConfig):
    default_site = "headway.admin_site.OperatorAdminSite"
