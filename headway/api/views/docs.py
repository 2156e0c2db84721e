"""The OpenAPI document and its readable form, served with no request to anywhere else.

Swagger UI's files come from drf-spectacular-sidecar through Headway's own static files,
so the docs work for a council whose network reaches nothing outside.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from headway import csp
from headway.accounts.access import public
from headway.api.errors import problem_response


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document. Public: the API's shape is no secret, its data is."""

    access = "public"
    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI: read the API, and try it with a token or the signed-in session.

    The split view serves Swagger UI's set-up script as a file (``?script``), so the page
    has no inline script; its one <style> block is allowed by hash."""

    access = "public"
    permission_classes = [AllowAny]
    url_name = "api:schema"
    title = "Headway API"

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            response.render()
            # drf-spectacular's page names no language; screen readers need it (WCAG 3.1.1).
            response.content = response.content.replace(b"<html>", b'<html lang="en-GB">', 1)
            if response.get("Content-Type", "").startswith("text/html"):
                response[csp.HEADER] = csp.policy_for_own_styles(response.content.decode())
        return response


@public
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Anything else under /api/v1/: a 404 in the API's own shape, not an HTML page."""
    detail = (
        "There is nothing at this address. The API's addresses are listed in its "
        "documentation at /api/v1/docs/."
    )
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            detail = f"The API's addresses end with a slash: use {request.path}/ instead."
    return problem_response(404, detail, "not_found")
