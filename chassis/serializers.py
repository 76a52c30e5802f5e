"""Base serializers and OpenAPI error shapes shared by the monolith's APIs."""

from collections.abc import Mapping

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from chassis.conditional import ENTITY_TAGS


class StrictInputSerializer(serializers.Serializer):
    """An input serializer that rejects fields it does not know, naming them.

    Silently ignoring `{"is_active": false}` in a PATCH would look like success.
    """

    def to_internal_value(self, data: object) -> object:
        """Refuse unknown keys before validating the known ones."""
        if isinstance(data, Mapping):
            accepted = ", ".join(self.fields)
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                message = f"Unknown field. Accepted fields: {accepted}."
                raise serializers.ValidationError({key: [message] for key in unknown})
        return super().to_internal_value(data)


class ErrorDetailSerializer(serializers.Serializer):
    """The body of a 404 or 409 answer."""

    detail = serializers.CharField()


LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    location=OpenApiParameter.HEADER,
    response=[201],
    description="The URL of the resource just created.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    pattern=ENTITY_TAGS,
    description=(
        'The ETag of the copy you hold, such as "3". If it is still current, '
        "the answer is 304 with no body."
    ),
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    pattern=ENTITY_TAGS,
    description=(
        'The ETag you read, such as "3": the write is made only if it is '
        "still current, else the answer is 412 and nothing changes. Without "
        "it the write is unconditional."
    ),
)


def etag_header(*statuses: int) -> OpenApiParameter:
    """Describe the ETag header of answers with these statuses."""
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        response=list(statuses),
        description=(
            "The tag of this representation, made from its version numbers. "
            "Send it back in If-None-Match or If-Match."
        ),
    )


class PreconditionFailedSerializer(serializers.Serializer):
    """The body of a 412 answer: what changed, and the current tag and version."""

    detail = serializers.CharField()
    etag = serializers.CharField()
    version = serializers.IntegerField()


NOT_MODIFIED = OpenApiResponse(
    None, description="Not modified: the ETag in If-None-Match is still current."
)
PRECONDITION_FAILED = OpenApiResponse(
    PreconditionFailedSerializer,
    description=(
        "The resource has changed since you read it: If-Match names another "
        "tag. Nothing was changed."
    ),
)
BAD_CONDITION = OpenApiResponse(
    ErrorDetailSerializer,
    description="If-None-Match or If-Match is not `*` or a list of quoted tags.",
)
NOT_FOUND = OpenApiResponse(ErrorDetailSerializer, description="No such id.")
PAGE_NOT_FOUND = OpenApiResponse(
    ErrorDetailSerializer, description="No such page: past the end, or not a number."
)
CONFLICT = OpenApiResponse(
    ErrorDetailSerializer,
    description="The transition is not allowed from the order's current status.",
)


def validation_error(example: dict[str, list[str]]) -> OpenApiResponse:
    """Describe a 400 answer: each field at fault mapped to its messages."""
    return OpenApiResponse(
        OpenApiTypes.OBJECT,
        description=(
            "Invalid input. Each key names a field at fault (or "
            "`non_field_errors`) and holds a list of messages."
        ),
        examples=[OpenApiExample("Invalid input", value=example)],
    )
