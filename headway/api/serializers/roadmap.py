"""Change requests to the maps and the partner councils' answers to them. Proposing,
consulting, deciding and answering go through ``headway.roadmap``'s functions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from headway.api.access import membership_of
from headway.api.serializers.fields import ScopedPrimaryKey, choice
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative


def _initiatives(context: dict[str, Any]) -> QuerySet[Initiative]:
    return Initiative.objects.filter(organisation=membership_of(context["request"]).organisation)


class ConsultationSerializer(serializers.ModelSerializer[Consultation]):
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    answered_by = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "change_request",
            "partner",
            "partner_name",
            "response",
            "comment",
            "answered_by",
            "answered_at",
        ]

    def get_answered_by(self, consultation: Consultation) -> str | None:
        return str(consultation.answered_by) if consultation.answered_by_id else None


class ChangeConsultationSerializer(ConsultationSerializer):
    class Meta(ConsultationSerializer.Meta):
        fields = [f for f in ConsultationSerializer.Meta.fields if f != "change_request"]


class ChangeRequestSerializer(serializers.ModelSerializer[ChangeRequest]):
    target = serializers.CharField(
        source="target_label", read_only=True, help_text="What the change is about, in words."
    )
    proposed_by = serializers.SerializerMethodField()
    proposed = serializers.DictField(
        read_only=True, help_text="The proposed values: ids and ISO dates."
    )
    current = serializers.DictField(
        read_only=True, help_text="The values when the change was proposed."
    )
    consultations = ChangeConsultationSerializer(many=True, read_only=True)

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "kind",
            "state",
            "target",
            "initiative",
            "priority",
            "proposed",
            "current",
            "rationale",
            "proposed_by",
            "proposed_at",
            "opened_on",
            "closes_on",
            "decided_on",
            "meeting",
            "decision_note",
            "consultations",
        ]
        read_only_fields = fields

    def get_proposed_by(self, request: ChangeRequest) -> str | None:
        return str(request.proposed_by) if request.proposed_by_id else None


class ProposalSerializer(serializers.Serializer[Any]):
    kind = choice(ChangeRequest.Kind.choices, "the kind of change")
    initiative = ScopedPrimaryKey(
        Initiative,
        _initiatives,
        "initiatives",
        required=False,
        allow_null=True,
        help_text="The initiative it changes: needed for reprioritise, deprioritise, "
        "reschedule and close.",
    )
    rationale = serializers.CharField(allow_blank=True, help_text="Why this change is needed.")
    proposed = serializers.DictField(
        required=False,
        help_text="The new values. add_priority: title, description, strategy, active_from. "
        "add_initiative: title, kind, service, priorities, partners, planned_start, "
        "planned_end, horizon, map_position, is_key_project, external_reference. "
        "reprioritise: priorities, horizon, map_position. reschedule: planned_start and "
        "planned_end (dates) or start_quarter and end_quarter (2021-22 Q3). "
        "close: status (completed or cancelled).",
    )


class RevisionSerializer(serializers.Serializer[Any]):
    rationale = serializers.CharField(allow_blank=True)
    proposed = serializers.DictField(required=False)


class ConsultSerializer(serializers.Serializer[Any]):
    closes_on = serializers.DateField(help_text="The last day on which partners may answer.")


class DecisionSerializer(serializers.Serializer[Any]):
    outcome = choice(
        [(s.value, s.label) for s in (ChangeRequest.State.AGREED, ChangeRequest.State.REJECTED)],
        "whether the change is agreed or rejected",
    )
    decided_on = serializers.DateField()
    meeting = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The id of the committee meeting that took the decision, if any.",
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Needed to agree a change before every partner has answered.",
    )


class AnswerSerializer(serializers.Serializer[Any]):
    response = choice(Consultation.Response.choices, "your council's answer")
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Needed with supports_with_comments and objects.",
    )
