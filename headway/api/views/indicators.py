"""Performance measures and their figures: read by every member; figures written through
the form's own rules (``headway.indicators.cycle``)."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from headway.accounts.models import Membership
from headway.api import filters
from headway.api.serializers import indicators as serializers
from headway.api.views.base import OrganisationViewSet
from headway.indicators import cycle
from headway.indicators.access import ENTERERS, figures_visible_to, states_readable_by
from headway.indicators.listing import reported_quarter
from headway.indicators.models import Figure, Measure
from headway.indicators.readings import readings_for
from headway.lib.fy import Quarter
from headway.progress.models import ReportingPeriod
from headway.progress.permissions import REVIEWER_ROLES

# How the API writes a quarter (Quarter.parse reads it): 2021-22-Q3 or 2021-22 Q3.
QUARTER_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}[- ]Q[1-4]$")


class MeasureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    """The organisation's performance measures, with their targets."""

    model = Measure
    serializer_class = serializers.MeasureSerializer
    filterset_class = filters.MeasureFilter
    ordering_fields = ["reference", "id"]
    ordering = ["reference", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return Measure.objects.of(membership.organisation_id).prefetch_related(
            "partners", "targets"
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "quarter",
                OpenApiTypes.STR,
                pattern=QUARTER_PATTERN.pattern,
                description="The quarter, such as 2021-22-Q3; left out, the latest reported. "
                "A quarter written as the pattern says but with years that do not follow each "
                "other (2021-23-Q1) is not found (404).",
            )
        ],
        responses={200: serializers.MeasureReadingsSerializer},
        summary="The measure's figures, targets, status and direction of travel in a quarter",
    )
    @action(detail=True, methods=["get"])
    def readings(self, request: Request, pk: str | None = None) -> Response:
        measure = self.get_object()
        typed = request.query_params.get("quarter")
        if typed is not None and not QUARTER_PATTERN.fullmatch(typed):
            raise ValidationError(
                {"quarter": [f"{typed!r} is not a quarter: write it as 2021-22-Q3."]}
            )
        try:
            quarter = Quarter.parse(typed) if typed else reported_quarter(measure.organisation_id)
        except ValueError as error:
            raise NotFound(str(error)) from None
        if quarter is None:
            raise NotFound("No quarter has been reported yet: name one with ?quarter=2021-22-Q3.")
        [reading] = readings_for(
            measure.organisation_id, quarter, [measure], states_readable_by(self.membership)
        )
        return Response(serializers.MeasureReadingsSerializer(reading).data)


class FigureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    """Measures' figures. Partner contacts and viewers read approved figures only. Entering
    one follows the form's rules: a lead of the measure's service or an administrator, the
    open period, and an exception note when it is off target."""

    model = Figure
    serializer_class = serializers.FigureSerializer
    filterset_class = filters.FigureFilter
    ordering_fields = ["period__year", "period__quarter", "measure__reference", "id"]
    ordering = ["id"]
    write_access = ENTERERS
    action_access = {
        "approve": REVIEWER_ROLES,
        "return_to_lead": REVIEWER_ROLES,
        "correct": REVIEWER_ROLES,
    }
    http_method_names = ["get", "post", "head", "options"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return figures_visible_to(membership).select_related("measure", "period", "partner")

    def _answer(self, figure: Figure, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.scoped(self.membership).get(pk=figure.pk)
        return Response(serializers.FigureSerializer(fresh, context=self.context()).data, code)

    @extend_schema(
        request=serializers.FigureEntrySerializer,
        responses={200: serializers.FigureSerializer},
        summary="Save a figure as a draft, or submit it for review",
    )
    def create(self, request: Request) -> Response:
        form = serializers.FigureEntrySerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        period = (
            data.get("period")
            or ReportingPeriod.objects.filter(
                organisation_id=self.membership.organisation_id, state=ReportingPeriod.State.OPEN
            ).first()
        )
        if period is None:
            raise ValidationError({"period": ["No reporting period is open."]})
        entry = cycle.FigureEntry(
            data["value"],
            data.get("weight"),
            data["exception_why"],
            data["exception_action"],
            data["exception_recovery"],
        )
        figure = cycle.save_figure(
            data["measure"],
            period,
            data["partner"],
            entry,
            self.membership,
            data["submit"],
            data.get("expected_version"),
        )
        return self._answer(figure)

    @extend_schema(
        request=serializers.FigureReviewSerializer,
        responses={200: serializers.FigureSerializer},
        summary="Approve a submitted figure",
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        figure = self.get_object()
        form = serializers.FigureReviewSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        approved = cycle.approve_figure(
            figure, self.membership, form.validated_data.get("expected_version")
        )
        return self._answer(approved)

    @extend_schema(
        request=serializers.FigureReturnSerializer,
        responses={200: serializers.FigureSerializer},
        summary="Return a submitted figure to its lead, saying what to change",
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_to_lead(self, request: Request, pk: str | None = None) -> Response:
        figure = self.get_object()
        form = serializers.FigureReturnSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        returned = cycle.return_figure(
            figure,
            self.membership,
            form.validated_data["comment"],
            form.validated_data.get("expected_version"),
        )
        return self._answer(returned)

    @extend_schema(
        request=serializers.FigureCorrectionSerializer,
        responses={200: serializers.FigureSerializer},
        summary="Correct an approved figure, giving the reason",
    )
    @action(detail=True, methods=["post"])
    def correct(self, request: Request, pk: str | None = None) -> Response:
        figure = self.get_object()
        form = serializers.FigureCorrectionSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        entry = cycle.FigureEntry(
            data["value"],
            data.get("weight"),
            data["exception_why"],
            data["exception_action"],
            data["exception_recovery"],
        )
        corrected = cycle.correct_figure(figure, entry, data["reason"], self.membership)
        return self._answer(corrected)
