"""Reporting periods, the status scale, and returns: written through the form's own rule."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from headway.accounts.access import ALL_ROLES
from headway.accounts.models import Membership
from headway.api import filters
from headway.api.serializers import progress as serializers
from headway.api.views.base import OrganisationViewSet
from headway.progress import review
from headway.progress.lifecycle import add_return
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.progress.permissions import REVIEWER_ROLES, returns_visible_to
from headway.progress.returns import MilestoneDates, ReturnChanges, save_return
from headway.strategy.models import Milestone

RETURN_FIELDS = [
    "status",
    "narrative",
    "achievements",
    "next_steps",
    "risks",
    "percent_complete",
    "completed_on",
]


class StatusValueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    """The organisation's status scale (BRAG unless it has its own): the codes returns use."""

    model = StatusValue
    serializer_class = serializers.StatusValueSerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    ordering_fields = ["position"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return StatusValue.objects.filter(scale__organisation_id=membership.organisation_id)


class ReportingPeriodViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    """Financial-year quarters; at most one is open for returns at a time."""

    model = ReportingPeriod
    serializer_class = serializers.ReportingPeriodSerializer
    filterset_class = filters.ReportingPeriodFilter
    ordering_fields = ["year", "quarter", "deadline", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return ReportingPeriod.objects.filter(organisation_id=membership.organisation_id)


def changes_from(update: Update, data: dict[str, Any]) -> ReturnChanges:
    """The stored return with the fields sent replaced: a field left out is kept."""
    given = {name: data[name] for name in RETURN_FIELDS if name in data}
    changes = dataclasses.replace(ReturnChanges.from_update(update), **given)
    wanted = data.get("milestones") or []
    if not wanted:
        return changes
    stored = Milestone.objects.filter(initiative_id=update.initiative_id).in_bulk(
        {item["milestone"] for item in wanted}
    )
    dates = []
    for item in wanted:
        milestone = stored.get(item["milestone"])
        dates.append(
            MilestoneDates(
                milestone_id=item["milestone"],
                forecast=item.get("forecast", milestone.forecast if milestone else None),
                completed_on=item.get(
                    "completed_on", milestone.completed_on if milestone else None
                ),
            )
        )
    return dataclasses.replace(changes, milestones=tuple(dates))


class UpdateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    """Quarterly returns. Writing one follows the same rule as the form: its service's
    leads, its owner and administrators may; a closed period refuses (409); a save against
    an older version than the stored one is refused with what changed (409)."""

    model = Update
    serializer_class = serializers.UpdateSerializer
    filterset_class = filters.UpdateFilter
    ordering_fields = ["period__year", "period__quarter", "initiative__title", "updated_at", "id"]
    # Oldest first by default: the primary key's index serves it (the model's ordering, by
    # period and initiative title across four tables, none did), and new returns join the
    # end, so a client paging through does not see rows shift.
    ordering = ["id"]
    # Who may write a particular return is the return's own rule (may_edit_return): a
    # service lead for their services, the initiative's owner, an administrator.
    write_access = ALL_ROLES
    action_access = {"approve": REVIEWER_ROLES, "return_to_lead": REVIEWER_ROLES}
    http_method_names = ["get", "post", "patch", "head", "options"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        # Partner contacts and viewers read approved returns only, as on the pages.
        return returns_visible_to(membership).select_related("initiative", "period", "status")

    def _answer(self, update: Update, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.scoped(self.membership).get(pk=update.pk)
        return Response(serializers.UpdateSerializer(fresh, context=self.context()).data, code)

    @extend_schema(
        request=serializers.ReturnCreateSerializer,
        responses={201: serializers.UpdateSerializer},
        summary="Start a return for an initiative that has none in the open period",
    )
    def create(self, request: Request) -> Response:
        form = serializers.ReturnCreateSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        period = data.get("period") or self._open_period()
        with transaction.atomic():
            update = add_return(data["initiative"], period, by=self.membership)
            update = save_return(
                update,
                changes_from(update, data),
                expected_version=update.version,
                by=self.membership,
                submit=data["submit"],
            )
        return self._answer(update, status.HTTP_201_CREATED)

    def _open_period(self) -> ReportingPeriod:
        period = ReportingPeriod.objects.filter(
            organisation_id=self.membership.organisation_id, state=ReportingPeriod.State.OPEN
        ).first()
        if period is None:
            raise ValidationError(
                {"period": ["No reporting period is open: returns are written while one is."]}
            )
        return period

    @extend_schema(
        request=serializers.ReturnEditSerializer,
        responses={200: serializers.UpdateSerializer},
        summary="Save a return as a draft, or submit it for review",
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        update = self.get_object()
        form = serializers.ReturnEditSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if update.version != data["expected_version"]:
            # Read again, so a field left out keeps what is stored now, not what was read.
            update.refresh_from_db()
        saved = save_return(
            update,
            changes_from(update, data),
            expected_version=data["expected_version"],
            by=self.membership,
            submit=data["submit"],
        )
        return self._answer(saved)

    @extend_schema(
        request=serializers.ReviewSerializer,
        responses={200: serializers.UpdateSerializer},
        summary="Approve a submitted return",
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        update = self.get_object()
        form = serializers.ReviewSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        approved = review.approve(
            update, by=self.membership, expected_version=form.validated_data.get("expected_version")
        )
        return self._answer(approved)

    @extend_schema(
        request=serializers.ReturnToLeadSerializer,
        responses={200: serializers.UpdateSerializer},
        summary="Return a submitted return to its owners, saying what to change",
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_to_lead(self, request: Request, pk: str | None = None) -> Response:
        update = self.get_object()
        form = serializers.ReturnToLeadSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        returned = review.return_to_lead(
            update,
            by=self.membership,
            comment=form.validated_data["comment"],
            expected_version=form.validated_data.get("expected_version"),
        )
        return self._answer(returned)
