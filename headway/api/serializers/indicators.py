"""Performance measures, their targets and figures. Writing a figure goes through
``headway.indicators.cycle``, exactly as the form does."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from headway.api.access import membership_of
from headway.api.serializers.fields import ScopedPrimaryKey
from headway.indicators.models import Figure, Measure, Target
from headway.progress.models import ReportingPeriod
from headway.strategy.models import Partner

NUMBER = {"max_digits": 16, "decimal_places": 2, "coerce_to_string": True}


def _org(context: dict[str, Any]) -> int:
    return membership_of(context["request"]).organisation_id


def _measures(context: dict[str, Any]) -> QuerySet[Measure]:
    return Measure.objects.of(_org(context))


def _periods(context: dict[str, Any]) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(organisation_id=_org(context))


def _partners(context: dict[str, Any]) -> QuerySet[Partner]:
    return Partner.objects.filter(organisation_id=_org(context))


class TargetSerializer(serializers.ModelSerializer[Target]):
    class Meta:
        model = Target
        fields = ["id", "year", "quarter", "partner", "value", "tolerance_kind", "tolerance"]
        read_only_fields = fields


class MeasureSerializer(serializers.ModelSerializer[Measure]):
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "reference",
            "name",
            "definition",
            "unit",
            "polarity",
            "frequency",
            "service",
            "priority",
            "partners",
            "whole_service",
            "weight_label",
            "is_collected",
            "targets",
        ]
        read_only_fields = fields


class ReadingSerializer(serializers.Serializer[Any]):
    """One row of a measure in a quarter: a council, or the whole service (partner null)."""

    partner = serializers.IntegerField(source="partner.pk", allow_null=True, read_only=True)
    council = serializers.CharField(source="partner_name", read_only=True)
    value = serializers.DecimalField(**NUMBER, allow_null=True, read_only=True)  # type: ignore[arg-type]
    target = serializers.DecimalField(**NUMBER, allow_null=True, read_only=True)  # type: ignore[arg-type]
    status = serializers.CharField(read_only=True)
    short_term = serializers.CharField(read_only=True, help_text="Against the previous quarter.")
    long_term = serializers.CharField(
        read_only=True, help_text="Against the same quarter a year before."
    )
    computed = serializers.BooleanField(read_only=True)


class MeasureReadingsSerializer(serializers.Serializer[Any]):
    quarter = serializers.CharField(source="quarter.label", read_only=True)
    rows = ReadingSerializer(many=True, read_only=True)


class FigureSerializer(serializers.ModelSerializer[Figure]):
    """A figure as stored. ``version`` is what to send back as ``expected_version``."""

    measure_reference = serializers.CharField(source="measure.reference", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)

    class Meta:
        model = Figure
        fields = [
            "id",
            "measure",
            "measure_reference",
            "period",
            "period_label",
            "partner",
            "value",
            "weight",
            "exception_why",
            "exception_action",
            "exception_recovery",
            "state",
            "review_comment",
            "version",
            "submitted_at",
            "reviewed_at",
            "updated_at",
        ]
        read_only_fields = fields


class FigureEntrySerializer(serializers.Serializer[Any]):
    """A figure to save as a draft or submit, for the open period (unless ``period``)."""

    measure = ScopedPrimaryKey(Measure, _measures, "measures")
    period = ScopedPrimaryKey(
        ReportingPeriod,
        _periods,
        "reporting periods",
        required=False,
        help_text="Left out: the open period.",
    )
    partner = ScopedPrimaryKey(
        Partner,
        _partners,
        "partner councils",
        allow_null=True,
        help_text="The council; null for the whole service's own return.",
    )
    value = serializers.DecimalField(**NUMBER, allow_null=True)  # type: ignore[arg-type]
    weight = serializers.DecimalField(**NUMBER, allow_null=True, required=False)  # type: ignore[arg-type]
    exception_why = serializers.CharField(required=False, allow_blank=True, default="")
    exception_action = serializers.CharField(required=False, allow_blank=True, default="")
    exception_recovery = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    submit = serializers.BooleanField(
        default=False, help_text="true submits the figure for review; false saves a draft."
    )
    expected_version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you read, if the figure exists."
    )


class FigureReviewSerializer(serializers.Serializer[Any]):
    expected_version = serializers.IntegerField(required=False, min_value=1)


class FigureReturnSerializer(FigureReviewSerializer):
    comment = serializers.CharField(help_text="What the lead should change.")


class FigureCorrectionSerializer(serializers.Serializer[Any]):
    value = serializers.DecimalField(**NUMBER, allow_null=True)  # type: ignore[arg-type]
    weight = serializers.DecimalField(**NUMBER, allow_null=True, required=False)  # type: ignore[arg-type]
    exception_why = serializers.CharField(required=False, allow_blank=True, default="")
    exception_action = serializers.CharField(required=False, allow_blank=True, default="")
    exception_recovery = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    reason = serializers.CharField(help_text="Why the approved figure is corrected.")
