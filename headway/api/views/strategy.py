"""The strategy and portfolio, read only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins

from headway.accounts.models import Membership
from headway.api import filters
from headway.api.serializers import strategy as serializers
from headway.api.views.base import OrganisationViewSet
from headway.strategy.models import Initiative, Milestone, Partner, Priority, Service, Strategy


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    pass


class StrategyViewSet(ReadOnly):
    """The organisation's strategies, each with its priorities in order."""

    model = Strategy
    serializer_class = serializers.StrategySerializer
    ordering_fields = ["first_year", "title", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return Strategy.objects.filter(organisation_id=membership.organisation_id).prefetch_related(
            "priorities"
        )


class PriorityViewSet(ReadOnly):
    model = Priority
    serializer_class = serializers.PrioritySerializer
    filterset_class = filters.PriorityFilter
    ordering_fields = ["number", "title", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return Priority.objects.filter(strategy__organisation_id=membership.organisation_id)


class ServiceViewSet(ReadOnly):
    model = Service
    serializer_class = serializers.ServiceSerializer
    ordering_fields = ["name", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return Service.objects.filter(organisation_id=membership.organisation_id)


class PartnerViewSet(ReadOnly):
    """The partner councils the organisation serves and consults."""

    model = Partner
    serializer_class = serializers.PartnerSerializer
    ordering_fields = ["name", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return Partner.objects.filter(organisation_id=membership.organisation_id)


class InitiativeViewSet(ReadOnly):
    """The portfolio: every initiative with its milestones. It changes through change
    requests, the import and the admin, not here."""

    model = Initiative
    serializer_class = serializers.InitiativeSerializer
    filterset_class = filters.InitiativeFilter
    ordering_fields = ["title", "external_reference", "planned_start", "planned_end", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return (
            Initiative.objects.filter(organisation_id=membership.organisation_id)
            .select_related("service", "owner")
            .prefetch_related("priorities", "partners", "milestones")
        )


class MilestoneViewSet(ReadOnly):
    model = Milestone
    serializer_class = serializers.MilestoneSerializer
    filterset_class = filters.MilestoneFilter
    ordering_fields = ["due", "forecast", "completed_on", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return Milestone.objects.filter(initiative__organisation_id=membership.organisation_id)
