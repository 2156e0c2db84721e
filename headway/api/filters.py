"""The query-string filters of each list: ``/api/v1/initiatives/?service=3&status=in_progress``.

Ids filter by number rather than by looking the record up, so naming another
organisation's record finds nothing instead of saying it exists.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from headway.api.access import membership_of
from headway.committee.models import Pack, Report
from headway.progress.models import ReportingPeriod, Update
from headway.progress.permissions import editable_among
from headway.roadmap.models import ChangeRequest, Consultation
from headway.strategy.models import Initiative, Milestone, Priority


class PriorityFilter(filters.FilterSet):
    strategy = filters.NumberFilter(field_name="strategy_id")

    class Meta:
        model = Priority
        fields = ["strategy"]


class InitiativeFilter(filters.FilterSet):
    service = filters.NumberFilter(field_name="service_id")
    priority = filters.NumberFilter(field_name="priorities__id", distinct=True)
    partner = filters.NumberFilter(field_name="partners__id", distinct=True)
    kind = filters.ChoiceFilter(choices=Initiative.Kind.choices)
    status = filters.ChoiceFilter(choices=Initiative.Status.choices)
    is_key_project = filters.BooleanFilter()
    external_reference = filters.CharFilter()
    search = filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title has")

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
    initiative = filters.NumberFilter(field_name="initiative_id")
    completed = filters.BooleanFilter(
        field_name="completed_on", lookup_expr="isnull", exclude=True, label="Completed"
    )

    class Meta:
        model = Milestone
        fields = ["initiative", "completed"]


class ReportingPeriodFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=ReportingPeriod.State.choices)
    year = filters.NumberFilter()
    quarter = filters.NumberFilter()

    class Meta:
        model = ReportingPeriod
        fields = ["state", "year", "quarter"]


class UpdateFilter(filters.FilterSet):
    period = filters.NumberFilter(field_name="period_id")
    initiative = filters.NumberFilter(field_name="initiative_id")
    service = filters.NumberFilter(field_name="initiative__service_id")
    state = filters.ChoiceFilter(choices=Update.State.choices)
    status = filters.CharFilter(field_name="status__code", label="Status code")
    period_state = filters.ChoiceFilter(
        field_name="period__state",
        choices=ReportingPeriod.State.choices,
        label="State of the return's period (open: this quarter's returns)",
    )
    editable = filters.BooleanFilter(method="filter_editable", label="Ones I may edit")

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
    initiative = filters.NumberFilter(field_name="initiative_id")

    class Meta:
        model = ChangeRequest
        fields = ["state", "kind", "initiative"]


class ConsultationFilter(filters.FilterSet):
    change_request = filters.NumberFilter(field_name="change_request_id")
    partner = filters.NumberFilter(field_name="partner_id")
    answered = filters.BooleanFilter(method="filter_answered", label="Answered")

    class Meta:
        model = Consultation
        fields = ["change_request", "partner", "answered"]

    def filter_answered(self, queryset: QuerySet[Consultation], name: str, value: Any) -> Any:
        if value is None:
            return queryset
        return queryset.exclude(response="") if value else queryset.filter(response="")


class ReportFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=Report.State.choices)
    period = filters.NumberFilter(field_name="period_id")

    class Meta:
        model = Report
        fields = ["state", "period"]


class PackFilter(filters.FilterSet):
    report = filters.NumberFilter(field_name="report_id")
    state = filters.ChoiceFilter(choices=Pack.State.choices)

    class Meta:
        model = Pack
        fields = ["report", "state"]
