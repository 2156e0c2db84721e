"""The strategy and the portfolio, read only: they change through change requests, the
import and the admin, each of which keeps its own record of who changed what."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from headway.strategy.models import Initiative, Milestone, Partner, Priority, Service, Strategy


class PrioritySerializer(serializers.ModelSerializer[Priority]):
    class Meta:
        model = Priority
        fields = [
            "id",
            "strategy",
            "number",
            "title",
            "description",
            "owner",
            "active_from",
            "active_to",
        ]


class StrategySerializer(serializers.ModelSerializer[Strategy]):
    years_label = serializers.CharField(read_only=True, help_text="2020-23")
    priorities = PrioritySerializer(many=True, read_only=True)

    class Meta:
        model = Strategy
        fields = [
            "id",
            "title",
            "first_year",
            "last_year",
            "years_label",
            "vision",
            "framework",
            "priorities",
        ]


class ServiceSerializer(serializers.ModelSerializer[Service]):
    class Meta:
        model = Service
        fields = ["id", "name", "head_of_service"]


class PartnerSerializer(serializers.ModelSerializer[Partner]):
    class Meta:
        model = Partner
        fields = ["id", "name", "short_name"]


class MilestoneSerializer(serializers.ModelSerializer[Milestone]):
    expected = serializers.DateField(
        read_only=True, help_text="When it is now expected: completed, forecast or due."
    )
    has_slipped = serializers.BooleanField(read_only=True)

    class Meta:
        model = Milestone
        fields = [
            "id",
            "initiative",
            "title",
            "due",
            "forecast",
            "completed_on",
            "expected",
            "has_slipped",
        ]


class InitiativeMilestoneSerializer(MilestoneSerializer):
    class Meta(MilestoneSerializer.Meta):
        fields = [f for f in MilestoneSerializer.Meta.fields if f != "initiative"]


class InitiativeSerializer(serializers.ModelSerializer[Initiative]):
    owner = serializers.SerializerMethodField(
        help_text="The username of who writes its returns; null for the service's leads."
    )
    service_name = serializers.CharField(source="service.name", read_only=True)
    milestones = InitiativeMilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "external_reference",
            "title",
            "kind",
            "description",
            "service",
            "service_name",
            "owner",
            "priorities",
            "partners",
            "planned_start",
            "planned_end",
            "status",
            "is_key_project",
            "horizon",
            "map_position",
            "milestones",
        ]

    def get_owner(self, initiative: Initiative) -> str | None:
        owner: Any = initiative.owner
        return owner.username if owner is not None else None
