"""Reporting periods and returns. Writing a return goes through
``headway.progress.returns.save_return``, exactly as the form does."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from headway.api.access import membership_of
from headway.api.serializers.fields import MAX_ID, ScopedPrimaryKey, ScopedSlug, choice
from headway.progress.models import ReportingPeriod, StatusValue, Update
from headway.strategy.models import Initiative


def _organisation_id(context: dict[str, Any]) -> int:
    return membership_of(context["request"]).organisation_id


def _statuses(context: dict[str, Any]) -> QuerySet[StatusValue]:
    return StatusValue.objects.filter(scale__organisation_id=_organisation_id(context))


def _initiatives(context: dict[str, Any]) -> QuerySet[Initiative]:
    return Initiative.objects.filter(organisation_id=_organisation_id(context))


def _periods(context: dict[str, Any]) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(organisation_id=_organisation_id(context))


class StatusValueSerializer(serializers.ModelSerializer[StatusValue]):
    class Meta:
        model = StatusValue
        fields = [
            "code",
            "label",
            "meaning",
            "position",
            "colour",
            "means_complete",
            "needs_mitigation",
        ]


class ReportingPeriodSerializer(serializers.ModelSerializer[ReportingPeriod]):
    label = serializers.CharField(read_only=True, help_text="2021-22 Q3")  # type: ignore[assignment]
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)

    class Meta:
        model = ReportingPeriod
        fields = [
            "id",
            "label",
            "year",
            "quarter",
            "state",
            "start",
            "end",
            "deadline",
            "remind_days_before",
            "remind_again_days_before",
            "remind_on_deadline",
            "remind_overdue_every",
        ]


class UpdateSerializer(serializers.ModelSerializer[Update]):
    """A return as stored. ``version`` is what to send back as ``expected_version``."""

    status = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="A status code: see /statuses/; null until one is chosen.",
    )
    initiative_title = serializers.CharField(source="initiative.title", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)
    progress = choice(Update.Progress.choices, "a progress", read_only=True)

    class Meta:
        model = Update
        fields = [
            "id",
            "initiative",
            "initiative_title",
            "period",
            "period_label",
            "status",
            "narrative",
            "achievements",
            "next_steps",
            "risks",
            "percent_complete",
            "completed_on",
            "state",
            "progress",
            "is_late",
            "review_comment",
            "version",
            "started_at",
            "submitted_at",
            "reviewed_at",
            "updated_at",
        ]
        read_only_fields = fields


class MilestoneDatesSerializer(serializers.Serializer[Any]):
    milestone = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="The id of one of the initiative's milestones.",
        error_messages={
            "min_value": "Give the id of one of the initiative's milestones.",
            "max_value": "Give the id of one of the initiative's milestones.",
        },
    )
    forecast = serializers.DateField(
        required=False, allow_null=True, help_text="Left out: kept as it is."
    )
    completed_on = serializers.DateField(
        required=False, allow_null=True, help_text="Left out: kept as it is."
    )


PERCENT = "Enter a percentage from 0 to 100."


class ReturnFieldsSerializer(serializers.Serializer[Any]):
    """The fields of a return a person writes. A field left out keeps its stored value."""

    status = ScopedSlug(
        StatusValue,
        _statuses,
        "code",
        required=False,
        allow_null=True,
        help_text="A status code of your organisation's scale (see /statuses/), e.g. green.",
        error_messages={
            "does_not_exist": "Choose a status code from /statuses/, such as green: there is "
            "no status {slug_name}={value}.",
            "invalid": "Give the status as its code, such as green.",
        },
    )
    narrative = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    achievements = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    next_steps = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    risks = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    percent_complete = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=100,
        error_messages={"min_value": PERCENT, "max_value": PERCENT, "invalid": PERCENT},
    )
    completed_on = serializers.DateField(
        required=False,
        allow_null=True,
        error_messages={"invalid": "Enter the date completed as YYYY-MM-DD, e.g. 2021-12-17."},
    )
    milestones = MilestoneDatesSerializer(
        many=True, required=False, help_text="New dates for some of the initiative's milestones."
    )
    submit = serializers.BooleanField(
        default=False,
        help_text="true submits the return for review; false (the default) saves a draft.",
    )


class ReturnEditSerializer(ReturnFieldsSerializer):
    expected_version = serializers.IntegerField(
        min_value=1,
        help_text="The version of the return you read. If someone has saved it since, "
        "nothing is saved and the answer is 409 with what they changed.",
        error_messages={
            "required": "Send expected_version: the return's version when you read it.",
            "invalid": "Send expected_version as a whole number: the version you read.",
        },
    )


class ReturnCreateSerializer(ReturnFieldsSerializer):
    initiative = ScopedPrimaryKey(Initiative, _initiatives, "initiatives")
    period = ScopedPrimaryKey(
        ReportingPeriod,
        _periods,
        "reporting periods",
        required=False,
        help_text="Left out: the open period.",
    )


class ReviewSerializer(serializers.Serializer[Any]):
    expected_version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The version you reviewed: if the return changed since, nothing happens "
        "and the answer is 409.",
    )


class ReturnToLeadSerializer(ReviewSerializer):
    comment = serializers.CharField(
        allow_blank=True, help_text="What needs to change; emailed to the return's owners."
    )
