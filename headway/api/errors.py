"""Every refusal under /api/v1/ in one shape, whatever raised it: RFC 9457 problem details.

The body is ``application/problem+json``::

    {"type": "urn:headway:problem:invalid", "title": "Bad Request", "status": 400,
     "detail": "Correct the fields listed under errors.", "code": "invalid",
     "errors": {"narrative": ["Describe the progress …"]}}

``code`` is a fixed word for programs (``invalid``, ``not_authenticated``,
``authentication_failed``, ``permission_denied``, ``not_found``, ``method_not_allowed``,
``unsupported_media_type``, ``throttled``, ``edit_conflict``, ``period_closed``,
``report_published``, ``csrf_failed``, ``server_error``, …) and ``type`` names it as a URI.
Bad input is 400 with messages by field under ``errors`` (messages about the request as a
whole under ``non_field_errors``); 401 who are you, 403 not allowed, 404 not found (or not
yours), 409 the thing has moved on (someone else saved the return, its period closed, the
report was published). The domain's own errors (Django's ``ValidationError`` and
``PermissionDenied``, ``PeriodClosed``, ``EditConflict``, ``ReportLocked``) are mapped here,
so no view catches them itself; the errors Django answers before DRF sees the request
(an unknown address, a CSRF failure, a server error) use ``problem_response`` from
``headway.views``.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from headway.committee.models.report import ReportLocked
from headway.progress.errors import EditConflict, PeriodClosed

PROBLEM_JSON = "application/problem+json"
API_PREFIX = "/api/v1/"
INVALID_DETAIL = "The request cannot be done as sent: correct the fields listed under errors."


def is_api(request: HttpRequest) -> bool:
    """Whether Headway answers this request in the API's shape rather than with a page."""
    return request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/")


def problem(status_code: int, detail: str, code: str, **extensions: Any) -> dict[str, Any]:
    """An RFC 9457 problem: ``type``, ``title``, ``status``, ``detail`` and our members."""
    return {
        "type": f"urn:headway:problem:{code}",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        "code": code,
        **extensions,
    }


def problem_response(status_code: int, detail: str, code: str, **extensions: Any) -> JsonResponse:
    """A problem for a plain Django view (one DRF never sees)."""
    return JsonResponse(
        problem(status_code, detail, code, **extensions),
        status=status_code,
        content_type=PROBLEM_JSON,
    )


def field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """A domain ``ValidationError`` as DRF words one: messages by field."""
    key = api_settings.NON_FIELD_ERRORS_KEY
    if hasattr(error, "error_dict"):
        return {
            (key if field == NON_FIELD_ERRORS else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {key: [str(m) for m in error.messages]}


def conflict_members(conflict: EditConflict) -> dict[str, Any]:
    """What a client needs to save again: the version now, and who changed what."""
    return {
        "current_version": conflict.current_version,
        "changed_by": str(conflict.changed_by) if conflict.changed_by else None,
        "changed_at": conflict.changed_at.isoformat() if conflict.changed_at else None,
        "changes": [
            {"field": c.field, "label": c.label, "before": c.before, "after": c.after}
            for c in conflict.changes
        ],
    }


def _translated(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(field_errors(exc))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc) or None)
    return exc


def _as_lists(errors: Any) -> dict[str, Any]:
    """DRF's validation detail as ``{field: [messages]}`` (a bare list is the whole request's)."""
    if isinstance(errors, dict):
        return {str(field): value for field, value in errors.items()}
    if isinstance(errors, list):
        return {api_settings.NON_FIELD_ERRORS_KEY: errors}
    return {api_settings.NON_FIELD_ERRORS_KEY: [errors]}


def _problem_for(response: Response, exc: Exception) -> dict[str, Any]:
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        return problem(response.status_code, INVALID_DETAIL, "invalid", errors=_as_lists(data))
    detail = data.get("detail", "") if isinstance(data, dict) else str(data)
    code = (
        getattr(getattr(exc, "detail", None), "code", None)
        or getattr(exc, "default_code", None)
        or "error"
    )
    if response.status_code == status.HTTP_400_BAD_REQUEST:  # A body that is not JSON, say.
        return problem(400, str(detail), str(code), errors=_as_lists([str(detail)]))
    return problem(response.status_code, str(detail), str(code))


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, EditConflict):
        body = problem(409, str(exc), "edit_conflict", **conflict_members(exc))
        return Response(body, status=status.HTTP_409_CONFLICT, content_type=PROBLEM_JSON)
    if isinstance(exc, PeriodClosed):
        body = problem(409, str(exc), "period_closed")
        return Response(body, status=status.HTTP_409_CONFLICT, content_type=PROBLEM_JSON)
    if isinstance(exc, ReportLocked):
        body = problem(409, str(exc), "report_published")
        return Response(body, status=status.HTTP_409_CONFLICT, content_type=PROBLEM_JSON)
    exc = _translated(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # A server error: Django's handler500 answers it (``headway.views``).
    response.data = _problem_for(response, exc)
    response.content_type = PROBLEM_JSON
    return response
