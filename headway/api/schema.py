"""The OpenAPI document: what drf-spectacular reads from the views, plus what it cannot.

Every operation lists the errors it can answer with (the shapes ``errors`` gives them), so
a client — and schemathesis — can rely on each response matching the document.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

PROBLEM = ["application/problem+json"]


class ProblemSerializer(serializers.Serializer[Any]):
    """An RFC 9457 problem: every error the API answers with has these members."""

    type = serializers.CharField(
        help_text="A URI naming the kind of problem: urn:headway:problem: and its code."
    )
    title = serializers.CharField(help_text="The HTTP status's name.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong and, where it can, how to fix it.")
    code = serializers.CharField(
        help_text="A fixed word for programs: invalid, not_authenticated, "
        "authentication_failed, permission_denied, csrf_failed, not_found, "
        "method_not_allowed, not_acceptable, unsupported_media_type, throttled, "
        "edit_conflict, period_closed, report_published, server_error, …"
    )


class FieldErrorsField(serializers.DictField):
    """Each field's messages: a list of strings, or for a list of items (a return's
    milestones, say) each wrong item's messages by field, keyed by its position."""

    child = serializers.JSONField()


class ValidationProblemSerializer(ProblemSerializer):
    """400: what to fix, field by field."""

    errors = FieldErrorsField(  # type: ignore[assignment]
        help_text="Messages for each field sent (for a list of items, by the item's "
        "position and field); messages about the request as a whole come under "
        "non_field_errors."
    )


class FieldChangeSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    before = serializers.CharField()
    after = serializers.CharField()


class ConflictProblemSerializer(ProblemSerializer):
    """409: the thing moved on. For a return saved by someone else, what they changed."""

    current_version = serializers.IntegerField(
        required=False, help_text="Save again with this as expected_version."
    )
    changed_by = serializers.CharField(required=False, allow_null=True)
    changed_at = serializers.DateTimeField(required=False, allow_null=True)
    changes = FieldChangeSerializer(many=True, required=False)


WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
BODY_METHODS = ("POST", "PUT", "PATCH")


class HeadwaySchema(AutoSchema):
    """Adds the errors every operation may answer with, as problem details."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        errors: dict[str, Any] = {
            "400": OpenApiResponse(
                ValidationProblemSerializer, "The request cannot be done as sent."
            ),
            "401": OpenApiResponse(ProblemSerializer, "No token or session, or a revoked token."),
            "403": OpenApiResponse(
                ProblemSerializer, "Your role may not do this, or a session sent no CSRF token."
            ),
            "404": OpenApiResponse(ProblemSerializer, "Not found in your organisation."),
            "406": OpenApiResponse(ProblemSerializer, "The Accept header refuses JSON."),
            "500": OpenApiResponse(ProblemSerializer, "Something went wrong on Headway's side."),
        }
        if self.method in WRITE_METHODS:
            errors["409"] = OpenApiResponse(
                ConflictProblemSerializer,
                "Changed since you read it, in a closed period, or published.",
            )
        if self.method in BODY_METHODS:
            errors["415"] = OpenApiResponse(ProblemSerializer, "The body is not JSON.")
        for code, body in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(body, code, PROBLEM, direction)
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "headway.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from the API tokens page (or `headway token create`): "
            "`Authorization: Bearer hw_…`. It acts with its owner's role in the "
            "organisation it was made for.",
        }
