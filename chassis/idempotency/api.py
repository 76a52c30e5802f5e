"""The Idempotency-Key header in a DRF view: claim the key, write once, replay.

Semantics of the IETF HTTP APIs working group's draft: the same key with
the same body replays the first answer; with another body it is a 422;
while the first request is still running, a 409. Keys expire after
settings.IDEMPOTENCY_KEY_TTL_SECONDS. See docs/05-consistency.md,
"Idempotency keys".
"""

import hashlib
import json
import re
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from chassis.idempotency.keys import (
    KeyInFlight,
    KeyReused,
    KeyTakenOver,
    StoredAnswer,
    key_claim,
)

HEADER = "Idempotency-Key"
# Says that an answer is the first request's, replayed.
REPLAYED = "Idempotent-Replayed"
# The headers of a first answer that its replays repeat.
KEPT_HEADERS = ("Location", "ETag")
# The draft makes the key a quoted string; a bare one is taken too. Visible
# ASCII only, up to 255 characters: a UUID is the usual choice. The OpenAPI
# schema states the same pattern.
KEY_PATTERN = (
    r'^\s*("([\x20\x21\x23-\x5b\x5d-\x7e]{1,255})"'
    r"|([\x21\x23-\x2b\x2d-\x7e]{1,255}))\s*$"
)

T = TypeVar("T")
Record = Callable[[T], None]


class IdempotencyKeyReused(exceptions.APIException):
    """The key was first sent with another body."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = (
        "This Idempotency-Key was first sent with another body. Use a new key "
        "for a new request."
    )
    default_code = "idempotency_key_reused"


class IdempotencyKeyInFlight(exceptions.APIException):
    """The first request with this key has not answered yet."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = (
        "A request with this Idempotency-Key is still being processed. Send it "
        "again shortly to get its answer."
    )
    default_code = "idempotency_key_in_flight"

    def __init__(self) -> None:
        super().__init__()
        # DRF sends it as Retry-After.
        self.wait = 1


IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    pattern=KEY_PATTERN,
    description=(
        "A key you choose for this request, such as a new UUID. Sent again with "
        "the same body, the first answer is replayed and nothing is created "
        "twice; keys are kept for 24 hours (IDEMPOTENCY_KEY_TTL_SECONDS)."
    ),
)
REPLAYED_HEADER = OpenApiParameter(
    REPLAYED,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[201],
    description="`true` when this is the first answer to this key, replayed.",
)
IDEMPOTENCY_RESPONSES = {
    409: OpenApiResponse(
        description=(
            "A request with this Idempotency-Key is still being processed; "
            "send it again shortly (Retry-After)."
        )
    ),
    422: OpenApiResponse(
        description="This Idempotency-Key was first sent with another body."
    ),
}


def idempotency_key(request: Request) -> str | None:
    """Return the request's key, None without one; a malformed key is a 400."""
    value = request.headers.get(HEADER)
    if value is None:
        return None
    if found := re.match(KEY_PATTERN, value):
        # The key inside the quotes, or the bare key.
        return found[2] or found[3]
    if ", " in value:
        # Two header lines reach Django joined by ", ", which no key holds.
        raise exceptions.ParseError(f"Send one {HEADER}, not several.")
    raise exceptions.ParseError(
        f"{HEADER} must be 1 to 255 visible ASCII characters, quoted or not, "
        'such as "7f3c2a9e-4b1d-4e8a-9c55-0d2f6b1e8a47".'
    )


def body_fingerprint(data: object) -> str:
    """Hash a parsed body, so the same JSON sent with other spacing matches."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replayed(answer: StoredAnswer) -> Response:
    """Rebuild the first answer, marked as replayed."""
    headers = {**answer.headers, REPLAYED: "true"}
    return Response(answer.body, status=answer.status_code, headers=headers)


def idempotent(
    request: Request,
    *,
    write: Callable[[Record[T] | None], T],
    respond: Callable[[T], Response],
) -> Response:
    """Run `write` once per Idempotency-Key and answer with `respond`.

    `write` is handed a `record` to call inside its transaction with what
    it wrote; the answer is stored there, so it commits with the write.
    Without a key, `write` gets None and runs as it always did.
    """
    key = idempotency_key(request)
    if key is None:
        return respond(write(None))
    scope = f"{request.method} {request.path}"
    try:
        claim = key_claim(
            scope=scope, key=key, fingerprint=body_fingerprint(request.data)
        )
    except KeyReused:
        raise IdempotencyKeyReused from None
    except KeyInFlight:
        raise IdempotencyKeyInFlight from None
    if isinstance(claim, StoredAnswer):
        return _replayed(claim)
    answers: list[Response] = []

    def record(result: T) -> None:
        response = respond(result)
        kept = {name: response[name] for name in KEPT_HEADERS if name in response}
        claim.complete(
            status_code=response.status_code, body=response.data, headers=kept
        )
        answers.append(response)

    try:
        write(record)
    except KeyTakenOver:
        raise IdempotencyKeyInFlight from None
    except BaseException:
        claim.release()
        raise
    if not answers:
        raise ImproperlyConfigured("The write did not record its answer.")
    return answers[0]
