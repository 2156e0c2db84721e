"""Change requests to the maps and partner councils' answers, through headway.roadmap."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from headway.accounts.access import STAFF_ROLES
from headway.accounts.models import Membership, Role
from headway.api import filters
from headway.api.serializers import roadmap as serializers
from headway.api.views.base import OrganisationViewSet
from headway.committee.models import Meeting
from headway.roadmap.changes import open_consultation, propose, revise, withdraw
from headway.roadmap.consultation import answer_consultation
from headway.roadmap.decisions import decide
from headway.roadmap.models import ChangeRequest, Consultation
from headway.roadmap.permissions import change_requests_visible_to, consultations_visible_to


class ChangeRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    """Proposed changes to the priority map and road map, and their consultations.

    Administrators and reviewers propose, consult, withdraw and decide, and read every one;
    a partner contact reads those their council was consulted on; everyone reads the agreed
    ones (as the pages show them)."""

    model = ChangeRequest
    serializer_class = serializers.ChangeRequestSerializer
    filterset_class = filters.ChangeRequestFilter
    ordering_fields = ["proposed_at", "closes_on", "decided_on", "id"]
    write_access = STAFF_ROLES
    http_method_names = ["get", "post", "patch", "head", "options"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        consultations = Consultation.objects.select_related("partner", "answered_by")
        return (
            change_requests_visible_to(membership)
            .select_related("initiative", "priority", "proposed_by")
            .prefetch_related(Prefetch("consultations", queryset=consultations))
        )

    def _answer(self, request: ChangeRequest, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.scoped(self.membership).get(pk=request.pk)
        return Response(
            serializers.ChangeRequestSerializer(fresh, context=self.context()).data, code
        )

    @extend_schema(
        request=serializers.ProposalSerializer,
        responses={201: serializers.ChangeRequestSerializer},
        summary="Propose a change (a draft until it goes out for consultation)",
    )
    def create(self, request: Request) -> Response:
        form = serializers.ProposalSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        proposal = propose(
            self.membership.organisation,
            data["kind"],
            by=self.membership.user,
            rationale=data["rationale"],
            proposed=data.get("proposed"),
            initiative=data.get("initiative"),
        )
        return self._answer(proposal, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.RevisionSerializer,
        responses={200: serializers.ChangeRequestSerializer},
        summary="Change a draft before it goes out for consultation",
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        change = self.get_object()
        form = serializers.RevisionSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        revised = revise(
            change,
            by=self.membership.user,
            rationale=data["rationale"],
            proposed=data.get("proposed", change.proposed),
        )
        return self._answer(revised)

    @extend_schema(
        request=serializers.ConsultSerializer,
        responses={200: serializers.ChangeRequestSerializer},
        summary="Open a draft for consultation with the partner councils it affects",
    )
    @action(detail=True, methods=["post"])
    def consult(self, request: Request, pk: str | None = None) -> Response:
        change = self.get_object()
        form = serializers.ConsultSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        open_consultation(change, form.validated_data["closes_on"], by=self.membership.user)
        return self._answer(change)

    @extend_schema(
        request=None,
        responses={200: serializers.ChangeRequestSerializer},
        summary="Withdraw a draft or a consultation",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        change = self.get_object()
        withdraw(change, by=self.membership.user)
        return self._answer(change)

    def _meeting(self, meeting_id: int | None) -> Meeting | None:
        if meeting_id is None:
            return None
        meeting = Meeting.objects.filter(
            pk=meeting_id, committee__organisation=self.membership.organisation
        ).first()
        if meeting is None:
            raise ValidationError({"meeting": "Choose a meeting of one of your committees."})
        return meeting

    @extend_schema(
        request=serializers.DecisionSerializer,
        responses={200: serializers.ChangeRequestSerializer},
        summary="Record the decision: agreeing applies the change to the maps",
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        change = self.get_object()
        form = serializers.DecisionSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        decide(
            change,
            data["outcome"],
            by=self.membership.user,
            decided_on=data["decided_on"],
            meeting=self._meeting(data["meeting"]),
            note=data["note"],
        )
        return self._answer(change)


class ConsultationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    """Each partner council's answer to a change request. Only a partner contact of the
    council consulted may answer for it, while the consultation is open."""

    model = Consultation
    serializer_class = serializers.ConsultationSerializer
    filterset_class = filters.ConsultationFilter
    ordering_fields = ["created_at", "answered_at", "id"]
    action_access = {"answer": (Role.PARTNER_CONTACT,)}

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return consultations_visible_to(membership).select_related("partner", "answered_by")

    @extend_schema(
        request=serializers.AnswerSerializer,
        responses={200: serializers.ConsultationSerializer},
        summary="Answer for your council: supports, supports with comments, or objects",
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        consultation = self.get_object()
        form = serializers.AnswerSerializer(data=request.data, context=self.context())
        form.is_valid(raise_exception=True)
        answered = answer_consultation(
            consultation,
            self.membership,
            form.validated_data["response"],
            form.validated_data["comment"],
        )
        fresh = self.scoped(self.membership).get(pk=answered.pk)
        return Response(serializers.ConsultationSerializer(fresh, context=self.context()).data)
