"""The one place where domain exceptions become HTTP responses.

Services raise the exceptions of their app's `exceptions.py`; views never catch
them one by one. This handler maps each to a DRF exception and lets DRF render it.
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
)
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from orders.exceptions import (
    OrderCustomerMissing,
    OrderError,
    OrderInvalid,
    OrderNotAllowed,
    OrderNotFound,
)
from shared.events import EventHandlerFailed
from users.exceptions import UserError, UserInvalid, UserNotFound

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    """The request is valid but the resource's current state forbids it."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource's current state does not allow this."
    default_code = "conflict"


class BodyTooLarge(exceptions.APIException):
    """The request body is larger than the server reads."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"


class ChangeRolledBack(exceptions.APIException):
    """A subscriber failed to handle an event, so the change behind it was undone."""

    status_code = status.HTTP_500_INTERNAL_SERVER_ERROR
    default_code = "change_rolled_back"


class InconsistentData(exceptions.APIException):
    """Stored data breaks an invariant the code keeps; no request can repair it."""

    status_code = status.HTTP_500_INTERNAL_SERVER_ERROR
    default_code = "inconsistent_data"


class BadRequest(exceptions.APIException):
    """A request Django refuses to read, such as one with too many query parameters."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request is malformed."
    default_code = "bad_request"


def to_api_exception(exc: UserError | OrderError) -> exceptions.APIException:
    """Translate a domain exception into the DRF exception with the right status."""
    if isinstance(exc, UserNotFound | OrderNotFound):
        return exceptions.NotFound(str(exc))
    if isinstance(exc, OrderNotAllowed):
        return Conflict(str(exc))
    if isinstance(exc, OrderCustomerMissing):
        logger.error("Inconsistent data: %s", exc)
        return InconsistentData(str(exc))
    if isinstance(exc, UserInvalid | OrderInvalid):
        return exceptions.ValidationError(exc.errors)
    return exceptions.ValidationError({exc.field: [str(exc)]})


def request_exception(exc: SuspiciousOperation) -> exceptions.APIException:
    """Translate Django's refusal to read a request into a 413 or a 400."""
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return BodyTooLarge(f"The request body is larger than {limit} bytes.")
    if isinstance(exc, TooManyFieldsSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return BadRequest(f"The request has more than {limit} parameters.")
    return BadRequest()


def domain_exception_handler(
    exc: Exception, context: dict[str, object]
) -> Response | None:
    """Render domain exceptions like DRF's own; leave everything else to DRF."""
    if isinstance(exc, UserError | OrderError):
        exc = to_api_exception(exc)
    elif isinstance(exc, SuspiciousOperation):
        exc = request_exception(exc)
    elif isinstance(exc, EventHandlerFailed):
        logger.error("Rolled back: %s", exc, exc_info=exc.cause)
        event = type(exc.event).__name__
        exc = ChangeRolledBack(
            f"Nothing was changed: a subscriber could not handle {event}. "
            "Try again; the server log names the failure."
        )
    return exception_handler(exc, context)
