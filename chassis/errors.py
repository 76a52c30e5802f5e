"""Error answers every project gives, and the exception handler they build on.

Each project's own exception handler translates its domain errors and hands
the rest to `render_exception`, which also answers the requests Django
refuses to read (413, 400), in the API's one error shape.
"""

from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
)
from django.http import HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler

from chassis.conditional import PreconditionFailed

# How long a client should wait before trying again when a service it needs
# is down (the Retry-After header of every 503).
RETRY_AFTER_SECONDS = 5
# The most of a refused body read (and dropped) so the 413 reaches the client.
DISCARD_LIMIT = 16 * 1024 * 1024

Translate = Callable[[Exception], exceptions.APIException | None]


class Conflict(exceptions.APIException):
    """The request is valid but the resource's current state forbids it."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource's current state does not allow this."
    default_code = "conflict"


class BodyTooLarge(exceptions.APIException):
    """The request body is larger than the server reads."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"


class BadRequest(exceptions.APIException):
    """A request Django refuses to read, such as one with too many query parameters."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request is malformed."
    default_code = "bad_request"


class InconsistentData(exceptions.APIException):
    """Stored data breaks an invariant the code keeps; no request can repair it."""

    status_code = status.HTTP_500_INTERNAL_SERVER_ERROR
    default_code = "inconsistent_data"


class DependencyUnavailable(exceptions.APIException):
    """A service this one needs did not answer; the client may try again later."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "dependency_unavailable"


def service_unavailable_response(detail: str) -> JsonResponse:
    """Answer 503 in the API's error shape, outside a DRF view."""
    response = JsonResponse({"detail": detail}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def discard_body(request: HttpRequest) -> None:
    """Read and drop what is left of a refused body, up to DISCARD_LIMIT bytes.

    A server that closes a connection with unread bytes in it resets it, and
    the client may lose the 413 it was sent; reading the rest first lets it
    arrive. Beyond the limit the connection is left to be reset.
    """
    left = DISCARD_LIMIT
    while left > 0 and (chunk := request.read(min(left, 64 * 1024))):
        left -= len(chunk)


def body_too_large_response(request: HttpRequest) -> JsonResponse:
    """Answer 413 in the API's error shape, outside a DRF view."""
    discard_body(request)
    detail = BodyTooLarge(_too_large_message()).detail
    return JsonResponse({"detail": str(detail)}, status=413)


def _too_large_message() -> str:
    """Name the body size limit."""
    return (
        f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
    )


def request_exception(exc: SuspiciousOperation) -> exceptions.APIException:
    """Translate Django's refusal to read a request into a 413 or a 400."""
    if isinstance(exc, RequestDataTooBig):
        return BodyTooLarge(_too_large_message())
    if isinstance(exc, TooManyFieldsSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return BadRequest(f"The request has more than {limit} parameters.")
    return BadRequest()


def render_exception(
    exc: Exception, context: dict[str, object], *, translate: Translate
) -> Response | None:
    """Render an exception like DRF's own, after the project's own translation."""
    if (translated := translate(exc)) is not None:
        exc = translated
    elif isinstance(exc, SuspiciousOperation):
        if isinstance(exc, RequestDataTooBig) and "request" in context:
            discard_body(cast(Request, context["request"])._request)
        exc = request_exception(exc)
    response = exception_handler(exc, context)
    if (
        response is not None
        and response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
    ):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if response is not None and isinstance(exc, PreconditionFailed):
        # What changed, and the tag to send next time, as a GET would give it.
        response.data = {**response.data, "etag": exc.etag, "version": exc.version}
        response["ETag"] = exc.etag
    return response


def _translate_nothing(exc: Exception) -> None:
    """Leave every exception as it is: the project has no domain exceptions."""
    return None


def plain_exception_handler(
    exc: Exception, context: dict[str, object]
) -> Response | None:
    """Render exceptions like DRF's own, for a project with no domain of its own."""
    return render_exception(exc, context, translate=_translate_nothing)
