"""Conditional requests: entity tags made from version numbers, If-None-Match, If-Match.

A resource's ETag is built from the version numbers of what its
representation shows, so it changes exactly when the representation does.
A GET whose If-None-Match names the current tag is answered 304 without a
body; a write whose If-Match names another tag is refused with 412 by the
service, which compares the tags under the row's lock. See
docs/05-consistency.md, "Versions in the API".
"""

import re
from dataclasses import dataclass

from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

# One entity tag: an optional weakness prefix, then any visible characters
# but a double quote, between double quotes (RFC 9110, section 8.8.3).
ENTITY_TAG = r'(W/)?"[\x21\x23-\x7e]*"'
# What If-Match and If-None-Match may hold: `*`, or a list of tags. The
# OpenAPI schema states it too, so a client generated from it sends no other.
ENTITY_TAGS = rf"^\s*(\*|{ENTITY_TAG}(\s*,\s*{ENTITY_TAG})*)\s*$"


class PreconditionFailed(exceptions.APIException):
    """The resource has changed since the client read it: If-Match names another tag."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self, *, detail: str, etag: str, version: int) -> None:
        """Name the current tag and version, so the client knows what to read again."""
        super().__init__(detail)
        self.etag = etag
        self.version = version


@dataclass(frozen=True)
class EntityTags:
    """The tags a conditional header names, or `*` for any current one."""

    tags: tuple[str, ...] = ()
    any: bool = False

    def match_strong(self, etag: str) -> bool:
        """Compare as If-Match must: a weak tag never matches (RFC 9110, 13.1.1)."""
        return self.any or (not etag.startswith("W/") and etag in self.tags)

    def match_weak(self, etag: str) -> bool:
        """Compare as If-None-Match must: the opaque parts only (RFC 9110, 13.1.2)."""
        return self.any or etag.removeprefix("W/") in {
            tag.removeprefix("W/") for tag in self.tags
        }


def etag_of(*versions: int) -> str:
    """Return the strong tag of a representation built from these versions: `"3.7"`."""
    return '"' + ".".join(str(version) for version in versions) + '"'


def parse_entity_tags(value: str) -> EntityTags | None:
    """Parse `*` or a comma-separated list of entity tags; None if it is neither."""
    if not re.match(ENTITY_TAGS, value):
        return None
    if value.strip() == "*":
        return EntityTags(any=True)
    return EntityTags(tags=tuple(part.strip() for part in value.split(",")))


def conditional_header(request: Request, name: str) -> EntityTags | None:
    """Return the tags of the request's If-Match or If-None-Match, None if absent.

    A malformed header is a 400, never ignored: a write whose If-Match were
    dropped for a missing pair of quotes would happen unconditionally.
    """
    value = request.headers.get(name)
    if value is None:
        return None
    if (tags := parse_entity_tags(value)) is None:
        raise exceptions.ParseError(
            f'{name} must be * or entity tags in double quotes, such as "3".'
        )
    return tags


def if_match(request: Request) -> EntityTags | None:
    """Return what the request's If-Match names, or None: the write is unconditional."""
    return conditional_header(request, "If-Match")


def tagged(response: Response, etag: str) -> Response:
    """Give a response the ETag of the representation it carries."""
    response["ETag"] = etag
    return response


def not_modified(request: Request, *, etag: str) -> Response | None:
    """Return a 304 if the request's If-None-Match names etag, else None."""
    tags = conditional_header(request, "If-None-Match")
    if tags is None or not tags.match_weak(etag):
        return None
    return tagged(Response(status=status.HTTP_304_NOT_MODIFIED), etag)
