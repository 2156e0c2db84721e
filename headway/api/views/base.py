"""What every API view shares: the member's organisation, roles and list handling."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from rest_framework import viewsets

from headway.accounts.access import ALL_ROLES
from headway.accounts.models import Membership
from headway.api.access import Roles, membership_of


class OrganisationViewSet(viewsets.GenericViewSet):
    """A view of one organisation's records: the requester's, and no one else's.

    Subclasses say who may read (``access``), who may write (``write_access``) and any
    action that differs (``action_access``), and give ``scoped``: the records of the
    requester's organisation they may see.
    """

    # Ids in paths are whole numbers a database can hold; anything else is not found.
    lookup_value_regex = "[0-9]{1,18}"
    access: Roles = ALL_ROLES
    write_access: Roles = ()
    action_access: dict[str, Roles] = {}
    model: type[Model]

    @property
    def membership(self) -> Membership:
        return membership_of(self.request)

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            # drf-spectacular reads the model without a request or a member.
            return self.model._default_manager.none()
        return self.scoped(self.membership)

    def context(self) -> dict[str, Any]:
        return dict(self.get_serializer_context())
