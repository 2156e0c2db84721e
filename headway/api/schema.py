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

JSON = ["application/json"]


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField(help_text="What went wrong and, where it can, how to fix it.")
    code = serializers.CharField(
        help_text="A fixed word for programs: not_authenticated, authentication_failed, "
        "permission_denied, not_found, edit_conflict, period_closed, report_published, …"
    )


class FieldChangeSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    before = serializers.CharField()
    after = serializers.CharField()


class ConflictSerializer(ErrorSerializer):
    """409: the thing moved on. For a return saved by someone else, what they changed."""

    current_version = serializers.IntegerField(
        required=False, help_text="Save again with this as expected_version."
    )
    changed_by = serializers.CharField(required=False, allow_null=True)
    changed_at = serializers.DateTimeField(required=False, allow_null=True)
    changes = FieldChangeSerializer(many=True, required=False)


VALIDATION_ERROR: dict[str, Any] = {
    "type": "object",
    "description": "400: what to fix, as a list of messages for each field; messages about "
    "the request as a whole come under non_field_errors.",
    "additionalProperties": {},
    "example": {"field_name": ["What is wrong and how to fix it."]},
}

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class HeadwaySchema(AutoSchema):
    """Adds the errors every operation may answer with."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        errors: dict[str, Any] = {
            "400": OpenApiResponse(VALIDATION_ERROR, "The request cannot be done as sent."),
            "401": OpenApiResponse(ErrorSerializer, "No token or session, or a revoked token."),
            "403": OpenApiResponse(ErrorSerializer, "Your role may not do this."),
            "404": OpenApiResponse(ErrorSerializer, "Not found in your organisation."),
        }
        if self.method in WRITE_METHODS:
            errors["409"] = OpenApiResponse(
                ConflictSerializer,
                "Changed since you read it, in a closed period, or published.",
            )
        for code, body in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(body, code, JSON, direction)
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
