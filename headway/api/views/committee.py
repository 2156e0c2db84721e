"""Committee reports and their packs' files, read only: administrators and reviewers see
every report, everyone else those published (``headway.committee.permissions``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, renderers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from headway.accounts.models import Membership
from headway.api import filters
from headway.api.serializers import committee as serializers
from headway.api.views.base import OrganisationViewSet
from headway.committee.models import Pack, PackFile, Report
from headway.committee.permissions import reports_visible_to


def _packs() -> QuerySet[Pack]:
    # A pack's files can be large: lists never read their content.
    return Pack.objects.prefetch_related(
        Prefetch("files", queryset=PackFile.objects.defer("content"))
    )


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    """Reports to the committee, with their packs and where to download each file."""

    model = Report
    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilter
    ordering_fields = ["meeting__date", "published_at", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return (
            reports_visible_to(membership)
            .select_related("meeting__committee", "period")
            .prefetch_related(Prefetch("packs", queryset=_packs()))
        )


class AnyFile(renderers.BaseRenderer):
    """A pack file goes out as it is stored, with its own content type."""

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data: Any, accepted_media_type: Any = None, context: Any = None) -> Any:
        return data


FILE_NAME = r"[A-Za-z0-9._-]+"
FILE_RESPONSES: dict[Any, Any] = {
    (200, content_type): OpenApiTypes.BINARY
    for content_type in sorted(
        {value.split(";")[0] for value in PackFile.CONTENT_TYPES.values()}
        | {"application/octet-stream"}
    )
}


class PackViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    """Generated packs: report.docx, appendix.pptx, report.html, report.pdf, data.json."""

    model = Pack
    serializer_class = serializers.PackSerializer
    filterset_class = filters.PackFilter
    ordering_fields = ["requested_at", "finished_at", "id"]

    def scoped(self, membership: Membership) -> QuerySet[Any]:
        return _packs().filter(report__in=reports_visible_to(membership))

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "name",
                str,
                OpenApiParameter.PATH,
                pattern=f"^{FILE_NAME}$",
                description="The file's name, as the pack lists it: report.pdf.",
            )
        ],
        responses=FILE_RESPONSES,
        summary="Download one of the pack's files",
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=rf"files/(?P<name>{FILE_NAME})",
        url_name="file",
        renderer_classes=[renderers.JSONRenderer, AnyFile],
        filter_backends=[],
        pagination_class=None,
    )
    def file(self, request: Request, pk: str | None = None, name: str = "") -> HttpResponse:
        pack = self.get_object()
        stored = PackFile.objects.filter(pack=pack, name=name).first()
        if stored is None:
            raise Http404(f"This pack has no file called {name}.")
        response = HttpResponse(bytes(stored.content), content_type=stored.content_type)
        response["Content-Disposition"] = f'attachment; filename="{stored.name}"'
        response["Content-Length"] = str(stored.size)
        return response

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(response, Response) and getattr(self, "action", None) == "file":
            # Only refusals are DRF responses here, and they are always JSON.
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)
