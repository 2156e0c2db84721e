"""Every refusal in one shape, whatever raised it.

Bad input is 400 with messages by field (``{"narrative": ["Describe the progress …"]}``);
everything else is ``{"detail": "…", "code": "…"}``: 401 who are you, 403 not allowed,
404 not found (or not yours), 409 the thing has moved on (someone else saved the return,
its period closed, the report was published). The domain's own errors (Django's
``ValidationError`` and ``PermissionDenied``, ``PeriodClosed``, ``EditConflict``,
``ReportLocked``) are mapped here, so no view catches them itself.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from headway.committee.models.report import ReportLocked
from headway.progress.errors import EditConflict, PeriodClosed


def field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """A domain ``ValidationError`` as DRF words one: messages by field."""
    key = api_settings.NON_FIELD_ERRORS_KEY
    if hasattr(error, "error_dict"):
        return {
            (key if field == NON_FIELD_ERRORS else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {key: [str(m) for m in error.messages]}


def conflict_body(conflict: EditConflict) -> dict[str, Any]:
    return {
        "detail": str(conflict),
        "code": "edit_conflict",
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


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, EditConflict):
        return Response(conflict_body(exc), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, PeriodClosed):
        return Response(
            {"detail": str(exc), "code": "period_closed"}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, ReportLocked):
        return Response(
            {"detail": str(exc), "code": "report_published"}, status=status.HTTP_409_CONFLICT
        )
    exc = _translated(exc)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    if (
        response is not None
        and isinstance(exc, exceptions.APIException)
        and not isinstance(exc, exceptions.ValidationError)
        and isinstance(response.data, dict)
        and "detail" in response.data
    ):
        response.data["code"] = getattr(exc.detail, "code", None) or exc.default_code
    return response
