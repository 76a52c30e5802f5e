"""OpenAPI additions: say in the schema what the server already enforces."""

from typing import cast

from drf_spectacular.extensions import (
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import Direction
from rest_framework.request import Request

ERROR_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# Answers every operation can give, whatever its view says, because they come
# from the parser, content negotiation or the body size limit.
TRANSPORT_ERRORS = {
    "406": "The Accept header asks for a type other than JSON.",
}
BODY_ERRORS = {
    "413": "The request body is larger than the server reads (1 MiB).",
    "415": "The request body is not JSON (Content-Type: application/json).",
}


class StrictInputSerializerExtension(OpenApiSerializerExtension):
    """Mark the bodies of strict input serializers as closed to other fields.

    `StrictInputSerializer` answers an unknown field with a 400, so the schema
    says `additionalProperties: false` and clients and fuzzers know it.
    """

    target_class = "chassis.serializers.StrictInputSerializer"
    match_subclasses = True

    def map_serializer(
        self, auto_schema: AutoSchema, direction: Direction
    ) -> dict[str, object]:
        """Map the serializer as usual, then close it."""
        schema = auto_schema._map_serializer(
            self.target, direction, bypass_extensions=True
        )
        return {**schema, "additionalProperties": False}


class IdnEmailFieldExtension(OpenApiSerializerFieldExtension):
    """Document every email field as `idn-email`, which is what it takes and shows.

    DRF's EmailField validates with Django's EmailValidator, which accepts a
    domain in Unicode (`zoe@bücher.example`), and the users service stores it
    so; `format: email` allows ASCII only, so answers showing such a user
    would break the schema. See docs/02-users-service.md.
    """

    target_class = "rest_framework.fields.EmailField"
    match_subclasses = True

    def map_serializer_field(
        self, auto_schema: AutoSchema, direction: Direction
    ) -> dict[str, object]:
        """Map the field as usual, then name the format that allows Unicode domains."""
        schema = auto_schema._map_serializer_field(
            self.target, direction, bypass_extensions=True
        )
        return {**schema, "format": "idn-email"}


def document_transport_errors(
    result: dict[str, object],
    generator: SchemaGenerator,
    request: Request | None,
    public: bool,
) -> dict[str, object]:
    """Add the 406, 413 and 415 answers, in the one error shape, to every operation."""
    components = cast(dict[str, dict[str, object]], result["components"])
    components.setdefault("schemas", {}).setdefault("ErrorDetail", ERROR_DETAIL)
    content = {
        "application/json": {"schema": {"$ref": "#/components/schemas/ErrorDetail"}}
    }
    paths = cast(dict[str, dict[str, dict[str, object]]], result["paths"])
    for path_item in paths.values():
        for operation in path_item.values():
            responses = cast(dict[str, object], operation["responses"])
            body = BODY_ERRORS if "requestBody" in operation else {}
            for status, description in (TRANSPORT_ERRORS | body).items():
                responses.setdefault(
                    status, {"description": description, "content": content}
                )
    return result
