"""The query-string filters of each list: ``/api/v1/initiatives/?service=3&status=in_progress``.

Ids filter by number rather than by looking the record up, so naming another
organisation's record finds nothing instead of saying it exists.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.drainage import set_override

from headway.api.access import membership_of
from headway.api.serializers.fields import MAX_ID
from headway.committee.models import Pack, Report
from headway.indicators.models import Figure, Measure
from headway.progress.models import ReportingPeriod, Update
from headway.progress.permissions import editable_among
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Milestone, Priority


class WholeNumber(forms.IntegerField):
    def __init__(self, *args: Any, low: int = 1, high: int = MAX_ID, **kwargs: Any) -> None:
        message = f"Enter a whole number from {low} to {high}."
        kwargs["error_messages"] = {"invalid": message, "min_value": message, "max_value": message}
        super().__init__(*args, min_value=low, max_value=high, **kwargs)


class IdFilter(filters.NumberFilter):
    """A record's id: a whole number a database can hold, or the filter refuses it (and the
    document says which numbers, so a client knows ``0`` is refused, not a search)."""

    field_class = WholeNumber

    def __init__(self, *args: Any, low: int = 1, high: int = MAX_ID, **kwargs: Any) -> None:
        super().__init__(*args, low=low, high=high, **kwargs)
        set_override(self, "field", {"type": "integer", "minimum": low, "maximum": high})


class FirstValue(forms.TextInput):
    """The text of the parameter's first value, as a client that sends one means it."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return values[0] if values else None


class TrueOrFalse(forms.Field):
    """``true`` or ``false``, as the document's boolean says; anything else is refused, where
    django-filter's own field would read it as "no filter" and answer as if it were not sent."""

    widget = FirstValue

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if value in ("true", "false"):
            return value == "true"
        raise forms.ValidationError("Write true or false.", code="invalid")


class BooleanFilter(filters.BooleanFilter):
    field_class = TrueOrFalse

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The text as sent, not django-filter's widget, which reads what it cannot as None.
        kwargs["widget"] = FirstValue
        super().__init__(*args, **kwargs)
        # A filter by method would be documented as any string.
        set_override(self, "field", {"type": "boolean"})


class TextFilter(filters.CharFilter):
    """Words to match: any text but the null character, which no database column holds
    (Django's form field refuses it; the document says so)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_override(self, "field", {"type": "string", "pattern": "^[^\\x00]*$"})


class PriorityFilter(filters.FilterSet):
    strategy = IdFilter(field_name="strategy_id")

    class Meta:
        model = Priority
        fields = ["strategy"]


class InitiativeFilter(filters.FilterSet):
    service = IdFilter(field_name="service_id")
    priority = IdFilter(field_name="priorities__id", distinct=True)
    partner = IdFilter(field_name="partners__id", distinct=True)
    kind = filters.ChoiceFilter(choices=Initiative.Kind.choices)
    status = filters.ChoiceFilter(choices=Initiative.Status.choices)
    is_key_project = BooleanFilter()
    external_reference = TextFilter()
    search = TextFilter(field_name="title", lookup_expr="icontains", label="Title has")

    class Meta:
        model = Initiative
        fields = [
            "service",
            "priority",
            "partner",
            "kind",
            "status",
            "is_key_project",
            "external_reference",
            "search",
        ]


class MilestoneFilter(filters.FilterSet):
    initiative = IdFilter(field_name="initiative_id")
    completed = BooleanFilter(
        field_name="completed_on", lookup_expr="isnull", exclude=True, label="Completed"
    )

    class Meta:
        model = Milestone
        fields = ["initiative", "completed"]


class ReportingPeriodFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=ReportingPeriod.State.choices)
    year = IdFilter(low=1900, high=9998)
    quarter = IdFilter(low=1, high=4)

    class Meta:
        model = ReportingPeriod
        fields = ["state", "year", "quarter"]


class UpdateFilter(filters.FilterSet):
    period = IdFilter(field_name="period_id")
    initiative = IdFilter(field_name="initiative_id")
    service = IdFilter(field_name="initiative__service_id")
    state = filters.ChoiceFilter(choices=Update.State.choices)
    status = TextFilter(field_name="status__code", label="Status code")
    period_state = filters.ChoiceFilter(
        field_name="period__state",
        choices=ReportingPeriod.State.choices,
        label="State of the return's period (open: this quarter's returns)",
    )
    editable = BooleanFilter(method="filter_editable", label="Ones I may edit")

    class Meta:
        model = Update
        fields = ["period", "initiative", "service", "state", "status", "period_state"]

    def filter_editable(self, queryset: QuerySet[Update], name: str, value: Any) -> Any:
        if value is None:
            return queryset
        mine = editable_among(membership_of(self.request), queryset)
        return mine if value else queryset.exclude(pk__in=mine.values("pk"))


class ChangeRequestFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=ChangeRequest.State.choices)
    kind = filters.ChoiceFilter(choices=ChangeRequest.Kind.choices)
    initiative = IdFilter(field_name="initiative_id")

    class Meta:
        model = ChangeRequest
        fields = ["state", "kind", "initiative"]


class ConsultationFilter(filters.FilterSet):
    change_request = IdFilter(field_name="change_request_id")
    partner = IdFilter(field_name="partner_id")
    answered = BooleanFilter(method="filter_answered", label="Answered")

    class Meta:
        model = Consultation
        fields = ["change_request", "partner", "answered"]

    def filter_answered(self, queryset: QuerySet[Consultation], name: str, value: Any) -> Any:
        if value is None:
            return queryset
        return queryset.exclude(response="") if value else queryset.filter(response="")


class ReportFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=Report.State.choices)
    period = IdFilter(field_name="period_id")

    class Meta:
        model = Report
        fields = ["state", "period"]


class PackFilter(filters.FilterSet):
    report = IdFilter(field_name="report_id")
    state = filters.ChoiceFilter(choices=Pack.State.choices)

    class Meta:
        model = Pack
        fields = ["report", "state"]


class MeasureFilter(filters.FilterSet):
    service = IdFilter(field_name="service_id")
    priority = IdFilter(field_name="priority_id")
    partner = IdFilter(field_name="partners")

    class Meta:
        model = Measure
        fields = ["service", "priority", "partner", "is_collected"]


class FigureFilter(filters.FilterSet):
    measure = IdFilter(field_name="measure_id")
    period = IdFilter(field_name="period_id")
    partner = IdFilter(field_name="partner_id")
    whole_service = BooleanFilter(
        field_name="partner", lookup_expr="isnull", label="true: the whole service's own figures"
    )

    class Meta:
        model = Figure
        fields = ["measure", "period", "partner", "whole_service", "state"]
