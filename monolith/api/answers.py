"""The edge's own answers, for a request it could not get a service to answer.

A request that never reached the service changed nothing: 503, which may be
sent again. A write that may have reached it is a 504 (timed out) or a 502
(connection broken), saying the outcome is unknown. A URL httpx will not
send is the client's: 414 or 400. See docs/02-users-service.md, "Failure
modes".
"""

import logging
from http import HTTPStatus

import httpx
from django.conf import settings
from django.http import HttpRequest, JsonResponse

from chassis.errors import service_unavailable_response

logger = logging.getLogger(__name__)

# The longest URL httpx sends; gunicorn and Django let longer ones through.
MAX_URL_LENGTH = 65_536
# Requests that change nothing, so sending one again is always safe.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The header that makes a write safe to send again (chassis/idempotency),
# and the writes that honour it: creating a user, placing an order.
IDEMPOTENCY_KEY = "Idempotency-Key"
KEYED_CREATES = frozenset({"/api/users/", "/api/orders/"})
# Failures before the request left the edge: the service saw nothing of it.
UNSENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.LocalProtocolError,
    httpx.UnsupportedProtocol,
)


def unforwardable_response(url: str, *, service: str) -> JsonResponse:
    """Answer a URL httpx will not send: 414 if too long, 400 otherwise."""
    if len(url) > MAX_URL_LENGTH:
        detail = f"The URL is longer than the {MAX_URL_LENGTH} characters forwarded."
        return JsonResponse({"detail": detail}, status=HTTPStatus.REQUEST_URI_TOO_LONG)
    detail = f"The URL cannot be forwarded to {service}."
    return JsonResponse({"detail": detail}, status=HTTPStatus.BAD_REQUEST)


def unanswered_response(
    request: HttpRequest, exc: httpx.RequestError, *, service: str
) -> JsonResponse:
    """Answer a request the service did not answer: 503, or 504/502 for a write.

    A write that failed once sent may have been made, only its answer lost:
    a 503 with Retry-After would invite the client to make it twice, so it
    is a 504 (timed out) or a 502 (connection broken) saying the outcome is
    unknown, with no Retry-After. What never left the edge changed nothing
    and may be tried again. Idempotency keys are the real fix: with one, a
    client repeats a write and the service makes it once, so the answer to
    a keyed write says so. See docs/02-users-service.md, "Failure modes",
    and docs/05-consistency.md, "Idempotency keys".
    """
    logger.warning(
        "%s did not answer %s %s: %s: %s",
        service.capitalize(),
        request.method,
        exc.request.url,
        type(exc).__name__,
        exc,
    )
    timed_out = isinstance(exc, httpx.TimeoutException)
    if request.method in SAFE_METHODS or isinstance(exc, UNSENT):
        return unavailable_response(timed_out=timed_out, service=service)
    keyed = (
        request.method == "POST"
        and request.path in KEYED_CREATES
        and IDEMPOTENCY_KEY in request.headers
    )
    return outcome_unknown_response(timed_out=timed_out, service=service, keyed=keyed)


def unavailable_response(*, timed_out: bool, service: str) -> JsonResponse:
    """Answer 503 with Retry-After: nothing changed, so it may be sent again."""
    if timed_out:
        deadline = settings.EDGE_DEADLINE
        detail = f"{service.capitalize()} did not answer within {deadline:g} s."
        return service_unavailable_response(detail)
    return service_unavailable_response(f"{service.capitalize()} cannot be reached.")


def outcome_unknown_response(
    *, timed_out: bool, service: str, keyed: bool
) -> JsonResponse:
    """Answer 504 (timed out) or 502 (cut off): a write may have been made.

    `keyed`: the write carried an Idempotency-Key, so sending it again with
    the same key is safe, and the answer says so.
    """
    if timed_out:
        deadline = settings.EDGE_DEADLINE
        failure = f"{service.capitalize()} did not answer within {deadline:g} s"
    else:
        failure = f"The connection to {service} broke before it answered"
    advice = (
        "Sending it again with the same Idempotency-Key is safe: it is made once."
        if keyed
        else "Read the resource to find out before trying again."
    )
    detail = f"{failure}, so the change may or may not have been made. {advice}"
    status = HTTPStatus.GATEWAY_TIMEOUT if timed_out else HTTPStatus.BAD_GATEWAY
    return JsonResponse({"detail": detail}, status=status)
